import Benchmark
import CoopmailClassification
import CoopmailDomain

// The matcher's cost per document with a department's registry (650) and the federation's (50,000), indexed, beside
// the plain scan of every cooperative (the peer the index replaced). The same 40 documents each time; the small
// registry is the first 650 rows of the large one, so every document has the same answer in both.
// Ratios: `Benchmarks/micro.sh` prints them from this run's figures.

/// A small deterministic generator (SplitMix64): the same registry on every run and machine.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Corpus {
    static let kinds = [
        "École élémentaire", "École maternelle", "École polyvalente", "Groupe scolaire", "École primaire",
    ]
    static let people = [
        "Jules Ferry", "Jean Jaurès", "Louise Michel", "Victor Hugo", "Paul Bert", "Marie Curie", "Anatole France",
        "Émile Zola", "Jean Moulin", "Françoise Dolto", "Jacques Prévert", "Robert Desnos", "Condorcet",
        "Lucie Aubrac", "Simone Veil", "Georges Brassens", "Paul Langevin",
    ]
    static let streets = [
        "rue Keller", "rue des Pyrénées", "rue Pierre-Budin", "boulevard Arago", "rue de Tanger", "rue Championnet",
        "passage Ramey", "rue du Télégraphe", "place Hébert", "rue Olivier-Métra", "quai de Jemmapes", "rue Fessart",
    ]
    static let syllables = ["ber", "tin", "lou", "mar", "gé", "ron", "vil", "ette", "ça", "dé", "ssy", "mont", "cha"]

    static func iban(account: String, g: inout SplitMix) -> String {
        let bban =
            "10107" + String(format: "%05d", Int(g.next() % 99_999)) + account
            + String(format: "%02d", Int(g.next() % 97))
        var remainder = 0
        for ch in bban + "152700" { if let d = ch.wholeNumberValue { remainder = (remainder * 10 + d) % 97 } }
        return "FR" + String(format: "%02d", 98 - remainder) + bban
    }

    static let otherDepartments = Array(1...95).filter { $0 != 75 }

    /// `count` cooperatives: department 75 first (numbers 1…999, so every stray number collides), then others.
    static func registry(count: Int) -> [Cooperative] {
        var g = SplitMix(state: 2026)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        var coops: [Cooperative] = []
        coops.reserveCapacity(count)
        for i in 0..<count {
            // 999 numbers a department: 75 first, then other departments, each once (no number registered twice).
            let department = i < 999 ? 75 : otherDepartments[(i / 999 - 1) % otherDepartments.count]
            guard let number = CooperativeNumber(department: department, number: 1 + i % 999) else { continue }
            let invented = (0..<(2 + Int(g.next() % 2))).map { _ in pick(syllables) }.joined().capitalized
            let tail: String =
                switch g.next() % 3 {
                case 0: pick(people)
                case 1: pick(streets)
                default: invented
                }
            let account = String(format: "%03d%08d", Int(g.next() % 1000), i)
            coops.append(
                Cooperative(
                    number: number, school: "\(pick(kinds)) \(tail)", town: "Ville \(department)",
                    mandataire: Mandataire(name: "Mandataire \(i)", emails: ["mandataire\(i)@ecole.test"]),
                    iban: iban(account: account, g: &g)))
        }
        return coops
    }

    /// Forty documents of the first 650 cooperatives: a statement with its IBAN, a quitus naming the school and
    /// the number, an OCR page with a slip, a mail from an unregistered sender.
    static func documents(of registry: ArraySlice<Cooperative>) -> [MatchInput] {
        var g = SplitMix(state: 75)
        var out: [MatchInput] = []
        for k in 0..<40 {
            let coop = registry[registry.startIndex + Int(g.next() % UInt64(registry.count))]
            let sender = k % 4 == 3 ? "parent\(k)@gmail.test" : coop.mandataire.emails.first
            let text: String
            switch k % 4 {
            case 0:
                text =
                    "BRED BANQUE POPULAIRE\nRELEVE DE COMPTE\nCOOPERATIVE SCOLAIRE \(coop.school.uppercased())\n"
                    + "IBAN \(coop.iban ?? "")\nSOLDE AU 31/08/2026 1 234,56\n"
            case 1:
                text = "Quitus — exercice 2025-2026\nCoopérative n° \(coop.number) \(coop.school)\nAD 75 — OCCE 75014\n"
            case 2:
                text =
                    "Coopérative scolaire \(coop.school.replacingOccurrences(of: "e", with: "c", options: [], range: nil))"
                    + "\nRelevé au 31/08/2026"
            default:
                text = "Bonjour, voici le quitus de l'école \(coop.school). Merci"
            }
            out.append(
                MatchInput(
                    sender: sender, subject: "CRF \(coop.number)", body: "Bonjour,\nci-joint nos documents.",
                    filename: "releve-\(k).pdf", documentText: text, documentTextIsOCR: k % 4 == 2))
        }
        return out
    }
}

let benchmarks: @Sendable () -> Void = {
    let large = Corpus.registry(count: 50_000)
    let small = Array(large.prefix(650))
    let documents = Corpus.documents(of: large.prefix(650))
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
    let configuration = Benchmark.Configuration(metrics: metrics, maxDuration: .seconds(3), maxIterations: 200)

    let indexedSmall = CooperativeMatcher(registry: small)
    Benchmark("match 40 documents, 650 cooperatives, indexed", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { for d in documents { blackHole(indexedSmall.match(d)) } }
    }
    let indexedLarge = CooperativeMatcher(registry: large)
    Benchmark("match 40 documents, 50000 cooperatives, indexed", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { for d in documents { blackHole(indexedLarge.match(d)) } }
    }
    let scanSmall = CooperativeMatcher(registry: small, lookup: .plainScan)
    Benchmark("match 40 documents, 650 cooperatives, plain scan (peer)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations { for d in documents { blackHole(scanSmall.match(d)) } }
    }
    Benchmark(
        "build the index of 50000 cooperatives",
        configuration: .init(metrics: metrics, maxDuration: .seconds(5), maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(RegistryIndex(registry: large)) }
    }
}

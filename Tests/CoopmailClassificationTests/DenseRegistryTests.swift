import CoopmailDomain
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

@testable import CoopmailClassification

/// A large association registers nearly every number of its département: any stray number (the département in
/// « OCCE 75 », a postcode, a branch code, a page number, a date) then names a registered cooperative. None may count.
@Suite struct DenseRegistryTests {
    /// 075-0001 … 075-0999, the fixture registry's cooperatives with their real names, addresses and IBANs.
    static func denseRegistry() throws -> [Cooperative] { try FixtureRegistry.dense() }

    static let finder = CooperativeNumberFinder(defaultDepartment: 75)

    @Test func everyFixtureMailNamesOnlyKnownCooperatives() throws {
        let known: Set<Int> = [42, 123, 124, 125, 456, 789, 790]
        let folder = Repository.url("Fixtures/mail")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            .sorted()
        #expect(names.count >= 10)
        for name in names {
            // The raw mail as text: headers (dates, Message-IDs, boundaries), bodies, base64: the worst case.
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            let stray = Self.finder.find(in: text).filter {
                !known.contains($0.number.number) || $0.number.department != 75
            }
            #expect(stray.isEmpty, "\(name): \(stray.map { "\($0.written) → \($0.number)" })")
        }
    }

    /// Retkoop quitus and bank statement texts with the things that look like numbers, varied by seed.
    static func generated(seed: UInt64) -> (text: String, truth: CooperativeNumber?, kind: String) {
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let n = Int(g.next() % 999) + 1
        let truth = CooperativeNumber(department: 75, number: n)!
        let printed = g.next() % 3 != 0
        let four = String(format: "%04d", n)
        let postcode = pick(["75014", "75 014", "75011", "75 020", "75116"])
        let page = pick(["Page 1/2", "page 2 / 2", "1 / 3", "Page 1 sur 2", "p. 2", "2/2", ""])
        let guichet = String(format: "%05d", Int(g.next() % 999) + 1)
        var lines: [String] = []
        if g.next() % 2 == 0 {
            lines.append(
                pick([
                    "OCCE - Office Central de la Coopération à l'École", "Office Central de la Coopération à l'École",
                ]))
            lines.append(
                pick([
                    "Association départementale de Paris (AD 75)", "Association départementale (AD75)",
                    "OCCE 75", "l'OCCE 75 vous remercie", "Association départementale de Paris",
                ]))
            lines.append("COMPTE RENDU FINANCIER - Exercice 2020-2021")
            if printed {
                lines.append(
                    pick([
                        "Coopérative n° 075-\(four)", "Coopérative : 075-\(four)", "N° de coopérative : \(four)",
                        "coop \(n)", "Coopérative scolaire n° \(four)", "Numéro de coopérative 75-\(four)",
                    ]))
            }
            lines.append(
                "École élémentaire \(pick(["Rue Keller", "Belleville", "des Lilas"])) - \(Int(g.next() % 120) + 1) rue de la Paix \(postcode) Paris"
            )
            lines.append(
                "Report à nouveau au 01/09/2020 \(Int(g.next() % 5000)),\(String(format: "%02d", Int(g.next() % 100))) €"
            )
            lines.append("Total des produits \(Int(g.next() % 9000)) €")
            lines.append(
                "Solde banque au 31/08/2021 \(Int(g.next() % 3000)) \(String(format: "%03d", Int(g.next() % 1000))),50 €"
            )
            lines.append("Fait à Paris, le \(Int(g.next() % 28) + 1)/09/2021   \(page)")
            return (lines.joined(separator: "\n"), printed ? truth : nil, "quitus")
        }
        lines.append("BRED Banque Populaire   RELEVE DE COMPTE n° \(Int(g.next() % 40) + 1)")
        lines.append(
            "Agence Paris \(pick(["Bastille", "Gobelins"])) - \(Int(g.next() % 90) + 1) boulevard Arago \(postcode) Paris - Tél. 01 43 55 12 34"
        )
        lines.append(
            pick([
                "Code banque 10107  Code guichet \(guichet)  N° de compte 00518064209  Clé RIB 68",
                "Banque 10107 Guichet \(guichet) Compte 00518064209 Clé 68", "Agence n° \(guichet)",
                "Agence : \(Int(g.next() % 999) + 1)",
            ]))
        if printed {
            lines.append(
                pick(["COOPERATIVE SCOLAIRE OCCE \(four)", "COOP SCOL 075-\(four)", "Titulaire : COOPERATIVE \(n)"]))
        }
        lines.append(
            "COOPERATIVE SCOLAIRE OCCE\nCOOP SCOL EE \(pick(["KELLER", "LILAS"]))\n\(Int(g.next() % 40) + 1) RUE DES ECOLES\n\(postcode) PARIS"
        )
        lines.append(
            "du \(Int(g.next() % 28) + 1)/08/2021 au \(Int(g.next() % 28) + 1)/09/2021   Relevé n° \(Int(g.next() % 60) + 1)"
        )
        lines.append("2021-08-\(Int(g.next() % 20) + 10) CHQ \(Int(g.next() % 9000) + 1000) \(Int(g.next() % 400)),00")
        lines.append("31/08 VIR SEPA REF \(Int(g.next() % 900) + 100) \(Int(g.next() % 400)) €")
        lines.append("Remise n° \(Int(g.next() % 300) + 1)   Facture \(Int(g.next() % 999) + 1)   08/2021")
        lines.append("BRED Banque Populaire, SA coopérative de banque populaire, 552 091 795 RCS Paris. \(page)")
        return (lines.joined(separator: "\n"), printed ? truth : nil, "statement")
    }

    @Test(arguments: 0..<8) func generatedQuitusAndStatementsNameOnlyTheirCooperative(batch: UInt64) throws {
        let matcher = CooperativeMatcher(registry: try Self.denseRegistry(), defaultDepartment: 75)
        for seed in (batch * 50)..<(batch * 50 + 50) {
            let (text, truth, kind) = Self.generated(seed: seed)
            let found = Self.finder.find(in: text)
            #expect(
                found.allSatisfy { $0.number == truth },
                "seed \(seed) \(kind): \(found.map { "\($0.written) → \($0.number)" })\n\(text)")
            if let truth {
                #expect(found.contains { $0.number == truth }, "seed \(seed) \(kind): \(truth) not found\n\(text)")
            }
            let m = matcher.match(MatchInput(documentText: text))
            if let c = m.cooperative { #expect(c == truth, "seed \(seed): matched \(c)") }
        }
    }

    @Test func departmentAndPostcodesAreNotCooperatives() {
        for text in [
            "Association départementale de Paris (AD 75)", "l'OCCE 75", "OCCE 75", "AD75", "75014 Paris",
            "75 014 PARIS",
            "code guichet 00123", "Page 1/2", "1 / 3", "Relevé n° 12", "Agence n° 456", "le 2021-08-31",
        ] {
            #expect(Self.finder.find(in: text).isEmpty, "\(text)")
        }
        // The real forms still work.
        #expect(Self.finder.find(in: "OCCE 75 - coopérative n° 0123").map(\.number.description) == ["075-0123"])
        #expect(Self.finder.find(in: "coop 75-123").map(\.number.description) == ["075-0123"])
        #expect(Self.finder.find(in: "Coopérative 075 0123, 75014 Paris").map(\.number.description) == ["075-0123"])
    }

    /// A full number OCR cut with a space (seed-33 corpus, a quitus photo: « Coopérative n° 075-01 00 » for
    /// 075-0100) is read as no number rather than as its first group after « n° » (075-0075, registered in a dense
    /// registry): every number of the dense registry, cut at each place, after each wording.
    @Test func aFullNumberOCRCutIsNotItsFirstGroup() throws {
        let matcher = CooperativeMatcher(registry: try Self.denseRegistry(), defaultDepartment: 75)
        for n in 1...999 {
            let digits = Array(String(format: "%04d", n))
            for cut in 1..<digits.count {
                let written = "075-" + String(digits[..<cut]) + " " + String(digits[cut...])
                for line in [
                    "Coopérative n° \(written)", "coop \(written)", "N° \(written) École", "numéro \(written)",
                ] {
                    let found = Self.finder.find(in: line).map(\.number)
                    #expect(found.allSatisfy { $0.number == n && $0.department == 75 }, "\(line): \(found)")
                    let m = matcher.match(MatchInput(documentText: line))
                    if let c = m.cooperative { #expect(c.number == n, "\(line): matched \(c)") }
                }
            }
        }
    }

    /// File names carry the month they cover (`releve-2021-08-0123.pdf`, `scan_2021_08`, `202108`): the year and
    /// month are no département and number (`08-0123` is 008-0123, registered in a national registry), whatever the
    /// separators; the cooperative's own number around them is still found.
    @Test(arguments: 0..<4) func yearAndMonthInAFileNameAreNoDepartment(batch: UInt64) throws {
        // The dense registry, plus the numbers a year and month would be misread as, registered elsewhere.
        var registry = try Self.denseRegistry()
        var decoys = Set<CooperativeNumber>()
        for month in 1...12 {
            for n in [month, 20 + month % 10, 75, 123, 456] {
                for d in [month, 20, 21] {
                    if let number = CooperativeNumber(department: d, number: n) { decoys.insert(number) }
                }
            }
        }
        for number in decoys.sorted() {
            registry.append(
                Cooperative(
                    number: number, school: "École \(number)", town: "Ailleurs",
                    mandataire: Mandataire(name: "M", emails: ["m\(number.department)-\(number.number)@ecole.test"]),
                    iban: nil))
        }
        let matcher = CooperativeMatcher(registry: registry, defaultDepartment: 75)
        var g = SeededGenerator(seed: 9000 + batch)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for _ in 0..<60 {
            let year = 2018 + Int(g.next() % 8)
            let month = 1 + Int(g.next() % 12)
            let day = 1 + Int(g.next() % 28)
            let mm = String(format: "%02d", month)
            let dd = String(format: "%02d", day)
            let n = 1 + Int(g.next() % 999)
            let four = String(format: "%04d", n)
            let sep = pick(["-", "_", ".", ""])
            let date = pick(["\(year)\(sep)\(mm)", "\(year)\(sep)\(mm)\(sep)\(dd)"])
            let prefix = pick(["releve", "Releve", "scan", "quitus", "CRF", "document"])
            let written = Bool.random(using: &g)
            let name =
                written
                ? pick([
                    "\(prefix)-\(date)-075-\(four).pdf", "\(prefix)_\(date)_075-\(four).pdf",
                    "\(prefix)_075-\(four)_\(date).pdf", "\(date)-075-\(four).pdf",
                ])
                : pick([
                    "\(prefix)-\(date)-\(four).pdf", "\(prefix)_\(date)_\(four).pdf", "\(prefix)-\(date).pdf",
                    "\(date).pdf", "\(prefix)-\(date)-\(String(format: "%03d", n)).jpg",
                ])
            let truth = CooperativeNumber(department: 75, number: n)
            let found = Self.finder.find(in: CooperativeMatcher.filenameSpaced(name))
            #expect(found.allSatisfy { $0.number == truth }, "\(name): \(found.map { "\($0.written) → \($0.number)" })")
            if written { #expect(found.map(\.number) == [truth].compactMap { $0 }, "\(name)") }
            let m = matcher.match(MatchInput(filename: name, documentText: "Relevé de compte"))
            if let c = m.cooperative { #expect(c == truth, "\(name): matched \(c)") }
            #expect(!m.evidence.contains { $0.contains("contradictoires") }, "\(name): \(m.evidence)")
        }
    }
}

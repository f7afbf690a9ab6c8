import CoopmailClassification
import CoopmailDomain
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

/// The indexed matcher decides exactly as the plain scan of the registry: same cooperative, confidence and evidence,
/// on random registries and documents (seeded) and on the whole fixture corpus.
@Suite struct RegistryIndexTests {
    static let people = [
        "Jules Ferry", "Jean Jaurès", "Louise Michel", "Victor Hugo", "Paul Bert", "Marie Curie",
        "Anatole France", "Émile Zola", "Jean Moulin", "Pierre Brossolette", "Françoise Dolto",
        "Jacques Prévert", "Jean de La Fontaine", "Robert Desnos", "Condorcet", "Charles Péguy",
        "Marcel Pagnol", "Lucie Aubrac", "Simone Veil", "Georges Brassens", "Paul Langevin", "Ferri",
    ]
    static let saints = [
        "Saint-Exupéry", "Sainte-Marie", "Saint-Ambroise", "Saint-Bernard", "Sainte-Isaure",
        "Saint-Merri", "Saint-Dominique",
    ]
    static let places = [
        "des Batignolles", "de la Goutte-d'Or", "du Château-des-Rentiers", "des Lilas", "de Belleville",
        "de la Butte-aux-Cailles", "des Epinettes", "du Moulin-Vert", "de Ménilmontant", "des Récollets",
    ]
    static let streets = [
        "rue Keller", "rue des Pyrénées", "avenue de la Porte-Brunet", "rue Pierre-Budin",
        "boulevard Arago", "rue de Tanger", "rue Championnet", "passage Ramey", "rue du Télégraphe",
        "place Hébert", "rue Olivier-Métra", "quai de Jemmapes", "rue Fessart", "rue Pihet",
    ]
    static let kinds = [
        "École élémentaire", "École maternelle", "Maternelle", "École polyvalente", "Groupe scolaire",
        "École primaire", "EE", "EM", "École élém.",
    ]
    static let syllables = [
        "ber", "tin", "lou", "mar", "gé", "ron", "vil", "ette", "ça", "dé", "ssy", "ch", "au", "mont",
    ]

    /// A French IBAN with valid check digits (mod 97) for bank, branch, account (11) and RIB key.
    static func frenchIBAN(bank: Int, branch: Int, account: String, key: Int) -> String {
        let bban = String(format: "%05d%05d", bank, branch) + account + String(format: "%02d", key)
        var remainder = 0
        for ch in bban + "152700" {  // F = 15, R = 27, check digits 00
            if let d = ch.wholeNumberValue { remainder = (remainder * 10 + d) % 97 }
        }
        return "FR" + String(format: "%02d", 98 - remainder) + bban
    }

    static func registry(seed: UInt64) -> [Cooperative] {
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func chance(_ percent: UInt64) -> Bool { g.next() % 100 < percent }
        let count = 20 + Int(g.next() % 300)
        var coops: [Cooperative] = []
        var emails: [String] = []
        var accounts: [String] = []
        for i in 0..<count {
            let invented = (0..<(2 + Int(g.next() % 2))).map { _ in pick(syllables) }.joined().capitalized
            let tail =
                switch g.next() % 6 {
                case 0: pick(people)
                case 1: pick(saints)
                case 2: pick(places)
                case 3: pick(streets)
                case 4: "\(pick(streets)) \(pick(people))"
                default: invented + (chance(50) ? "-" + pick(people) : "")
                }
            var school = "\(pick(kinds)) \(tail)"
            if chance(5) { school = school.uppercased() }
            if chance(3) { school = pick(kinds) }  // no distinctive word at all
            let department = chance(80) ? 75 : pick([1, 13, 69, 92, 93, 94, 971, 976])
            let number = CooperativeNumber(
                department: department, number: chance(3) ? 1 + i % 5 : 1 + Int(g.next() % 999))!
            var mine: [String] = []
            if chance(8), !emails.isEmpty { mine.append(pick(emails)) }  // one mandataire, several coops
            if chance(90) || mine.isEmpty {
                let e =
                    "\(pick(["claire", "jean", "anne", "luc", "zoé"])).\(pick(["martin", "petit", "durand", "roux"]))\(i)@\(pick(["ac-paris.fr", "gmail.com", "ecole.test"]))"
                mine.append(chance(10) ? e.uppercased() : e)
                emails.append(e)
            }
            var iban: String?
            if chance(85) {
                let account =
                    chance(5) && !accounts.isEmpty
                    ? pick(accounts)
                    : String(format: "%03d%08d", Int(g.next() % 10), Int(g.next() % 100_000_000))
                accounts.append(account)
                iban = frenchIBAN(
                    bank: pick([10107, 30004, 20041]), branch: Int(g.next() % 99999), account: account,
                    key: Int(g.next() % 97))
                if chance(3), let last = coops.last?.iban { iban = last }  // the same account registered twice
                if chance(10), let plain = iban {
                    iban = stride(from: 0, to: plain.count, by: 4).map { o in
                        String(plain.dropFirst(o).prefix(4))
                    }.joined(separator: " ").lowercased()
                }
            }
            coops.append(
                Cooperative(
                    number: number, school: school, town: "Paris",
                    mandataire: Mandataire(name: "M \(i)", emails: mine), iban: iban))
        }
        return coops
    }

    /// One OCR slip: a letter replaced, dropped, doubled, or two swapped (two edits: beyond the tolerance).
    static func slip(_ word: String, _ g: inout SeededGenerator) -> String {
        var c = Array(word)
        guard c.count >= 2 else { return word }
        let i = Int(g.next() % UInt64(c.count))
        switch g.next() % 4 {
        case 0: c[i] = Array("rnilce0o1")[Int(g.next() % 9)]
        case 1: c.remove(at: i)
        case 2: c.insert(c[i], at: i)
        default: if i + 1 < c.count { c.swapAt(i, i + 1) }
        }
        return String(c)
    }

    static func input(seed: UInt64, registry: [Cooperative]) -> MatchInput {
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        func chance(_ percent: UInt64) -> Bool { g.next() % 100 < percent }
        let coops = (0..<(1 + Int(g.next() % 3))).map { _ in pick(registry) }
        let main = coops[0]
        let ocr = chance(50)
        var fragments: [String] = []
        for coop in coops {
            var words = coop.school.split(separator: " ").map(String.init)
            if chance(30) { words = Array(words.prefix(max(1, words.count - 1))) }
            words = words.map { w in ocr && chance(25) ? slip(w, &g) : w }
            if chance(20) { words = words.map { $0.uppercased() } }
            fragments.append(words.joined(separator: pick([" ", "  ", "\n", "-"])))
            if chance(40) {
                fragments.append(
                    pick([
                        "Coopérative n° \(coop.number)", "coop \(coop.number.number)", "n° \(coop.number.number)",
                        "COOP SCOL \(coop.number)",
                    ]))
            }
        }
        fragments.append(
            pick([
                "Solde au 31/08/2021 1 234,56 €", "Fait à Paris le 12/09/2021", "RELEVE DE COMPTE", "",
                "Total des charges 980,00", "OCCE 75 Association départementale",
            ]))
        if chance(30) { fragments.append(pick(people + saints + places + streets)) }  // a stray name
        fragments.shuffle(using: &g)
        var statement: BankStatement?
        if chance(40) {
            var iban = main.iban.flatMap(IBAN.normalized)
            if chance(20) { iban = pick(registry).iban.flatMap(IBAN.normalized) }
            if chance(10) { iban = "FR7610107001010000000000099" }
            var account: String?
            if chance(50), let digits = iban.flatMap(IBAN.frenchAccountDigits) {
                let stripped = String(digits.drop(while: { $0 == "0" }))
                account = pick([
                    digits, stripped,
                    stripped.enumerated().map { i, c in i == 3 || i == 5 ? ".\(c)" : "\(c)" }.joined(),
                ])
            }
            statement = BankStatement(
                holder: chance(50) ? "COOP SCOL \(main.school.uppercased())" : nil, iban: iban, accountNumber: account)
        }
        let quitus =
            chance(30)
            ? Quitus(cooperativeNumbers: chance(50) ? [main.number] : [], school: chance(50) ? main.school : nil) : nil
        let sender: String? =
            switch g.next() % 4 {
            case 0: nil
            case 1: "inconnu@example.org"
            case 2: "\"\(main.mandataire.name)\" <\(pick(main.mandataire.emails).uppercased())>"
            default: pick(pick(registry).mandataire.emails)
            }
        let subject = pick([
            "Quitus \(main.number)", "Documents coop \(coops.last!.number.number)", "Relevé", "",
            "Dossier \(pick(registry).school)", "coop \(main.number) et \(pick(registry).number)",
        ])
        let body = pick([
            "Bonjour, ci-joint les pièces de la coopérative \(main.school).", "Bonjour", "",
            "Voici le quitus de l'école \(pick(registry).school) n° \(main.number.number)",
        ])
        let filename: String? = pick([
            nil, "quitus_\(main.number).pdf", "releve-075-\(String(format: "%04d", main.number.number)).pdf",
            "scan.jpg",
        ])
        return MatchInput(
            sender: sender, subject: subject, body: body, filename: filename,
            documentText: chance(10) ? "" : fragments.joined(separator: "\n"), statement: statement, quitus: quitus,
            documentTextIsOCR: ocr)
    }

    /// 20 registries × 200 documents, each decided by the plain scan and by the index.
    @Test(arguments: 0..<20) func indexedMatcherDecidesAsThePlainScan(batch: UInt64) {
        let registry = Self.registry(seed: 1000 + batch)
        let plain = CooperativeMatcher(registry: registry, defaultDepartment: 75, lookup: .plainScan)
        let indexed = CooperativeMatcher(registry: registry, defaultDepartment: 75)
        var matched = 0
        var schoolSignals = 0
        for seed in (batch * 200)..<(batch * 200 + 200) {
            let input = Self.input(seed: seed, registry: registry)
            let expected = plain.match(input)
            let got = indexed.match(input)
            #expect(
                got == expected,
                "registre \(batch), document \(seed) (OCR \(input.documentTextIsOCR)) :\n\(input.documentText)\n\(expected)\n\(got)"
            )
            if expected.cooperative != nil { matched += 1 }
            if expected.evidence.contains(where: { $0.contains("nom d'école") }) { schoolSignals += 1 }
        }
        // The cases exercise both outcomes and the school names, not just abstentions.
        #expect(matched > 20 && matched < 190)
        #expect(schoolSignals > 50)
    }

    /// OCR words one slip away from registered names (and two slips away) are found by the index exactly when the
    /// plain comparison finds them.
    @Test(arguments: 0..<10) func slipsAreToleratedAsByThePlainComparison(batch: UInt64) {
        let registry = Self.registry(seed: 5000 + batch)
        let index = RegistryIndex(registry: registry)
        let plain = CooperativeMatcher(registry: registry, lookup: .plainScan)
        let indexed = CooperativeMatcher(index: index)
        var g = SeededGenerator(seed: 9000 + batch)
        var near = 0
        for _ in 0..<300 {
            let coop = registry[Int(g.next() % UInt64(registry.count))]
            var words = SchoolNameMatcher.distinctiveWords(coop.school)
            guard !words.isEmpty else { continue }
            words = words.map { w in
                var s = Self.slip(w, &g)
                if g.next() % 4 == 0 { s = Self.slip(s, &g) }
                return s
            }
            for ocr in [true, false] {
                let input = MatchInput(documentText: words.joined(separator: " "), documentTextIsOCR: ocr)
                let expected = plain.match(input)
                #expect(indexed.match(input) == expected, "\(coop.school) → \(words) (OCR \(ocr))")
                if ocr, expected.evidence.contains(where: { $0.contains("nom d'école") }) { near += 1 }
            }
        }
        #expect(near > 50)
    }

    /// The raw fixture mails and the dense-registry tests' generated documents, with the fixture registry and the
    /// dense one. The fixture documents as read are compared in the reading tests (`CorpusMatchingTests`).
    @Test func fixtureMailsAndGeneratedDocumentsDecideAsThePlainScan() throws {
        for registry in [try FixtureRegistry.cooperatives(), try FixtureRegistry.dense()] {
            let plain = CooperativeMatcher(registry: registry, defaultDepartment: 75, lookup: .plainScan)
            let indexed = CooperativeMatcher(registry: registry, defaultDepartment: 75)
            // The raw fixture mails (headers, bodies, base64) as subject and text, typed and as if OCR.
            let folder = Repository.url("Fixtures/mail")
            let mails = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
            #expect(mails.count >= 10)
            for mail in mails.sorted() {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(mail)), as: UTF8.self)
                let from = text.split(separator: "\n").first { $0.hasPrefix("From:") }.map { String($0.dropFirst(5)) }
                for ocr in [false, true] {
                    let input = MatchInput(
                        sender: from, subject: String(text.prefix(200)), body: text, filename: mail,
                        documentText: text, documentTextIsOCR: ocr)
                    #expect(indexed.match(input) == plain.match(input), "\(mail)")
                }
            }
            for seed in 0..<400 as Range<UInt64> {
                let input = MatchInput(
                    documentText: DenseRegistryTests.generated(seed: seed).text, documentTextIsOCR: seed % 2 == 0)
                #expect(indexed.match(input) == plain.match(input), "généré \(seed)")
            }
        }
    }
}

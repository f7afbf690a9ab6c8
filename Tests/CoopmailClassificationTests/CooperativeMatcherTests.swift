import CoopmailClassification
import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@Suite struct CooperativeMatcherTests {
    let matcher: CooperativeMatcher
    let registry: [Cooperative]

    init() throws {
        registry = try FixtureRegistry.cooperatives()
        matcher = CooperativeMatcher(registry: registry, defaultDepartment: 75)
    }

    func coop(_ n: String) -> Cooperative { registry.first { $0.number.description == n }! }

    @Test func registeredSenderWithNumberInSubject() {
        let m = matcher.match(
            sender: "Claire Martin <Claire.Martin@ac-paris.fr>", subject: "Documents coop 0123",
            body: "Bonjour", filename: "scan.pdf", documentText: "")
        #expect(m.cooperative?.description == "075-0123")
        #expect(m.confidence >= 0.8)
        #expect(m.evidence.contains("expéditeur enregistré pour 075-0123"))
        #expect(m.evidence.contains("numéro 075-0123 dans l'objet"))
    }

    @Test func unregisteredSenderWithoutOtherSignalIsNotMatched() {
        let m = matcher.match(
            sender: "inconnu@example.org", subject: "Documents", body: "Bonjour, ci-joint.",
            filename: "doc.pdf", documentText: "Madame, Monsieur, veuillez trouver ci-joint nos documents.")
        #expect(m.cooperative == nil)
        #expect(m.evidence.contains { $0.contains("absent du registre") })
    }

    @Test func registeredSenderAloneIsNotEnough() {
        let m = matcher.match(sender: "paul.durand@ac-paris.fr", subject: "", body: "", filename: nil, documentText: "")
        #expect(m.cooperative == nil)
        #expect(m.confidence < 0.8)
        #expect(m.evidence.contains { $0.contains("inférieure au seuil") })
    }

    @Test func statementIBANDecidesBetweenTheTwoCoopsOfOneMandataire() {
        let target = coop("075-0790")
        let statement = BankStatement(iban: target.iban, accountNumber: nil)
        let m = matcher.match(
            sender: "sophie.bernard@ac-paris.fr", subject: "Relevé", body: "", filename: "releve.pdf",
            documentText: "RELEVE DE COMPTE", statement: statement)
        #expect(m.cooperative == target.number)
        #expect(m.evidence.contains("IBAN du relevé = IBAN enregistré de 075-0790"))
    }

    @Test func sharedSenderAloneAbstains() {
        let m = matcher.match(
            sender: "sophie.bernard@ac-paris.fr", subject: "Relevé", body: "", filename: nil, documentText: "")
        #expect(m.cooperative == nil)
    }

    @Test func conflictingStrongSignalsAbstain() {
        // Sent by 075-0123's mandataire, but the statement's IBAN is 075-0456's.
        let statement = BankStatement(iban: coop("075-0456").iban)
        let m = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: "coop 075-0123", body: "", filename: nil,
            documentText: "RELEVE DE COMPTE", statement: statement)
        #expect(m.cooperative == nil)
        #expect(m.evidence.first?.hasPrefix("signaux contradictoires") == true)
    }

    @Test func twoNumbersInTheDocumentAbstain() {
        let m = matcher.match(
            sender: nil, subject: "", body: "", filename: nil,
            documentText: "Coopérative 075-0123 ... Coopérative 075-0456")
        #expect(m.cooperative == nil)
    }

    @Test func shortAccountNumberMatchesRegisteredIBANDigits() {
        let statement = BankStatement(accountNumber: "518.06.4209")
        let m = matcher.match(sender: nil, subject: "", body: "", filename: nil, documentText: "", statement: statement)
        #expect(m.cooperative?.description == "075-0123")
        #expect(m.evidence.contains { $0.hasPrefix("numéro de compte 518.06.4209") })
    }

    @Test func schoolNameWithOCRNoiseSupportsTheSender() {
        let m = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: "", body: "", filename: nil,
            documentText: "ECOLE ELEMENTAIRE RUE KELIER\nCompte rendu", documentTextIsOCR: true)
        #expect(m.cooperative?.description == "075-0123")
        #expect(m.evidence.contains { $0.hasPrefix("nom d'école") })
    }

    @Test func postcodeAndPhoneAreNotNumbers() {
        let m = matcher.match(
            sender: nil, subject: "Ecole 75011", body: "Tél. 01 43 55 01 23, le 31/08/2021",
            filename: nil, documentText: "")
        #expect(m.cooperative == nil)
        #expect(m.confidence == 0)
    }

    @Test func unknownNumberIsNoted() {
        let m = matcher.match(sender: nil, subject: "", body: "", filename: nil, documentText: "Coopérative 075-0999")
        #expect(m.cooperative == nil)
        #expect(m.evidence.contains("numéro 075-0999 du document absent du registre"))
    }
}

@Suite struct LargeRegistryTests {
    /// A Paris-sized registry (800 coops) with schools on the same streets: the matcher still abstains or finds the right one.
    @Test func largeRegistryKeepsTheRightAnswer() throws {
        var registry = try FixtureRegistry.cooperatives()
        let streets = [
            "Oberkampf", "Belleville", "Ménilmontant", "Voltaire", "Charonne", "Faidherbe", "Popincourt", "Servan",
        ]
        for i in 0..<800 {
            let n = CooperativeNumber(department: 75, number: 1000 + i)!
            registry.append(
                Cooperative(
                    number: n,
                    school: "École \(i % 2 == 0 ? "élémentaire" : "maternelle") \(streets[i % streets.count]) \(i)",
                    town: "Paris", mandataire: Mandataire(name: "M\(i)", emails: ["m\(i)@ac-paris.fr"]), iban: nil))
        }
        let matcher = CooperativeMatcher(registry: registry)
        let text =
            String(repeating: "VIR SEPA CHQ REMISE FOURNITURES LIBRAIRIE PAPETERIE ", count: 40)
            + "COOP SCOL EE RUE KELLER"
        let keller = registry.first { $0.number.description == "075-0123" }!
        let m = matcher.match(
            sender: "m3@ac-paris.fr", subject: "", body: "", filename: nil, documentText: text,
            statement: BankStatement(iban: keller.iban))
        // Sender registered for 075-1003, IBAN of 075-0123: conflict, no match.
        #expect(m.cooperative == nil)
        let ok = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: "", body: "", filename: nil, documentText: text,
            statement: BankStatement(iban: keller.iban))
        #expect(ok.cooperative == keller.number)
    }
}

@Suite struct NumberSignTests {
    @Test func invoiceNumberInAStatementIsNotDecisive() throws {
        let registry = try FixtureRegistry.cooperatives()
        let matcher = CooperativeMatcher(registry: registry)
        let keller = registry.first { $0.number.description == "075-0123" }!
        // "FACTURE N° 456" names an invoice, not coop 075-0456: the IBAN decides.
        let m = matcher.match(
            sender: nil, subject: "", body: "", filename: nil,
            documentText: "RELEVE DE COMPTE\n12/08 PRLV SEPA FACTURE N° 456   - 30,00 €",
            statement: BankStatement(iban: keller.iban))
        #expect(m.cooperative == keller.number)
        // An invoice's number is no cooperative's at all; a bare « n° » is only supporting.
        #expect(CooperativeNumberFinder().find(in: "FACTURE N° 456").isEmpty)
        #expect(CooperativeNumberFinder().find(in: "N° 456").first?.form == .numberSign)
        #expect(CooperativeNumberFinder().find(in: "coopérative n° 456").first?.form == .keyword)
    }
}

@Suite struct SubjectSpellingTests {
    @Test(arguments: ["n°123", "Coop 123", "coopérative n° 0123", "075-0123", "75-123", "075 0123"])
    func registeredSenderAndAnySpellingInTheSubject(subject: String) throws {
        let matcher = CooperativeMatcher(registry: try FixtureRegistry.cooperatives())
        let m = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: subject, body: "", filename: nil, documentText: "")
        #expect(m.cooperative?.description == "075-0123")
    }
}

@Suite struct StatementAccountTests {
    @Test func accountVerdicts() throws {
        let registry = try FixtureRegistry.cooperatives()
        let keller = registry[0].iban
        let roquette = registry[1].iban
        #expect(StatementAccount.matches(BankStatement(iban: keller), registeredIBAN: keller) == true)
        #expect(StatementAccount.matches(BankStatement(iban: roquette), registeredIBAN: keller) == false)
        #expect(StatementAccount.matches(BankStatement(accountNumber: "518.06.4209"), registeredIBAN: keller) == true)
        #expect(StatementAccount.matches(BankStatement(accountNumber: "518.07.1133"), registeredIBAN: keller) == false)
        #expect(StatementAccount.matches(BankStatement(), registeredIBAN: keller) == nil)
        #expect(StatementAccount.matches(BankStatement(iban: keller), registeredIBAN: nil) == nil)
    }
}

/// The one-slip tolerance is for OCR output only: typed text must spell a school's words.
@Suite struct TypedTextMatchingTests {
    let registry = [
        Cooperative(
            number: CooperativeNumber(department: 75, number: 12)!, school: "École élémentaire Saint-Merri",
            town: "Paris",
            mandataire: Mandataire(name: "A", emails: ["a@ecole.test"]), iban: nil),
        Cooperative(
            number: CooperativeNumber(department: 75, number: 34)!, school: "École Keller", town: "Paris",
            mandataire: Mandataire(name: "B", emails: ["b@ecole.test"]), iban: nil),
    ]

    @Test func merciInATypedBodyIsNotSaintMerri() {
        let matcher = CooperativeMatcher(registry: registry)
        for input in [
            MatchInput(sender: "b@ecole.test", subject: "Merci", body: "Merci beaucoup, bonne journée"),
            MatchInput(sender: "b@ecole.test", filename: "merci.pdf"),
            MatchInput(sender: "b@ecole.test", documentText: "Merci de votre envoi", documentTextIsOCR: false),
        ] {
            let m = matcher.match(input)
            #expect(!m.evidence.contains { $0.contains("Saint-Merri") }, "\(m.evidence)")
            #expect(m.cooperative?.number != 12)
        }
    }

    @Test func anOCRSlipStillMatchesInOCRText() {
        let matcher = CooperativeMatcher(registry: registry)
        let ocr = matcher.match(
            MatchInput(documentText: "ECOLE ELEMENTAIRE SAINT-MERPI\nCompte rendu", documentTextIsOCR: true))
        #expect(ocr.evidence.contains { $0.contains("Saint-Merri") })
        let typed = matcher.match(
            MatchInput(documentText: "ECOLE ELEMENTAIRE SAINT-MERPI\nCompte rendu", documentTextIsOCR: false))
        #expect(!typed.evidence.contains { $0.contains("Saint-Merri") })
        let exact = matcher.match(MatchInput(body: "pour l'école Saint-Merri"))
        #expect(exact.evidence.contains { $0.contains("Saint-Merri") })
    }
}

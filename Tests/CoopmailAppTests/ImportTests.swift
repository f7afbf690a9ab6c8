import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

@Suite struct ImportTests {
    let registry =
        "\u{FEFF}numero;ecole;commune;mandataire;email;iban\n075-0123;École Keller;Paris 11e;Marie Dupont;marie@ecole.test|dir@ecole.test;FR76 3000 6000 0112 3456 7890 189\n75-124;\"École \"\"Voltaire\"\"; annexe\";Paris 11e;Paul;paul@ecole.test;\n"

    @Test func importsSemicolonCSVWithBOMQuotesAndSeveralAddresses() throws {
        let t = try TempStore()
        let s = try RegistryImporter(store: t.store).importCooperatives(csv: registry)
        #expect(s.added == 2)
        let coops = try t.store.db.read { try CooperativeRecord.order(Column("number")).fetchAll($0) }.compactMap(
            \.cooperative)
        #expect(coops.map(\.number.description) == ["075-0123", "075-0124"])
        #expect(coops[0].mandataire.emails == ["marie@ecole.test", "dir@ecole.test"])
        #expect(coops[0].iban == "FR7630006000011234567890189")
        #expect(coops[1].school == "École \"Voltaire\"; annexe")
        let again = try RegistryImporter(store: t.store).importCooperatives(
            csv: registry.replacingOccurrences(of: "Paul", with: "Paule"))
        #expect(again.updated == 1 && again.unchanged == 1 && again.added == 0)
    }

    /// A national registry's shape (several départements, one to three addresses, an IBAN or none, quotes and
    /// separators in names), drawn from `rng`.
    static func largeRegistry(rows: Int, using rng: inout SeededGenerator) -> (lines: [String], separator: String) {
        let words = ["Jules Ferry", "Voltaire", "des Lilas", "Jean Jaurès", "Pasteur", "du Parc", "Keller", "Curie"]
        var lines = ["numero;ecole;commune;mandataire;email;iban"]
        for i in 1...rows {
            let department = [75, 92, 93, 94, 13, 69][(i - 1) / 9999 % 6]
            let number = String(format: "%03d-%04d", department, (i - 1) % 9999 + 1)
            let word = words[Int.random(in: 0..<words.count, using: &rng)]
            let school =
                Bool.random(using: &rng) ? "École élémentaire \(word) \(i)" : "\"École \"\"\(word)\"\"; annexe \(i)\""
            let emails = (0..<Int.random(in: 1...3, using: &rng)).map { "m\(i)-\($0)@ecole\(i % 7).test" }
            var iban = ""
            if Int.random(in: 0..<10, using: &rng) > 0 {
                let account = String(
                    String(Int.random(in: 0..<99_999_999_999, using: &rng) + 100_000_000_000).dropFirst())
                let bban = "10107" + String(format: "%05d", i % 99999) + account + String(format: "%02d", i % 97)
                var remainder = 0
                for ch in bban + "152700" { remainder = (remainder * 10 + (ch.wholeNumberValue ?? 0)) % 97 }
                iban = String(format: "FR%02d", 98 - remainder) + bban
            }
            lines.append(
                "\(number);\(school);Ville \(i % 300);Mandataire \(i);\(emails.joined(separator: "|"));\(iban)")
        }
        return (lines, Bool.random(using: &rng) ? "\n" : "\r\n")
    }

    /// Importing the same large file again changes nothing: no row written, no dossier marked for recomputation, no
    /// date moved; a file with one row changed updates that row only, marks its dossier and clears its addresses'
    /// bounce marks.
    @Test(arguments: [UInt64(3), 4])
    func reimportingTheSameLargeRegistryChangesNothing(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let rows = 12_000
        let t = try TempStore()
        let (lines, separator) = Self.largeRegistry(rows: rows, using: &rng)
        let csv = lines.joined(separator: separator) + separator
        let first = try RegistryImporter(store: t.store).importCooperatives(csv: csv)
        #expect(first.added == rows && first.updated == 0 && first.unchanged == 0)
        // Dossiers for some of the cooperatives, up to date.
        let numbers = try t.store.db.read { try String.fetchAll($0, sql: "SELECT number FROM cooperative") }
        let withMail = (0..<40).compactMap { _ in numbers.randomElement(using: &rng) }
        try t.store.db.write { db in
            for (k, coop) in withMail.enumerated() {
                var m = MessageRecord(
                    key: "<i\(k)@t>", messageId: "<i\(k)@t>", rawSha256: String(repeating: "0", count: 64), rawSize: 1,
                    fromAddress: "x@ecole.test", fromName: nil, returnPath: nil, subject: "s", sentAt: nil,
                    receivedAt: "2021-10-01T10:00:00Z", inReplyTo: nil, references: nil, headers: "[]", bodyText: "",
                    source: "test", exercise: "2020-2021", status: MessageStatus.processed, quarantineReason: nil,
                    cooperative: coop, createdAt: "2021-10-01T10:00:00Z", nature: "documents")
                try m.insert(db)
            }
        }
        try DossierService(store: t.store).refreshPending()
        func registry() throws -> [Row] {
            try t.store.db.read { try Row.fetchAll($0, sql: "SELECT * FROM cooperative ORDER BY number") }
        }
        func marked() throws -> [String] {
            try t.store.db.read { try String.fetchAll($0, sql: "SELECT cooperative FROM dossier_dirty ORDER BY 1") }
        }
        let before = try registry()

        let again = try RegistryImporter(store: t.store).importCooperatives(csv: csv)
        #expect(again.added == 0 && again.updated == 0 && again.unchanged == rows)
        #expect(try marked() == [])
        #expect(try registry() == before)

        // One row changed: its addresses (the old ones were marked failing by a bounce).
        let changed = try #require(withMail.randomElement(using: &rng))
        let old = try #require(try t.store.db.read { try CooperativeRecord.fetchOne($0, key: changed) }?.cooperative)
        try t.store.db.write { db in
            for a in old.mandataire.emails {
                try AddressFailureRecord.mark(
                    db,
                    AddressFailureRecord(
                        address: a, status: "5.1.1", reason: "User unknown", failedAt: "2021-10-02T00:00:00Z",
                        message: nil))
            }
        }
        let edited =
            lines.map { line -> String in
                guard line.hasPrefix(changed + ";") else { return line }
                var f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                if let i = f.lastIndex(where: { $0.contains("@") }) { f[i] = "nouvelle@ecole.test" }
                return f.joined(separator: ";")
            }.joined(separator: separator) + separator
        let third = try RegistryImporter(store: t.store).importCooperatives(csv: edited)
        #expect(third.added == 0 && third.updated == 1 && third.unchanged == rows - 1)
        #expect(try marked() == [changed])
        let failures = try t.store.db.read { try AddressFailureRecord.fetchCount($0) }
        #expect(failures == 0)
    }

    @Test func importsCommaDeclarationsWithFrenchAmounts() throws {
        let t = try TempStore()
        let csv =
            "numero,exercice,report_a_nouveau,total_produits,total_charges,solde_banque,solde_caisse,cheques_non_debites,encaissements_non_credites\n"
            + "075-0123,2020-2021,\"1 234,56\",\"2.000,00\",-12.5,3222.06,0,\"60,00\",\n"
        let s = try RegistryImporter(store: t.store).importDeclarations(csv: csv)
        #expect(s.added == 1)
        let r = try #require(try t.store.db.read { try DeclarationRecord.fetchOne($0) }?.report)
        #expect(r.openingBalance.cents == 123456 && r.income.cents == 200000 && r.expenses.cents == -1250)
        #expect(
            r.bookBankBalance.cents == 322206 && r.outstandingCheques.cents == 6000 && r.depositsInTransit.cents == 0)
    }

    @Test func refusesABadFileWholeWithTheLine() throws {
        let t = try TempStore()
        let bad = registry + "075-0125;École;Paris;X;x@ecole.test;FR76 3000 6000 0112 3456 7890 188\n"
        do {
            _ = try RegistryImporter(store: t.store).importCooperatives(csv: bad)
            Issue.record("accepted a wrong IBAN")
        } catch let e as ImportError {
            #expect(e.line == 4)
            #expect(e.description.contains("IBAN invalide"))
        }
        let count = try t.store.db.read { try CooperativeRecord.fetchCount($0) }
        #expect(count == 0)
    }

    @Test(arguments: [
        ("numero;exercice\n075-0123;2020-2021\n", 1, "colonne"),
        (
            "numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites\n075-0123;2020-2021;12,345;0;0;0;0;0;0\n",
            2, "montant invalide"
        ),
        (
            "numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites\n075-0123;2020-2022;0;0;0;0;0;0;0\n",
            2, "exercice invalide"
        ),
    ])
    func refusesBadDeclarations(_ csv: String, _ line: Int, _ reason: String) throws {
        let t = try TempStore()
        #expect { try RegistryImporter(store: t.store).importDeclarations(csv: csv) } throws: { e in
            guard let e = e as? ImportError else { return false }
            return e.line == line && e.reason.contains(reason)
        }
    }
}

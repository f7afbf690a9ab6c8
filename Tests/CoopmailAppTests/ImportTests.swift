import CoopmailApp
import CoopmailStore
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
        #expect(again.updated == 2 && again.added == 0)
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

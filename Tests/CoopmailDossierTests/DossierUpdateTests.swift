import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite struct DossierUpdateTests {
    @Test func aLaterStatementForTheSamePeriodSupersedesTheEarlierOne() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 123_456, cheques: 6_000)
        let m1 = try f.message(coop: "075-0123", receivedAt: "2021-10-04T09:00:00Z")
        try f.document(message: m1, kind: .quitus, content: "quitus")
        let first = try f.document(
            message: m1, kind: .bankStatement, content: "releve v1", statement: augustStatement(123_456))
        #expect(try f.dossier("075-0123").check(.bankStatementMatches).verdict == .fail)
        #expect(try f.status("075-0123") == .toCorrect)

        let m2 = try f.message(coop: "075-0123", receivedAt: "2021-10-10T09:00:00Z")
        let second = try f.document(
            message: m2, kind: .bankStatement, content: "releve v2", statement: augustStatement(129_456))
        let d = try f.dossier("075-0123")
        #expect(d.check(.bankStatementMatches).verdict == .pass)
        #expect(d.documents.first { $0.id == first }?.role == .superseded(by: second))
        #expect(d.documents.first { $0.id == second }?.role == .current)
        #expect(d.documents.count == 3, "the superseded statement stays in the dossier")
        #expect(try f.status("075-0123") == .toReview)
    }

    @Test func statementsOfOtherPeriodsAreAllGivenToTheLedger() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        var july = augustStatement(55_555)
        july.periodStart = CalendarDate(year: 2021, month: 7, day: 1)
        july.periodEnd = CalendarDate(year: 2021, month: 7, day: 31)
        july.balances = [
            .init(date: CalendarDate(year: 2021, month: 7, day: 31)!, amount: Money(cents: 55_555), label: "SOLDE")
        ]
        try f.document(message: m, kind: .bankStatement, content: "august", statement: augustStatement(100_000))
        try f.document(message: m, kind: .bankStatement, content: "july", statement: july)
        let d = try f.dossier("075-0123")
        #expect(d.documents.allSatisfy { $0.role == .current })
        #expect(d.check(.bankStatementReceived).detail.contains("2 relevés"))
        #expect(d.check(.bankStatementMatches).verdict == .pass)
    }

    @Test func aResendOfTheSameBytesChangesNothing() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m1 = try f.message(coop: "075-0123")
        try f.document(message: m1, kind: .quitus, content: "quitus")
        let original = try f.document(
            message: m1, kind: .bankStatement, content: "releve", statement: augustStatement(100_000))
        _ = try f.service.approve(CooperativeNumber(parsing: "075-0123")!, exercise: exercise)
        let before = try f.dossier("075-0123")
        #expect(before.status == .validated)

        let m2 = try f.message(coop: "075-0123", receivedAt: "2021-11-01T09:00:00Z")
        let resend = try f.document(
            message: m2, kind: .bankStatement, content: "releve", statement: augustStatement(100_000))
        let after = try f.dossier("075-0123")
        #expect(after.checks == before.checks)
        #expect(after.digests == before.digests)
        #expect(after.documents.first { $0.id == resend }?.role == .resend(of: original))
        #expect(try f.status("075-0123") == .validated)
        #expect(
            try f.service.history(CooperativeNumber(parsing: "075-0123")!, exercise: exercise).map(\.action) == [
                .approve
            ])
    }

    @Test func aNewDocumentAfterADecisionReopensTheDossier() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m1 = try f.message(coop: "075-0123")
        try f.document(message: m1, kind: .bankStatement, content: "releve", statement: augustStatement(100_000))
        _ = try f.service.reject(CooperativeNumber(parsing: "075-0123")!, exercise: exercise, reason: "quitus manquant")
        #expect(try f.status("075-0123") == .rejected)

        let m2 = try f.message(coop: "075-0123", receivedAt: "2021-11-01T09:00:00Z")
        try f.document(message: m2, kind: .quitus, content: "quitus signé")
        #expect(try f.status("075-0123") == .toReview)
        let history = try f.service.history(CooperativeNumber(parsing: "075-0123")!, exercise: exercise)
        #expect(history.map(\.action) == [.reject, .reopen])
        #expect(history.last?.actor == StaffUser.automatic)
        // Refreshing again records nothing more.
        try f.service.refreshAll(exercise: exercise)
        #expect(try f.service.history(CooperativeNumber(parsing: "075-0123")!, exercise: exercise).count == 2)
    }

    @Test func reassigningMovesTheDocumentAndRefreshesBothDossiers() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.register("075-0124", school: "École Voltaire")
        try f.declare("075-0124", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .quitus, content: "quitus 123")
        let doc = try f.document(
            message: m, kind: .bankStatement, content: "releve 124", statement: augustStatement(100_000))
        #expect(try f.dossier("075-0123").check(.bankStatementReceived).verdict == .pass)
        #expect(try f.status("075-0124") == nil)

        let r = try f.service.reassign(document: doc, to: CooperativeNumber(parsing: "075-0124")!)
        #expect(r.from?.description == "075-0123" && r.to.description == "075-0124")
        #expect(try f.dossier("075-0123").check(.bankStatementReceived).verdict == .fail)
        #expect(try f.status("075-0123") == .incomplete)
        let b = try f.dossier("075-0124")
        #expect(b.check(.bankStatementMatches).verdict == .pass)
        #expect(b.documents.map(\.id) == [doc])
        let row = try #require(try f.store.db.read { try DocumentRecord.fetchOne($0, key: doc) })
        #expect(row.cooperative == "075-0124" && row.matchConfidence == 1)
        #expect(JSON.decode([String].self, row.matchEvidence) == ["réaffecté par testeur"])
        for c in ["075-0123", "075-0124"] {
            let h = try f.service.history(CooperativeNumber(parsing: c)!, exercise: exercise)
            #expect(h.map(\.action) == [.reassign] && h[0].actor == "testeur" && h[0].document == doc)
        }
    }

    @Test func reimportingTheDeclarationRecomputesTheChecks() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .quitus, content: "quitus")
        try f.document(message: m, kind: .bankStatement, content: "releve", statement: augustStatement(129_456))
        let header =
            "numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites\n"
        let importer = RegistryImporter(store: f.store)
        _ = try importer.importDeclarations(csv: header + "075-0123;2020-2021;0;1234,56;0;1234,56;0;0;0\n")
        let q1 = try #require(try f.service.queue(exercise: exercise).first)
        #expect(q1.status == .toCorrect)
        #expect(q1.failedChecks.first { $0.rule == .bankStatementMatches }?.difference == Money(cents: 6_000))
        _ = try importer.importDeclarations(csv: header + "075-0123;2020-2021;0;1234,56;0;1234,56;0;60,00;0\n")
        let q2 = try #require(try f.service.queue(exercise: exercise).first)
        #expect(q2.status == .toReview)
        #expect(q2.failedChecks.isEmpty)
    }

    @Test func aMatchChangeOnTheMessageMovesTheWholeSubmission() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.register("075-0124", school: "École Voltaire")
        let m = try f.message(coop: nil)
        try f.document(message: m, kind: .quitus, content: "quitus")
        #expect(try f.service.queue(exercise: exercise).isEmpty)
        try f.store.db.write {
            try $0.execute(
                sql: "UPDATE message SET cooperative = '075-0124', match_confidence = 0.6 WHERE id = ?", arguments: [m])
        }
        let q = try f.service.queue(exercise: exercise)
        #expect(q.map(\.key.cooperative.description) == ["075-0124"])
        #expect(q.first?.matchConfidence == 0.6)
        #expect(try f.dossier("075-0124").check(.quitusReceived).verdict == .pass)
    }

    @Test func exportUsesTheDossierStage() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .bankStatement, content: "releve", statement: augustStatement(100_000))
        let doc = try Exporter(store: f.store, config: Config()).build(exercise: exercise)
        let d = try #require(doc.dossiers.first)
        #expect(d.status == "incomplete")
        #expect(d.checks.count == Rule.allCases.count)
        #expect(d.checks.first { $0.rule == "quitus_received" }?.verdict == "fail")
    }
}

import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import Foundation
import GRDB
import Testing

/// The reading stage and staff change rows after ingest; the queue must follow without an explicit refresh.
@Suite struct PipelineChangeTests {
    @Test func aDocumentReadLaterUpdatesTheQueue() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        let quitus = try f.document(message: m, kind: .other, content: "quitus scanné")
        let statement = try f.document(message: m, kind: .other, content: "relevé scanné")
        #expect(try f.status("075-0123") == .incomplete)
        try f.store.db.write { db in
            try db.execute(
                sql: "UPDATE document SET kind = 'quitus', read_status = 'read' WHERE id = ?", arguments: [quitus])
            try db.execute(
                sql: "UPDATE document SET kind = 'bank_statement', statement = ? WHERE id = ?",
                arguments: [JSON.encode(augustStatement(100_000)), statement])
        }
        let line = try #require(try f.service.queue(exercise: exercise).first)
        #expect(line.status == .toReview && line.failedChecks.isEmpty)
    }

    @Test func registeringTheIBANLaterRecomputesTheAccountCheck() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller", iban: nil)
        let m = try f.message(coop: "075-0123")
        try f.document(
            message: m, kind: .bankStatement, content: "relevé", statement: augustStatement(100_000, iban: ibanA))
        #expect(try f.dossier("075-0123").check(.statementAccount).verdict == .unknown)
        _ = try f.service.queue(exercise: exercise)
        try f.register("075-0123", school: "École Keller", iban: "FR7630004000031234567890143")
        let line = try #require(try f.service.queue(exercise: exercise).first)
        #expect(line.failedChecks.map(\.rule).contains(.statementAccount))
    }

    @Test func reassigningADocumentAwayFromAValidatedDossierReopensIt() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.register("075-0124", school: "École Voltaire")
        try f.declare("075-0123", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .quitus, content: "quitus")
        try f.document(message: m, kind: .bankStatement, content: "relevé", statement: augustStatement(100_000))
        let stray = try f.document(message: m, kind: .other, content: "facture d'une autre école")
        _ = try f.service.approve(CooperativeNumber(parsing: "075-0123")!, exercise: exercise)
        #expect(try f.status("075-0123") == .validated)
        _ = try f.service.reassign(document: stray, to: CooperativeNumber(parsing: "075-0124")!)
        #expect(try f.status("075-0123") == .toReview)
        let h = try f.service.history(CooperativeNumber(parsing: "075-0123")!, exercise: exercise).map(\.action)
        #expect(h == [.approve, .reassign, .reopen])
    }

    @Test func quarantinedMessagesMakeNoDossier() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        let m = try f.message(coop: "075-0123")
        try f.store.db.write {
            try $0.execute(
                sql: "UPDATE message SET status = 'quarantined', quarantine_reason = 'x' WHERE id = ?", arguments: [m])
        }
        #expect(try f.service.queue(exercise: exercise).isEmpty)
        #expect(try f.service.dossier(CooperativeNumber(parsing: "075-0123")!, exercise: exercise) == nil)
        let season = try f.service.season(exercise: exercise)
        #expect(season.dossiers == 0 && season.silent.map(\.description) == ["075-0123"])
    }
}

@Suite struct EvaluateTests {
    @Test func evaluateAgreesWithTheComputedDossierWhetherTheSnapshotIsFreshOrNot() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000, cheques: 6_000)
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .bankStatement, content: "relevé", statement: augustStatement(100_000))
        let coop = CooperativeNumber(parsing: "075-0123")!
        let stale = try f.service.evaluate(coop, exercise: exercise)  // marked as changed: computed
        try f.service.refreshPending()
        let fresh = try f.service.evaluate(coop, exercise: exercise)  // from the snapshot
        let computed = try f.dossier("075-0123")
        #expect(stale.status == computed.status && stale.checks == computed.checks)
        #expect(fresh.status == computed.status && fresh.checks == computed.checks)
        try f.declare("075-0123", bank: 100_000)
        let changed = try f.service.evaluate(coop, exercise: exercise)
        #expect(changed.checks.first { $0.rule == .bankStatementMatches }?.verdict == .pass)
    }
}

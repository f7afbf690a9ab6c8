import CoopmailApp
import CoopmailStore
import Foundation
import GRDB
import Testing

/// The `committing` mark is the only thing that keeps an interrupted send from being sent twice: when it cannot be
/// written, nothing is sent.
@Suite struct NotifierCommitTests {
    @Test func aFailedWriteOfTheCommittingStateAbortsTheSend() throws {
        let (t, id) = try NotifierTests().queued()
        // The store refuses exactly that write (as a full disk would).
        try t.store.db.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_committing BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'committing'
                    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END
                    """)
        }
        let transport = RecordingTransport()
        #expect(throws: (any Error).self) { try Notifier(store: t.store).run(transport: transport) }
        #expect(transport.sent.isEmpty)
        #expect(try NotifierTests().state(t, id).state == OutboxState.queued)
        // Once the store works again, the answer goes, once.
        try t.store.db.write { try $0.execute(sql: "DROP TRIGGER refuse_committing") }
        #expect(try Notifier(store: t.store).run(transport: transport).sent == 1)
        #expect(transport.sent.count == 1)
    }

    @Test func noReplyAfterTheWholeMessageIsUncertainAndNeverResent() throws {
        let (t, id) = try NotifierTests().queued()
        let transport = RecordingTransport()
        transport.failure = .uncertain("connexion coupée après l'envoi complet")
        let s = try Notifier(store: t.store).run(transport: transport)
        #expect(s.uncertain == 1 && s.retried == 0)
        #expect(try NotifierTests().state(t, id).state == OutboxState.uncertain)
        transport.failure = nil
        #expect(
            try Notifier(store: t.store, clock: { Date().addingTimeInterval(86_400) }).run(transport: transport).sent
                == 0)
        #expect(transport.sent.isEmpty)
    }
}

import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// One mail that breaks the processing (an error, or a process killed while reading it) never stalls the others.
@Suite struct PoisonMailTests {
    struct Broken: Error, LocalizedError {
        var errorDescription: String? { "pièce illisible (essai)" }
    }

    /// `count` plain mails, ids in ingest order; the subjects say which is which.
    func mails(_ t: TempStore, count: Int, from first: Int = 0) throws -> [Int64] {
        try (first..<(first + count)).map { i in
            // A mail with a document (a mail without one is a question, which gets no automatic answer).
            let pdf = Data("%PDF-1.4\n% envoi \(i)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
                .base64EncodedString()
            let raw =
                "From: Marie <marie\(i)@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: envoi \(i)\r\n"
                + "Message-ID: <p\(i)@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nbonjour\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"releve.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(pdf)\r\n--b--\r\n"
            guard
                case .ingested(let id) = try Ingestor(store: t.store, config: Config()).ingest(
                    .init(content: .bytes(Data(raw.utf8)), source: "t"))
            else {
                throw Broken()
            }
            return id
        }
    }

    func status(_ t: TempStore, _ id: Int64) throws -> (
        status: MessageStatus, attempts: Int, error: String?, marker: String?
    ) {
        try t.store.db.read { db in
            let r = try Row.fetchOne(
                db,
                sql:
                    "SELECT status, processing_attempts, processing_error, processing_started_at FROM message WHERE id = ?",
                arguments: [id])!
            return (r["status"], r["processing_attempts"], r["processing_error"], r["processing_started_at"])
        }
    }

    func processor(_ t: TempStore, failing: Set<Int64>) -> Processor {
        let p = Processor(store: t.store, config: Config())
        p.beforeProcessing = { m in if failing.contains(m.id!) { throw Broken() } }
        return p
    }

    @Test(arguments: [1, 2, 3]) func aMailThatThrowsIsSetAsideAfterTwoRunsAndTheOthersGoOn(seed: UInt64) async throws {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        let ids = try mails(t, count: Int.random(in: 3...7, using: &rng))
        let poison = ids.randomElement(using: &rng)!
        let first = try await processor(t, failing: [poison]).run()
        #expect(first.messages == ids.count - 1 && first.failed == 1 && first.setAside == 0)
        for id in ids where id != poison { #expect(try status(t, id).status == MessageStatus.processed) }
        #expect(try status(t, poison).status == MessageStatus.received && status(t, poison).attempts == 1)

        let second = try await processor(t, failing: [poison]).run()
        #expect(second.setAside == 1 && second.messages == 0)
        let s = try status(t, poison)
        #expect(s.status == MessageStatus.setAside && s.attempts == 2 && s.marker == nil)
        #expect(s.error?.contains("pièce illisible (essai)") == true)
        #expect(try t.store.setAsideMessages().map(\.id) == [poison])
        // Nothing more happens to it until staff retry it.
        let third = try await processor(t, failing: [poison]).run()
        #expect(third.messages == 0 && third.setAside == 0)
    }

    @Test func aMarkerLeftByAKilledRunCountsAsOneFailedAttempt() async throws {
        let t = try TempStore()
        let ids = try mails(t, count: 3)
        // As if the process died while reading ids[1]: the marker is still set.
        try t.store.markProcessing([ids[1]], now: Timestamp.now())
        let s = try await processor(t, failing: []).run()
        // Counted, then read alone after the others, and fine this time.
        #expect(s.messages == 3)
        let after = try status(t, ids[1])
        #expect(after.status == MessageStatus.processed && after.attempts == 1)
        #expect(after.error == MessageProcessing.interruptedError)
    }

    @Test func killedTwiceWhileReadingOneMailSetsItAside() async throws {
        let t = try TempStore()
        let ids = try mails(t, count: 3)
        try t.store.markProcessing([ids[0]], now: Timestamp.now())
        _ = try t.store.recoverInterruptedProcessing(now: Timestamp.now())  // the run after the first death…
        try t.store.markProcessing([ids[0]], now: Timestamp.now())  // …died on it again
        let s = try await processor(t, failing: []).run()
        #expect(s.setAside == 1 && s.messages == 2)
        #expect(try status(t, ids[0]).status == MessageStatus.setAside)
        #expect(try status(t, ids[0]).error == MessageProcessing.interruptedError)
    }

    @Test func aRetriedMailIsReadAgain() async throws {
        let t = try TempStore()
        let ids = try mails(t, count: 2)
        _ = try await processor(t, failing: [ids[1]]).run()
        _ = try await processor(t, failing: [ids[1]]).run()
        #expect(try status(t, ids[1]).status == MessageStatus.setAside)
        #expect(try t.store.messageID(reference: "<p1@ecole.test>") == ids[1])
        #expect(try t.store.retryProcessing(ids[1]))
        #expect(try !t.store.retryProcessing(ids[0]))  // not set aside
        let s = try await processor(t, failing: []).run()
        #expect(s.messages == 1)
        let after = try status(t, ids[1])
        #expect(after.status == MessageStatus.processed && after.attempts == 0 && after.error == nil)
    }

    @Test func theProcessStageAsksForAHumanOnlyWhenAMailIsSetAsideAndStillAcknowledgesTheOthers() async throws {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie0@ecole.test;
                """)
        let ids = try mails(t, count: 2)
        // ids[1] was killed once: one failed attempt, read alone, fine: no human needed.
        try t.store.markProcessing([ids[1]], now: Timestamp.now())
        let pipeline = Pipeline(store: t.store, config: Config())
        let report = await pipeline.process()
        #expect(report.exitCode == 0, "\(report.lines)")
        // A new mail failed once before, and the process died on it again.
        let poison = try mails(t, count: 1, from: 10)[0]
        try await t.store.db.write { (db: Database) in
            try db.execute(sql: "UPDATE message SET processing_attempts = 1 WHERE id = ?", arguments: [poison])
        }
        try t.store.markProcessing([poison], now: Timestamp.now())
        let second = await pipeline.process()
        #expect(second.exitCode == 1)
        #expect(try status(t, poison).status == MessageStatus.setAside)
        // The others were answered all the same.
        let acknowledged = try await t.store.db.read { (db: Database) in
            try Int64.fetchAll(db, sql: "SELECT message FROM outbox ORDER BY message")
        }
        #expect(acknowledged == [ids[0], ids[1]])
        #expect(second.lines.joined().contains("mis de côté"))
    }
}

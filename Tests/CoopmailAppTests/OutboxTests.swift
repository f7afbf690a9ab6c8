import CoopmailApp
import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import Foundation
import GRDB
import Testing

/// A transport that records what it was given; it can fail in each of the ways a real server does.
final class RecordingTransport: OutcomeTransport {
    var sent: [(raw: Data, from: String, recipients: [String])] = []
    var failure: TransportFailure?
    /// Simulates a process killed after the last byte was handed to the server.
    var dieAfterCommit = false
    struct Killed: Error {}

    func send(raw: Data, from: String, recipients: [String], willCommit: @escaping () throws -> Void) throws {
        if let failure { throw failure }
        try willCommit()
        if dieAfterCommit { throw Killed() }
        sent.append((raw, from, recipients))
    }
}

@Suite struct OutboxTests {
    let templates = try! TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)

    func setUp() throws -> (TempStore, Int64) {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie.dupont@ecole.test;
                """)
        let raw =
            "From: Marie Dupont <marie.dupont@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: quitus coop 075-0123\r\n"
            + "Message-ID: <m1@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nci-joint\r\n"
        guard
            case .ingested(let id) = try Ingestor(store: t.store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: "t"))
        else {
            throw TransportFailure.permanent("not ingested")
        }
        try t.store.db.write {
            try $0.execute(
                sql: "UPDATE message SET cooperative = '075-0123', status = 'processed' WHERE id = ?", arguments: [id])
        }
        return (t, id)
    }

    @Test func acknowledgesOnceInTheThreadWithoutFigures() throws {
        let (t, id) = try setUp()
        let outbox = Outbox(store: t.store, config: Config(), templates: templates)
        guard case .success(let row) = try outbox.acknowledge(message: id).first else {
            Issue.record("not queued")
            return
        }
        #expect(row.kind == .acknowledgment)
        #expect(JSON.decode([String].self, row.recipients) == ["marie.dupont@ecole.test"])
        #expect(try outbox.acknowledge(message: id) == [.failure(SkipError(.alreadyQueued))])
        let text = String(decoding: try t.store.blobs.get(row.rawSha256), as: UTF8.self)
        #expect(text.contains("In-Reply-To: <m1@ecole.test>"))
        #expect(text.contains("Auto-Submitted: auto-replied"))
        #expect(text.contains("Message-ID: \(row.messageId)"))
    }

    @Test func neverAnswersAnAutoReply() throws {
        let t = try TempStore()
        let raw =
            "From: marie.dupont@ecole.test\r\nAuto-Submitted: auto-replied\r\nSubject: Absence\r\nMessage-ID: <away@ecole.test>\r\n\r\nabsente\r\n"
        guard
            case .ingested(let id) = try Ingestor(store: t.store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: "t"))
        else {
            Issue.record("not ingested")
            return
        }
        let result = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
        guard case .failure(let e) = result.first, case .refused = e.skip else {
            Issue.record("answered an auto-reply: \(result)")
            return
        }
        #expect(try t.store.db.read { try OutboxRecord.fetchCount($0) } == 0)
    }

    @Test func unregisteredSenderGetsTheNotIdentifiedTextOnly() throws {
        let t = try TempStore()
        let raw =
            "From: inconnu@ailleurs.test\r\nSubject: documents\r\nMessage-ID: <u@ailleurs.test>\r\n\r\nbonjour\r\n"
        guard
            case .ingested(let id) = try Ingestor(store: t.store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: "t"))
        else {
            Issue.record("not ingested")
            return
        }
        guard
            case .success(let row) = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(
                message: id
            ).first
        else {
            Issue.record("not queued")
            return
        }
        #expect(row.kind == .senderUnknown)
        #expect(JSON.decode([String].self, row.recipients) == ["inconnu@ailleurs.test"])
    }

    @Test func decisionsGoToRegisteredAddressesOnly() throws {
        let (t, _) = try setUp()
        let check = Check(
            rule: .bankStatementMatches, verdict: .fail, expected: Money(cents: 129456), found: Money(cents: 123456),
            difference: Money(cents: -6000), detail: "Le solde du relevé diffère de 60,00 €.")
        let outbox = Outbox(store: t.store, config: Config(), templates: templates)
        guard
            case .success(let row) = try outbox.announceDecision(
                .toCorrect, cooperative: CooperativeNumber(parsing: "075-0123")!,
                exercise: Exercise("2020-2021")!, checks: [check],
                motif: "Merci d'envoyer le relevé d'août.", decisionKey: "decision:1")
        else {
            Issue.record("not queued")
            return
        }
        #expect(JSON.decode([String].self, row.recipients) == ["marie.dupont@ecole.test"])
        let body = String(decoding: try t.store.blobs.get(row.rawSha256), as: UTF8.self)
        #expect(body.contains("In-Reply-To: <m1@ecole.test>"))
    }
}

@Suite struct NotifierTests {
    func queued() throws -> (TempStore, Int64) {
        let (t, id) = try OutboxTests().setUp()
        _ = try Outbox(store: t.store, config: Config(), templates: OutboxTests().templates).acknowledge(message: id)
        return (t, try t.store.db.read { try Int64.fetchOne($0, sql: "SELECT id FROM outbox")! })
    }

    func state(_ t: TempStore, _ id: Int64) throws -> OutboxRecord {
        try t.store.db.read { try OutboxRecord.fetchOne($0, key: id)! }
    }

    @Test func sendsOnceAndRecordsIt() throws {
        let (t, id) = try queued()
        let transport = RecordingTransport()
        let notifier = Notifier(store: t.store)
        #expect(try notifier.run(transport: transport).sent == 1)
        #expect(try notifier.run(transport: transport).sent == 0)
        #expect(transport.sent.count == 1)
        #expect(try state(t, id).state == OutboxState.sent)
    }

    @Test func retriesTemporaryFailuresLaterAndStopsOnPermanentOnes() throws {
        let (t, id) = try queued()
        let transport = RecordingTransport()
        transport.failure = .temporary("451 essayez plus tard")
        var now = Date()
        let notifier = Notifier(store: t.store, clock: { now })
        #expect(try notifier.run(transport: transport).retried == 1)
        #expect(try state(t, id).state == OutboxState.retry)
        // Not due yet: nothing is attempted.
        #expect(try notifier.run(transport: transport).nothingHappened)
        now = now.addingTimeInterval(301)
        transport.failure = .permanent("550 destinataire inconnu")
        #expect(try notifier.run(transport: transport).failed == 1)
        let row = try state(t, id)
        #expect(row.state == OutboxState.failed && row.lastError == "550 destinataire inconnu" && row.attempts == 2)
    }

    @Test func aRunKilledWhileTheServerMayHaveTheMessageNeverResendsIt() throws {
        let (t, id) = try queued()
        let transport = RecordingTransport()
        transport.dieAfterCommit = true
        #expect(throws: RecordingTransport.Killed.self) { try Notifier(store: t.store).run(transport: transport) }
        #expect(try state(t, id).state == OutboxState.committing)
        transport.dieAfterCommit = false
        let s = try Notifier(store: t.store).run(transport: transport)
        #expect(s.uncertain == 1 && s.sent == 0)
        #expect(transport.sent.isEmpty)
        #expect(try state(t, id).state == OutboxState.uncertain)
    }
}

/// A run killed after processing messages but before queuing their answers: the next run answers them, once.
@Suite struct AcknowledgmentCatchUpTests {
    @Test func messagesProcessedWithoutAnswerAreAnsweredByTheNextRun() async throws {
        let t = try TempStore()
        func outboxKinds() throws -> [String] {
            try t.store.db.read { try String.fetchAll($0, sql: "SELECT kind FROM outbox") }
        }
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie.dupont@ecole.test;
                """)
        // A mail with a document (only those get the « documents reçus » acknowledgment).
        let raw =
            "From: Marie Dupont <marie.dupont@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: quitus coop 075-0123\r\n"
            + "Message-ID: <m2@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nci-joint\r\n"
            + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=quitus.pdf\r\n\r\n"
            + "%PDF-1.4\r\n%%EOF\r\n--b--\r\n"
        _ = try Ingestor(store: t.store, config: Config()).ingest(.init(content: .bytes(Data(raw.utf8)), source: "t"))
        // What the killed run did: the processing transaction, and nothing after it.
        let processed = try await Processor(store: t.store, config: Config()).run()
        #expect(processed.messages == 1)
        let outbox = Outbox(
            store: t.store, config: Config(),
            templates: try TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path))
        let waiting = try outbox.unacknowledgedMessages()
        #expect(waiting.count == 1)
        #expect(try outboxKinds().isEmpty)

        // The next run has nothing new to read, and answers the message anyway.
        let pipeline = Pipeline(store: t.store, config: Config())
        _ = await pipeline.process()
        #expect(try outboxKinds() == ["acknowledgment"])
        #expect(try outbox.unacknowledgedMessages().isEmpty)
        _ = await pipeline.process()
        #expect(try outboxKinds() == ["acknowledgment"])
    }
}

import CoopmailApp
import CoopmailOutcome
import CoopmailStore
import Foundation
import GRDB
import Testing

/// A relay that takes the whole message and cuts the connection instead of answering the final dot: the server may
/// have accepted it, so the answer is `uncertain` (never resent), not `retry` (sent twice).
@Suite("Connexion coupée après le point final (faux serveur)")
struct SMTPLostReplyTests {
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var dots = 0
        var inData = false
    }

    /// Plain SMTP server; after the data, `afterDot` is sent (nil: the connection is closed without a reply).
    static func server(_ seen: Seen, afterDot: [String]?) throws -> FakeLineServer {
        try FakeLineServer(greeting: ["220 fake ESMTP"]) { line in
            seen.lock.lock()
            defer { seen.lock.unlock() }
            if seen.inData {
                guard line == "." else { return [] }
                seen.inData = false
                seen.dots += 1
                return afterDot
            }
            switch line.prefix(4).uppercased() {
            case "EHLO": return ["250-fake", "250 8BITMIME"]
            case "MAIL": return ["250 2.1.0 Ok"]
            case "RCPT": return ["250 2.1.5 Ok"]
            case "DATA":
                seen.inData = true
                return ["354 End data with <CR><LF>.<CR><LF>"]
            case "QUIT": return nil
            default: return ["250 2.0.0 Ok"]
            }
        }
    }

    static func client(_ server: FakeLineServer) throws -> SMTPClient {
        try SMTPClient(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, connectTimeout: 10))
    }

    static let message = Data("Subject: essai\n\nbonjour\n".utf8)

    @Test func noReplyToTheFinalDotIsUncertain() throws {
        let seen = Seen()
        let server = try Self.server(seen, afterDot: nil)
        var committed = false
        let error = #expect(throws: SMTPError.self) {
            try Self.client(server).send(
                rawMessage: Self.message, from: "ad75@occe.test", recipients: ["marie@ecole.test"],
                willCommit: { committed = true })
        }
        #expect(committed && seen.dots == 1)
        #expect(error?.kind == .deliveryUncertain)
        #expect(error?.message.contains("peut-être été remis") == true)
    }

    @Test func aTemporaryReplyToTheFinalDotIsStillRetried() throws {
        let seen = Seen()
        let server = try Self.server(seen, afterDot: ["451 4.3.0 Try again later"])
        let error = #expect(throws: SMTPError.self) {
            try Self.client(server).send(
                rawMessage: Self.message, from: "ad75@occe.test", recipients: ["marie@ecole.test"],
                willCommit: {})
        }
        #expect(error?.kind == .messageRefused && error?.isTemporary == true && error?.replyCode == 451)
    }

    @Test func aCommitHookThatThrowsStopsTheSendBeforeTheEnd() throws {
        struct Refused: Error {}
        let seen = Seen()
        let server = try Self.server(seen, afterDot: ["250 2.0.0 Ok: queued"])
        #expect(throws: Refused.self) {
            try Self.client(server).send(
                rawMessage: Self.message, from: "ad75@occe.test", recipients: ["marie@ecole.test"],
                willCommit: { throw Refused() })
        }
        #expect(seen.lock.withLock { seen.dots } == 0)
    }

    @Test func theNotifierMarksItUncertainAndNeverSendsItAgain() throws {
        let seen = Seen()
        let server = try Self.server(seen, afterDot: nil)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-lost-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try Store(path: root.path)
        let sha = try store.blobs.put(Self.message)
        let now = Timestamp.iso(Date())
        var row = OutboxRecord(
            dedupeKey: "ack:x", kind: .acknowledgment, cooperative: nil, exercise: "2020-2021", message: nil,
            envelopeFrom: "ad75@occe.test", recipients: JSON.encode(["marie@ecole.test"]), subject: "essai",
            rawSha256: sha, messageId: "<o1@occe.test>", state: OutboxState.queued, nextAttemptAt: now, createdAt: now)
        try store.db.write { try row.insert($0) }
        var config = Config()
        config.smtp = .init(url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true)
        let summary = try Notifier(store: store).run(transport: SMTPTransport(config: config))
        #expect(summary.uncertain == 1 && summary.retried == 0 && summary.sent == 0)
        let state = try store.db.read { try String.fetchOne($0, sql: "SELECT state FROM outbox")! }
        #expect(state == OutboxState.uncertain.rawValue)
        let later = Notifier(store: store, clock: { Date().addingTimeInterval(2 * 3600) })
        #expect(try later.run(transport: SMTPTransport(config: config)).nothingHappened)
        #expect(seen.lock.withLock { seen.dots } == 1)
    }
}

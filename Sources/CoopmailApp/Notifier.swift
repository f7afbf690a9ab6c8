import CoopmailStore
import CoopmailText
import Foundation

/// Something that hands a message to a mail server. `willCommit` is called just before the last bytes of the
/// message are handed over: until then, an interruption means the server has nothing. When it throws, the
/// transport must not hand those bytes over, and rethrows its error.
public protocol OutcomeTransport {
    func send(raw: Data, from: String, recipients: [String], willCommit: @escaping () throws -> Void) throws
}

/// How a send failed, as the notifier needs to know it.
public enum TransportFailure: Error, Sendable {
    /// Try this message again later (4xx, timeout during the transaction).
    case temporary(String)
    /// Never retry this message (5xx, refused recipient).
    case permanent(String)
    /// The server cannot be reached or refuses our login: stop this run, retry every message later.
    case unavailable(String)
    /// The whole message was handed over and no reply came: the server may have it. Never resent automatically.
    case uncertain(String)
}

/// Sends the outbox, each outcome at most once.
///
/// The row is `committing` from the moment the last byte is handed to the server until the server's answer is
/// recorded (`sent`, `retry` or `failed`). A run that finds `committing` rows (the previous one was killed in that
/// window, a single round trip) marks them `uncertain` and does not resend them; staff see them in `review`.
/// Killed any earlier, the row is still `queued` and the server discarded the unfinished transaction.
public final class Notifier {
    public let store: Store
    let clock: () -> Date
    /// Delays before the 1st, 2nd… retry; after the last, the message is `failed`.
    public var backoff: [TimeInterval] = [300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600]

    public init(store: Store, clock: @escaping () -> Date = Date.init) {
        self.store = store
        self.clock = clock
    }

    public struct Summary: Sendable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
        public var uncertain = 0
        public var unavailable: String?
        public var nothingHappened: Bool { sent + retried + failed + uncertain == 0 && unavailable == nil }

        public var line: String {
            var parts = ["\(sent) réponse\(Plural.s(sent)) envoyée\(Plural.s(sent))"]
            if retried > 0 { parts.append("\(retried) à réessayer") }
            if failed > 0 { parts.append("\(failed) en échec définitif") }
            if uncertain > 0 {
                parts.append(
                    "\(uncertain) envoi\(Plural.s(uncertain)) interrompu\(Plural.s(uncertain)) à vérifier")
            }
            if let u = unavailable { parts.append("serveur SMTP indisponible : \(u)") }
            return parts.joined(separator: ", ")
        }
    }

    /// Rows left in `committing` by a killed run become `uncertain`.
    public func recoverInterrupted() throws -> Int {
        try store.markInterruptedSends(
            reason: "envoi interrompu au moment de la remise au serveur : vérifier s'il est arrivé")
    }

    /// Sends every due message.
    public func run(transport: OutcomeTransport) throws -> Summary {
        var summary = Summary()
        summary.uncertain = try recoverInterrupted()
        let now = Timestamp.iso(clock())
        let due = try store.dueAnswers(at: now)
        for var row in due {
            let raw = try store.blobs.get(row.rawSha256)
            let recipients = JSON.decode([String].self, row.recipients) ?? []
            let id = row.id!
            let store = self.store
            do {
                try transport.send(raw: raw, from: row.envelopeFrom, recipients: recipients) {
                    // Not recorded, not sent: a failed write aborts the send before its last bytes.
                    try store.markCommitting(id)
                }
                row.state = OutboxState.sent
                row.sentAt = Timestamp.iso(clock())
                row.lastError = nil
                summary.sent += 1
            } catch let failure as TransportFailure {
                row.attempts += 1
                switch failure {
                case .uncertain(let reason):
                    row.state = OutboxState.uncertain
                    row.lastError = reason
                    summary.uncertain += 1
                case .permanent(let reason):
                    row.state = OutboxState.failed
                    row.lastError = reason
                    summary.failed += 1
                case .temporary(let reason), .unavailable(let reason):
                    if row.attempts > backoff.count {
                        row.state = OutboxState.failed
                        row.lastError = "abandonné après \(row.attempts) essais : \(reason)"
                        summary.failed += 1
                    } else {
                        row.state = OutboxState.retry
                        row.lastError = reason
                        row.nextAttemptAt = Timestamp.iso(clock().addingTimeInterval(backoff[row.attempts - 1]))
                        summary.retried += 1
                    }
                    if case .unavailable(let r) = failure { summary.unavailable = r }
                }
            }
            let refused =
                row.state == OutboxState.failed
                ? AddressFailures.refusedRecipient(row, recipients: recipients, at: Timestamp.iso(clock())) : nil
            // The server refused the only recipient for good (« User unknown »): the address is failing.
            try store.recordSend(row, failingAddress: refused)
            if summary.unavailable != nil { break }
        }
        return summary
    }
}

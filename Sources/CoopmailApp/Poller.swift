import CoopmailDomain
import CoopmailIntake
import CoopmailStore
import CoopmailText
import Foundation
import Logging

/// Fetches new mail from the association's IMAP mailbox and stores it durably, for cron.
///
/// Order of events for each batch of at most ``batchMessages`` messages (or ``batchBytes``; `[limits]
/// imap_batch_messages` and `imap_batch_bytes` change them):
/// 1. fetch the raw bytes, all in one `UID FETCH … BODY.PEEK[]` (an unread message stays unread);
/// 2. store them: parsed and files written on two threads, then files fsynced and one transaction
///    (``Ingestor/commit(_:)``);
/// 3. only then move them to `processed_mailbox` on the server;
/// 4. record the last UID seen.
/// Batches overlap (the next one is fetched and prepared while this one is committed), but each batch's steps keep
/// this order. A kill at any point loses nothing: before 2 nothing was stored and the mail is still on the server;
/// between 2 and 4 the next run fetches the same mails again and the store recognises them (same bytes, same
/// Message-ID).
public final class Poller {
    public let store: Store
    public let config: Config
    public let ingestor: Ingestor
    let logger: Logger
    /// Called just before each batch is fetched (tests use it to make a message vanish in between).
    public var willFetch: (([IMAPMessageSummary]) -> Void)?

    /// Messages fetched, stored and moved together: fewer round trips and fsyncs per message, and a kill costs at
    /// most a few batches fetched again (recognised as already stored). Up to three batches are in memory at once
    /// (see `poll()`).
    public static let batchMessages = 500
    public static let batchBytes = 16 << 20

    public init(store: Store, config: Config, logger: Logger = Logger(label: "coopmail.poll")) {
        self.store = store
        self.config = config
        self.ingestor = Ingestor(store: store, config: config)
        self.logger = logger
    }

    public struct Summary: Sendable {
        public var fetched = 0
        public var ingest = Ingestor.Summary()
        public var moved = 0
        /// Messages over the size limit, left on the server (UID, size).
        public var skipped: [(uid: UInt32, size: Int)] = []
        public var resynchronised = false
        /// Listed, then gone before it was fetched (moved or deleted by another client): nothing to do.
        public var vanished = 0
        public var nothingHappened: Bool { fetched == 0 && skipped.isEmpty && !resynchronised }

        /// One French line for cron.
        public var line: String {
            var parts = ["\(fetched) message\(Plural.s(fetched)) relevé\(Plural.s(fetched)) : \(ingest)"]
            if moved > 0 { parts.append("\(moved) déplacé\(Plural.s(moved)) dans le dossier des traités") }
            if !skipped.isEmpty {
                parts.append("\(skipped.count) trop volumineux laissé\(Plural.s(skipped.count)) sur le serveur")
            }
            if vanished > 0 { parts.append("\(vanished) disparu\(Plural.s(vanished)) du serveur avant la relève") }
            if resynchronised { parts.append("boîte resynchronisée (UIDVALIDITY changé)") }
            return parts.joined(separator: ", ")
        }
    }

    public func poll() throws -> Summary {
        guard let server = config.imap else {
            throw ConfigError(
                "aucun serveur IMAP configuré : ajoutez une section [imap] (url, username, password_env) au fichier de configuration"
            )
        }
        var imap = IMAPConfiguration(
            url: server.url, username: server.username ?? "", password: try server.password() ?? "",
            caFile: server.caFile, verifyCertificate: server.verifyCertificate,
            allowPlaintext: server.allowPlaintext)
        imap.bearerToken = try server.bearerToken()
        let client = try IMAPClient(configuration: imap, maxMessageBytes: config.limits.maxMessageBytes, logger: logger)
        defer { client.logout() }
        let account = "\(server.username ?? "")@\(server.url)"
        var summary = Summary()

        var state = try store.imapState(account: account).map {
            (validity: UInt32($0.uidValidity), lastUID: UInt32($0.lastUID))
        }

        var (status, messages) = try client.newMessages(after: state?.lastUID ?? 0)
        if let s = state, s.validity != status.uidValidity {
            // UIDs were renumbered: start again from the first UID; the store drops what it already has.
            logger.notice("UIDVALIDITY changed", metadata: ["old": "\(s.validity)", "new": "\(status.uidValidity)"])
            summary.resynchronised = true
            state = nil
            (status, messages) = try client.newMessages(after: 0)
        }
        var batches: [[IMAPMessageSummary]] = [[]]
        var batchBytes = 0
        for m in messages {
            if m.size > config.limits.maxMessageBytes {
                summary.skipped.append((m.uid, m.size))
                logger.warning(
                    "message over the size limit left on the server",
                    metadata: ["uid": "\(m.uid)", "size": "\(m.size)"])
                continue
            }
            if !batches[batches.count - 1].isEmpty
                && (batches[batches.count - 1].count >= config.limits.imapBatchMessages
                    || batchBytes + m.size > config.limits.imapBatchBytes)
            {
                batches.append([])
                batchBytes = 0
            }
            batches[batches.count - 1].append(m)
            batchBytes += m.size
        }
        batches.removeAll { $0.isEmpty }
        try followOversized(client: client, account: account, status: status, newlySkipped: summary.skipped)
        if let target = server.processedMailbox, !batches.isEmpty {
            try client.createMailbox(target)
        }
        let stages = PollBatches(
            poller: self, client: client, batches: batches, status: status, account: account,
            processedMailbox: server.processedMailbox)
        try BatchPipeline(stages: stages, count: batches.count).run()
        summary.fetched += stages.fetched
        summary.vanished += stages.vanished
        summary.moved += stages.moved
        for o in stages.outcomes { summary.ingest.add(o) }
        if let last = messages.last?.uid, last > (state?.lastUID ?? 0) {
            try saveState(account: account, validity: status.uidValidity, lastUID: last)
        } else if state == nil {
            try saveState(account: account, validity: status.uidValidity, lastUID: 0)
        }
        return summary
    }

    /// Fault injection for the kill tests: with `COOPMAIL_FAULT_PAUSE_BEFORE_MOVE=PATH`, a poll that has committed a
    /// batch creates PATH and waits 30 s before moving it, so that a test can kill it exactly between the two.
    static func faultPauseBeforeMove() {
        guard let marker = ProcessInfo.processInfo.environment["COOPMAIL_FAULT_PAUSE_BEFORE_MOVE"], !marker.isEmpty
        else { return }
        FileManager.default.createFile(atPath: marker, contents: nil)
        Thread.sleep(forTimeInterval: 30)
    }

    /// Keeps the list of mails left on the server for their size true: new ones are recorded; recorded ones are
    /// looked up (one listing from the oldest) and forgotten once staff have removed them from the INBOX.
    func followOversized(
        client: IMAPClient, account: String, status: IMAPMailboxStatus,
        newlySkipped: [(uid: UInt32, size: Int)]
    ) throws {
        let now = Timestamp.now()
        try store.recordOversized(
            newlySkipped.map {
                OversizedMailRecord(
                    account: account, uidValidity: Int64(status.uidValidity), uid: Int64($0.uid), size: Int64($0.size),
                    firstSeenAt: now)
            })
        let known = try store.oversizedMails(account: account)
        let older = known.filter { m in !newlySkipped.contains { Int64($0.uid) == m.uid } }
        guard let oldest = older.map(\.uid).min() else { return }
        let present =
            oldest > 0 && oldest <= Int64(UInt32.max)
            ? Set(try client.uids(after: UInt32(oldest - 1)).map { Int64($0.uid) }) : []
        try store.forgetOversized(
            account: account, keeping: present.union(newlySkipped.map { Int64($0.uid) }),
            uidValidity: Int64(status.uidValidity))
    }

    func saveState(account: String, validity: UInt32, lastUID: UInt32) throws {
        try store.saveIMAPState(account: account, uidValidity: Int64(validity), lastUID: Int64(lastUID))
    }
}

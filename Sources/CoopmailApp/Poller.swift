import CoopmailDomain
import CoopmailIntake
import CoopmailStore
import Foundation
import GRDB
import Logging

/// Fetches new mail from the association's IMAP mailbox and stores it durably, for cron.
///
/// Order of events for each batch of at most 20 messages (or 32 MB):
/// 1. fetch the raw bytes (an unseen message stays unseen);
/// 2. store them: files fsynced, one transaction (``Ingestor/ingest(batch:workers:)``);
/// 3. only then move them to `processed_mailbox` on the server;
/// 4. record the last UID seen.
/// A kill at any point loses nothing: before 2 nothing was stored and the mail is still on the server; between 2
/// and 4 the next run fetches the same mails again and the store recognises them (same bytes, same Message-ID).
public final class Poller {
    public let store: Store
    public let config: Config
    public let ingestor: Ingestor
    let logger: Logger
    /// Called just before each message is fetched (tests use it to make a message vanish in between).
    public var willFetch: ((IMAPMessageSummary) -> Void)?

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
            var parts = ["\(fetched) message\(fetched > 1 ? "s" : "") relevé\(fetched > 1 ? "s" : "") : \(ingest)"]
            if moved > 0 { parts.append("\(moved) déplacé\(moved > 1 ? "s" : "") dans le dossier des traités") }
            if !skipped.isEmpty { parts.append("\(skipped.count) trop volumineux laissé\(skipped.count > 1 ? "s" : "") sur le serveur") }
            if vanished > 0 { parts.append("\(vanished) disparu\(vanished > 1 ? "s" : "") du serveur avant la relève") }
            if resynchronised { parts.append("boîte resynchronisée (UIDVALIDITY changé)") }
            return parts.joined(separator: ", ")
        }
    }

    public func poll() throws -> Summary {
        guard let server = config.imap else {
            throw ConfigError("aucun serveur IMAP configuré : ajoutez une section [imap] (url, username, password_env) au fichier de configuration")
        }
        let imap = IMAPConfiguration(url: server.url, username: server.username ?? "", password: try server.password() ?? "",
                                     caFile: server.caFile, verifyCertificate: server.verifyCertificate,
                                     allowPlaintext: server.allowPlaintext)
        let client = try IMAPClient(configuration: imap, logger: logger)
        let account = "\(server.username ?? "")@\(server.url)"
        var summary = Summary()

        var state = try store.db.read { db in
            try Row.fetchOne(db, sql: "SELECT uid_validity, last_uid FROM imap_state WHERE account = ?", arguments: [account])
        }.map { (validity: UInt32($0["uid_validity"] as Int64), lastUID: UInt32($0["last_uid"] as Int64)) }

        var (status, messages) = try client.newMessages(after: state?.lastUID ?? 0)
        if let s = state, s.validity != status.uidValidity {
            // UIDs were renumbered: start again from the first UID; the store drops what it already has.
            logger.notice("UIDVALIDITY changed", metadata: ["old": "\(s.validity)", "new": "\(status.uidValidity)"])
            summary.resynchronised = true
            state = nil
            (status, messages) = try client.newMessages(after: 0)
        }
        if try restoreUnseenAfterKill(client, account: account, validity: status.uidValidity) {
            // The listing carried the flags as the killed run left them: list again.
            (status, messages) = try client.newMessages(after: state?.lastUID ?? 0)
        }
        if let target = server.processedMailbox, !messages.isEmpty {
            _ = try? client.createMailbox(target)
        }
        var batch: [IMAPMessageSummary] = []
        var batchBytes = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            var raws: [RawMessage] = []
            var fetched: [IMAPMessageSummary] = []
            // Fetching sets \Seen: remember which were unread, so that a run killed before the flags are restored
            // has the next run restore them.
            let unread = batch.filter { !$0.isSeen }.map(\.uid)
            try rememberUnseen(unread, account: account, validity: status.uidValidity)
            for m in batch {
                willFetch?(m)
                let data: Data
                do { data = try client.fetch(m, restoreUnseen: false) } catch IMAPError.messageNotFound {
                    // Another client (staff in their mail program) moved or deleted it since the listing.
                    summary.vanished += 1
                    logger.notice("message gone from the server before it was fetched", metadata: ["uid": "\(m.uid)"])
                    continue
                }
                fetched.append(m)
                raws.append(RawMessage(content: .bytes(data),
                                       source: "imap:\(status.mailbox);UIDVALIDITY=\(status.uidValidity);UID=\(m.uid)"))
            }
            // A message staff have not opened must not look read to them.
            try client.markUnseen(unread)
            try rememberUnseen([], account: account, validity: status.uidValidity)
            summary.fetched += raws.count
            for o in try ingestor.ingest(batch: raws, workers: 2) { summary.ingest.add(o) }
            if let target = server.processedMailbox {
                try client.move(fetched.map(\.uid), to: target)
                summary.moved += fetched.count
            }
            try saveState(account: account, validity: status.uidValidity, lastUID: batch.map(\.uid).max()!)
            batch = []
            batchBytes = 0
        }
        for m in messages {
            if m.size > config.limits.maxMessageBytes {
                summary.skipped.append((m.uid, m.size))
                logger.warning("message over the size limit left on the server", metadata: ["uid": "\(m.uid)", "size": "\(m.size)"])
                continue
            }
            batch.append(m)
            batchBytes += m.size
            if batch.count >= 20 || batchBytes >= 32 * 1024 * 1024 { try flush() }
        }
        try flush()
        if let last = messages.last?.uid, last > (state?.lastUID ?? 0) {
            try saveState(account: account, validity: status.uidValidity, lastUID: last)
        } else if state == nil {
            try saveState(account: account, validity: status.uidValidity, lastUID: 0)
        }
        return summary
    }

    /// The UIDs of the batch being fetched that were unread, kept in `locks/imap-unseen.json` until their flag is restored.
    struct PendingUnseen: Codable { var account: String; var validity: UInt32; var uids: [UInt32] }

    var pendingUnseenURL: URL { store.folder.locksURL.appendingPathComponent("imap-unseen.json") }

    func rememberUnseen(_ uids: [UInt32], account: String, validity: UInt32) throws {
        if uids.isEmpty {
            try? FileManager.default.removeItem(at: pendingUnseenURL)
            return
        }
        let data = Data(JSON.encode(PendingUnseen(account: account, validity: validity, uids: uids)).utf8)
        try store.blobs.writeDurably(data, to: pendingUnseenURL)
    }

    /// A previous run killed between fetching and restoring the flags left the list behind: restore them now.
    /// Returns true when flags were restored.
    func restoreUnseenAfterKill(_ client: IMAPClient, account: String, validity: UInt32) throws -> Bool {
        guard let text = try? String(contentsOf: pendingUnseenURL, encoding: .utf8),
              let pending = JSON.decode(PendingUnseen.self, text) else { return false }
        var restored = false
        if pending.account == account && pending.validity == validity && !pending.uids.isEmpty {
            try client.markUnseen(pending.uids)
            logger.notice("unread flags restored after an interrupted run", metadata: ["count": "\(pending.uids.count)"])
            restored = true
        }
        try? FileManager.default.removeItem(at: pendingUnseenURL)
        return restored
    }

    func saveState(account: String, validity: UInt32, lastUID: UInt32) throws {
        try store.db.write { db in
            try db.execute(sql: """
                INSERT INTO imap_state (account, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(account) DO UPDATE SET uid_validity = excluded.uid_validity,
                    last_uid = MAX(CASE WHEN imap_state.uid_validity = excluded.uid_validity THEN imap_state.last_uid ELSE 0 END, excluded.last_uid),
                    updated_at = excluded.updated_at
                """, arguments: [account, Int64(validity), Int64(lastUID), Timestamp.now()])
        }
    }
}

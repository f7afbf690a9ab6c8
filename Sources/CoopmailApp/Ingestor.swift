import CoopmailDomain
import CoopmailIntake
import CoopmailMIME
import CoopmailStore
import Foundation
import GRDB

/// Stores incoming messages durably and idempotently: raw bytes first (content-addressed, fsynced), then one
/// transaction holding the message and its documents. A message that cannot be processed safely is
/// quarantined with its reason; its raw bytes are kept all the same.
public final class Ingestor {
    public let store: Store
    public let config: Config
    let parser: MIMEParser

    public init(store: Store, config: Config) {
        self.store = store
        self.config = config
        self.parser = MIMEParser(limits: config.limits.mime)
    }

    public enum Outcome: Equatable, Sendable {
        case ingested(Int64)
        case duplicate(Int64)
        case quarantined(Int64, String)
    }

    public struct Summary: Sendable, CustomStringConvertible {
        public var ingested = 0
        public var duplicates = 0
        public var quarantined = 0
        public var documents = 0
        public var total: Int { ingested + duplicates + quarantined }

        public mutating func add(_ o: Outcome) {
            switch o {
            case .ingested: ingested += 1
            case .duplicate: duplicates += 1
            case .quarantined: quarantined += 1
            }
        }

        /// One French line: `3 messages reçus, 1 doublon, 0 en quarantaine`.
        public var description: String {
            "\(ingested) message\(ingested > 1 ? "s" : "") enregistré\(ingested > 1 ? "s" : ""), "
                + "\(duplicates) doublon\(duplicates > 1 ? "s" : ""), \(quarantined) en quarantaine"
        }
    }

    /// Ingests one raw message. Throws only when the store itself fails (disk full, database locked):
    /// anything wrong with the message is a quarantine, not an error.
    public func ingest(_ raw: RawMessage) throws -> Outcome {
        let data: Data
        do { data = try raw.data() } catch {
            throw StoreError.io("lecture impossible : \(raw.source)")
        }
        let rawDigest = SHA256.hex(data)
        if let id = try store.db.read({ db in
            try Int64.fetchOne(db, sql: "SELECT id FROM message WHERE raw_sha256 = ?", arguments: [rawDigest])
        }) { return .duplicate(id) }

        try store.blobs.put(data, digest: rawDigest)
        var parsed: ParsedMessage
        if data.count > config.limits.maxMessageBytes {
            parsed = .broken("message trop volumineux (\(data.count / 1_048_576) Mo, limite \(config.limits.maxMessageBytes / 1_048_576) Mo)")
        } else {
            parsed = parser.parse(fileAt: store.blobs.url(for: rawDigest).path)
        }

        var documents: [DocumentRecord] = []
        if parsed.problems.isEmpty {
            do { documents = try storeDocuments(parsed.attachments) } catch let r as ZipExpander.Refused {
                parsed.problems.append(r.reason)
                documents = []
            }
        }
        let now = Date()
        let key = parsed.messageID ?? "sha256:" + rawDigest
        let receivedAt = raw.arrivedAt ?? parsed.date ?? now
        var message = MessageRecord(
            key: key, messageId: parsed.messageID, rawSha256: rawDigest, rawSize: data.count,
            fromAddress: parsed.fromAddress, fromName: parsed.fromName, returnPath: parsed.returnPath,
            subject: parsed.subject, sentAt: parsed.date.map(Timestamp.iso), receivedAt: Timestamp.iso(receivedAt),
            inReplyTo: parsed.inReplyTo, references: parsed.references,
            headers: JSON.encode(parsed.headers.map { [$0.name, $0.value] }),
            bodyText: String(parsed.bodyText.prefix(100_000)), source: raw.source,
            exercise: config.exercise(forMailAt: receivedAt).description,
            status: parsed.problems.isEmpty ? MessageStatus.received : MessageStatus.quarantined,
            quarantineReason: parsed.problems.isEmpty ? nil : parsed.problems.joined(separator: " ; "),
            createdAt: Timestamp.iso(now))

        return try store.db.write { db -> Outcome in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM message WHERE key = ?", arguments: [key]) {
                return .duplicate(id)
            }
            try message.insert(db)
            let id = message.id!
            for var d in documents {
                d.message = id
                try d.insert(db)
            }
            if let reason = message.quarantineReason { return .quarantined(id, reason) }
            return .ingested(id)
        }
    }

    /// Stores every attachment's bytes (zip archives expanded) and returns the rows to insert.
    func storeDocuments(_ attachments: [ParsedAttachment]) throws -> [DocumentRecord] {
        var out: [DocumentRecord] = []
        let zip = ZipExpander(maxEntries: config.limits.zipMaxEntries, maxEntryBytes: config.limits.mime.maxAttachmentBytes,
                              maxTotalBytes: config.limits.zipMaxTotalBytes, maxRatio: UInt64(config.limits.zipMaxRatio))
        func add(_ name: String, _ data: Data, _ mediaType: String) throws {
            let digest = SHA256.hex(data)
            try store.blobs.put(data, digest: digest)
            out.append(DocumentRecord(message: 0, position: out.count + 1, filename: name, sha256: digest,
                                      size: data.count, mediaType: mediaType))
        }
        for a in attachments {
            let type = Sniffer.mediaType(a.data)
            try add(a.filename, a.data, type)
            if type == "application/zip" {
                for inner in try zip.expand(a.data) {
                    let name = a.filename + "/" + FileName.safe(inner.path, index: out.count + 1)
                    try add(name, inner.data, Sniffer.mediaType(inner.data))
                }
            }
        }
        return out
    }

    /// Ingests every message under local paths; a progress line on stderr every 100 messages when it is a terminal.
    public func ingest(paths: [String], progress: ((Summary) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        try LocalMailSource(paths: paths).forEach { raw in
            summary.add(try ingest(raw))
            if summary.total % 100 == 0 { progress?(summary) }
        }
        return summary
    }
}

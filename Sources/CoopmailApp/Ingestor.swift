import CoopmailDomain
import CoopmailIntake
import CoopmailMIME
import CoopmailReading
import CoopmailStore
import CoopmailText
import Foundation

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
            "\(ingested) message\(Plural.s(ingested)) enregistré\(Plural.s(ingested)), "
                + "\(duplicates) doublon\(Plural.s(duplicates)), \(quarantined) en quarantaine"
        }
    }

    /// A message parsed and its files written (not yet synced), waiting to be committed with its batch.
    /// Whether it is already stored (same bytes, or same Message-ID) is decided at commit, in the transaction.
    public struct Prepared {
        public var message: MessageRecord
        public var documents: [DocumentRecord]
    }

    /// Ingests one raw message durably. Throws only when the store itself fails (disk full, database locked):
    /// anything wrong with the message is a quarantine, not an error.
    public func ingest(_ raw: RawMessage) throws -> Outcome {
        try commit([prepare(raw)])[0]
    }

    /// Hashes, stores the raw bytes and attachments (without fsync) and parses; nothing is committed yet.
    public func prepare(_ raw: RawMessage) throws -> Prepared {
        let data: Data
        do { data = try raw.data() } catch {
            throw StoreError.unreadableSource(raw.source)
        }
        let rawDigest = SHA256.hex(data)

        try store.blobs.put(data, digest: rawDigest, durable: false)
        var parsed: ParsedMessage
        if data.count > config.limits.maxMessageBytes {
            parsed = .broken(
                "message trop volumineux (\(data.count / 1_048_576) Mo, limite \(config.limits.maxMessageBytes / 1_048_576) Mo)"
            )
        } else {
            // Small messages are parsed from memory (already there); large ones from their file, not copied again.
            parsed =
                data.count <= 4 << 20 ? parser.parse(data) : parser.parse(fileAt: store.blobs.url(for: rawDigest).path)
        }

        var documents: [DocumentRecord] = []
        // Quarantine only a dangerous message or one with nothing usable left; otherwise its readable parts are kept
        // and what could not be read goes to its salvage notes.
        parsed.problems = parsed.quarantineReasons
        if parsed.problems.isEmpty {
            do { documents = try storeDocuments(parsed.attachments) } catch let r as ZipExpander.Refused {
                parsed.problems.append(r.reason)
                documents = []
            }
        }
        let now = Date()
        let receivedAt = Self.arrivalTime(transport: raw.arrivedAt, header: parsed.date, ingestedAt: now)
        let message = MessageRecord(
            key: parsed.messageID ?? "sha256:" + rawDigest, messageId: parsed.messageID, rawSha256: rawDigest,
            rawSize: data.count,
            fromAddress: parsed.fromAddress, fromName: parsed.fromName, returnPath: parsed.returnPath,
            subject: parsed.subject, sentAt: parsed.date.map(Timestamp.iso), receivedAt: Timestamp.iso(receivedAt),
            inReplyTo: parsed.inReplyTo, references: parsed.references,
            headers: JSON.encode(stringLists: parsed.headers.map { [$0.name, $0.value] }),
            bodyText: String(parsed.bodyText.prefix(100_000)), source: raw.source,
            exercise: config.exercise(forMailAt: receivedAt).description,
            status: parsed.problems.isEmpty ? MessageStatus.received : MessageStatus.quarantined,
            quarantineReason: parsed.problems.isEmpty ? nil : parsed.problems.joined(separator: " ; "),
            createdAt: Timestamp.iso(now), salvageNotes: parsed.problems.isEmpty ? JSON.encode(parsed.notes) : "[]")
        return Prepared(message: message, documents: documents)
    }

    /// When a mail counts as arrived (`received_at`): it orders a cooperative's mails (which statement is the current
    /// one) and decides the exercise. The sender writes the Date header, so it is kept as information (`sent_at`)
    /// and decides nothing, except for local files:
    /// - a time given by the transport (IMAP INTERNALDATE, which the poller passes as `RawMessage.arrivedAt`) is used,
    ///   unless it is implausible (see below), in which case the ingest time is;
    /// - a local file (no transport time) takes its Date header when that is plausible — not before 1 January 2000
    ///   and not more than one day (clock skew) after the ingest time —, because staff ingest old archives whose only
    ///   date is the header; otherwise the ingest time.
    public static func arrivalTime(transport: Date?, header: Date?, ingestedAt now: Date) -> Date {
        func plausible(_ d: Date) -> Bool {
            d.timeIntervalSince1970.isFinite && d >= earliestPlausibleArrival
                && d <= now.addingTimeInterval(allowedClockSkew)
        }
        if let transport { return plausible(transport) ? transport : now }
        if let header, plausible(header) { return header }
        return now
    }

    /// 1 January 2000, 00:00 UTC: an earlier arrival time is not believed.
    public static let earliestPlausibleArrival = Date(timeIntervalSince1970: 946_684_800)
    /// How far in the future of the ingest a Date header may be (clocks of senders run ahead).
    public static let allowedClockSkew: TimeInterval = 86_400

    /// Makes the batch's files durable, then records every message in one transaction.
    public func commit(_ batch: [Prepared]) throws -> [Outcome] {
        if !batch.isEmpty { try store.blobs.sync() }
        return try store.write { tx -> [Outcome] in
            try batch.map { try record($0.message, $0.documents, tx) }
        }
    }

    /// What a mail says, to tell a re-sent copy from another mail reusing its Message-ID: the digest of its bytes
    /// without the header fields added in transit (``transitHeaders``, and every `X-` field), with LF line ends and
    /// without trailing blanks. A copy relayed again, fetched again over IMAP (CRLF), or stored with other `Received`
    /// lines has the same content — hence the same attachments; a mail whose text, attachments or author's headers
    /// (From, To, Cc, Subject, Date, MIME structure) differ in any byte has another.
    public static func contentDigest(raw: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        raw.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var inHeaders = true
            var keepField = true
            var lineStart = 0
            var i = 0
            let n = bytes.count
            while lineStart < n {
                i = lineStart
                while i < n && bytes[i] != 0x0A { i += 1 }
                var end = i
                while end > lineStart && (bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) {
                    end -= 1
                }
                var keep = true
                if inHeaders {
                    if end == lineStart {
                        inHeaders = false
                    } else if bytes[lineStart] == 0x20 || bytes[lineStart] == 0x09 {
                        keep = keepField  // continuation of the field above
                    } else {
                        var colon = lineStart
                        while colon < end && bytes[colon] != 0x3A { colon += 1 }
                        let name = String(
                            decoding: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<colon]), as: UTF8.self
                        ).lowercased()
                        keepField = !(name.hasPrefix("x-") || transitHeaders.contains(name))
                        keep = keepField
                    }
                }
                if keep {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<end]))
                    out.append(0x0A)
                }
                lineStart = i + 1
            }
        }
        while out.count >= 2 && out[out.count - 1] == 0x0A && out[out.count - 2] == 0x0A { out.removeLast() }
        return SHA256.hex(Data(out))
    }

    /// Header fields that servers add or change on the way (lower case), besides every `X-` field.
    static let transitHeaders: Set<String> = [
        "received", "return-path", "delivered-to", "envelope-to", "authentication-results", "received-spf",
        "arc-seal", "arc-message-signature", "arc-authentication-results", "dkim-signature", "status", "lines",
        "content-length",
    ]

    /// Inserts one new message and its documents, unless the batch or an earlier run already stored it.
    ///
    /// A duplicate is a mail already stored with the same bytes, or with the same Message-ID and the same content
    /// (``contentDigest(raw:)``: the same bytes but for transit headers and line ends, so the same attachments).
    /// Another mail reusing a stored Message-ID is stored too, under the key `<id>#sha256:<raw digest>`, with
    /// `collides_with` naming the first one and a note in its match evidence for staff; its `message_id` stays the
    /// header's value. Both look-ups go through indexes.
    func record(_ message: MessageRecord, _ documents: [DocumentRecord], _ tx: StoreTransaction) throws -> Outcome {
        var message = message
        if let id = try tx.messageID(rawSha256: message.rawSha256) {
            return .duplicate(id)
        }
        if let messageID = message.messageId {
            let earlier = try tx.messages(withMessageID: messageID)
            if let first = earlier.first {
                // Rare (a Message-ID seen before): the contents are compared from the raw bytes in the blob store (the
                // new mail's were written before this transaction). A blob that cannot be read counts as different.
                let content = { (digest: String) in (try? self.store.blobs.get(digest)).map(Self.contentDigest(raw:)) }
                let mine = content(message.rawSha256)
                for row in earlier {
                    if let mine, content(row.rawSha256) == mine { return .duplicate(row.id) }
                }
                let firstID = first.id
                message.key = messageID + "#sha256:" + message.rawSha256
                message.collidesWith = firstID
                let note = Self.collisionNote(firstID)
                message.matchEvidence = JSON.encode([note] + (JSON.decode([String].self, message.matchEvidence) ?? []))
            }
        }
        try tx.insert(&message)
        let id = message.id!
        for var d in documents {
            d.message = id
            try tx.insert(&d)
        }
        if let reason = message.quarantineReason { return .quarantined(id, reason) }
        return .ingested(id)
    }

    /// The note staff read in the evidence of a mail that reuses the Message-ID of message `id` with other content.
    public static func collisionNote(_ id: Int64) -> String {
        "même Message-ID que le message n° \(id), mais contenu différent : enregistré à part (à vérifier)"
    }

    /// Stores every attachment's bytes (zip archives expanded) and returns the rows to insert.
    func storeDocuments(_ attachments: [ParsedAttachment]) throws -> [DocumentRecord] {
        var out: [DocumentRecord] = []
        let zip = ZipExpander(
            maxEntries: config.limits.zipMaxEntries, maxEntryBytes: config.limits.mime.maxAttachmentBytes,
            maxTotalBytes: config.limits.zipMaxTotalBytes, maxRatio: UInt64(max(1, config.limits.zipMaxRatio)))
        // One budget for every zip of the mail: two archives just under the per-archive limit do not make twice as much.
        var budget = ZipExpander.Budget(remaining: config.limits.zipMaxMessageBytes)
        func add(_ name: String, _ data: Data, _ mediaType: String) throws {
            let digest = SHA256.hex(data)
            try store.blobs.put(data, digest: digest, durable: false)
            out.append(
                DocumentRecord(
                    message: 0, position: out.count + 1, filename: name, sha256: digest,
                    size: data.count, mediaType: mediaType))
        }
        for a in attachments {
            let type = MediaTypeSniffer.shared.mediaType(of: a.data)
            try add(a.filename, a.data, type)
            if type == "application/zip" {
                for inner in try zip.expand(a.data, budget: &budget) {
                    let name = a.filename + "/" + FileName.safe(inner.path, index: out.count + 1)
                    try add(name, inner.data, MediaTypeSniffer.shared.mediaType(of: inner.data))
                }
            }
        }
        return out
    }

    /// Ingests every message under local paths, in batches of at most 64 messages or 64 MB, each batch prepared on
    /// two threads (parsing, hashing, writing) and committed at once; a progress callback after each batch.
    public func ingest(paths: [String], progress: ((Summary) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        var pending: [RawMessage] = []
        var pendingBytes = 0
        func flush() throws {
            guard !pending.isEmpty else { return }
            // Two at a time, except when a large message is in the batch: memory stays near twice the largest message.
            let workers = pending.contains { $0.size > 16 * 1024 * 1024 } ? 1 : 2
            for o in try ingest(batch: pending, workers: workers) { summary.add(o) }
            pending = []
            pendingBytes = 0
            progress?(summary)
        }
        try LocalMailSource(paths: paths).forEach { raw in
            pendingBytes += raw.size
            pending.append(raw)
            if pending.count >= 64 || pendingBytes >= 64 * 1024 * 1024 { try flush() }
        }
        try flush()
        return summary
    }

    /// Ingests messages as one batch: prepared on `workers` threads, files synced once, one transaction. When this
    /// returns, every message of the batch is durable (the IMAP poller moves them on the server only then).
    public func ingest(batch raws: [RawMessage], workers: Int) throws -> [Outcome] {
        try commit(prepare(batch: raws, workers: workers))
    }

    /// Prepares a batch on `workers` threads (see ``prepare(_:)``); throws the first store failure.
    public func prepare(batch raws: [RawMessage], workers: Int) throws -> [Prepared] {
        let results = ResultSlots<Prepared>(count: raws.count)
        let next = ManagedAtomicIndex()
        WorkerThreads.run(max(1, min(workers, raws.count))) {
            while let i = next.take(below: raws.count) {
                results.set(i, Result { try self.prepare(raws[i]) })
            }
        }
        return try results.values()
    }

    /// Starts preparing a batch in the background: the caller commits the previous batch meanwhile.
    public func startPreparing(batch raws: [RawMessage], workers: Int) -> BackgroundResult<[Prepared]> {
        BackgroundResult { try self.prepare(batch: raws, workers: workers) }
    }

    /// Starts committing a prepared batch in the background (see ``commit(_:)``): the caller reads the next batch
    /// from the server meanwhile, and waits for this before acting on the batch (moving its mails).
    public func startCommitting(_ batch: [Prepared]) -> BackgroundResult<[Outcome]> {
        BackgroundResult { try self.commit(batch) }
    }
}

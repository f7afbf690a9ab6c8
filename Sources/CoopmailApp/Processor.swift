import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import CoopmailStore
import CoopmailText
import Foundation

/// Reads the documents of newly stored messages and matches each to a cooperative.
///
/// Two phases, both restartable after a crash: (1) every attachment not read yet is read — text layer, OCR —
/// two at a time, in message order, and its result cached by SHA-256 (the same bytes are never read twice); (2) as
/// soon as a message's attachments are read, its documents get their kind, page ranges, statement or quitus and
/// cooperative, in one transaction per message, and the message becomes `processed`.
public final class Processor {
    public let store: Store
    public let config: Config
    public var reader: DocumentReader
    /// Called just before a message's documents are kinded and matched; a throw counts as one failed attempt of
    /// that message (tests use it to play a mail that breaks the processing).
    public var beforeProcessing: ((MessageRecord) throws -> Void)?

    public init(store: Store, config: Config, reader: DocumentReader = DocumentReader()) {
        self.store = store
        self.config = config
        self.reader = reader
        // Scratch files of the extractors stay inside the data folder.
        self.reader.temporaryDirectory = store.folder.tmpURL.path
    }

    public struct Summary: Sendable {
        public var messages = 0
        public var documentsRead = 0
        public var matched = 0
        public var unmatched = 0
        /// Cooperatives whose dossier changed.
        public var cooperatives = Set<String>()
        /// Messages whose processing failed this time (tried again, alone, next time).
        public var failed = 0
        /// Messages set aside (« en échec ») by this run: a human must look.
        public var setAside = 0
        /// Another process was reading this data folder's mails: this one read nothing.
        public var busy = false

        /// One French line: `Lecture : 5 pièces lues, 4 rattachées à une coopérative, 1 à vérifier`.
        public var line: String {
            "Lecture : \(documentsRead) pièce\(Plural.s(documentsRead)) lue\(Plural.s(documentsRead)), "
                + "\(matched) document\(Plural.s(matched)) rattaché\(Plural.s(matched)) à une coopérative, "
                + "\(unmatched) à vérifier"
                + (failed > 0 ? ", \(failed) courriel\(Plural.s(failed)) à relire (erreur)" : "")
                + (setAside > 0
                    ? ", \(setAside) courriel\(Plural.s(setAside)) mis de côté en échec (voir coopmail review)"
                    : "")
        }
    }

    /// Processes every message in `received` status.
    ///
    /// Poison mails cannot stall the queue: each message is marked before its attachments are read; a marker found
    /// on an unfinished message at the next start (the process died), or an error while processing it, counts as one
    /// failed attempt,
    /// and a message that failed before is read alone, after the others. After ``MessageProcessing/maxAttempts``
    /// failures it is set aside (`set_aside`, « en échec ») with its error, and the others go on. Errors of the
    /// store itself (disk full, database not writable) stop the run instead: they are nobody's mail's fault.
    public func run() async throws -> Summary {
        var summary = Summary()
        let lock: RunLock
        do { lock = try RunLock(folder: store.folder, name: "process") } catch is RunLock.Busy {
            // Another process (a cron run, an ingest) is reading this folder's mails: it reads these too.
            summary.busy = true
            return summary
        }
        defer { lock.release() }
        summary.setAside += try store.recoverInterruptedProcessing(now: Timestamp.now()).count
        let (pending, docs) = try pendingWork()
        guard !pending.isEmpty else { return summary }
        let matcher = CooperativeMatcher(registry: try registry(), defaultDepartment: config.department)
        let byMessage = Dictionary(grouping: docs, by: \.message)
        let suspects = try store.suspectMessages()
        try await processBatch(
            pending.filter { !suspects.contains($0.id!) }, byMessage: byMessage, matcher: matcher,
            width: 2, summary: &summary)
        for message in pending where suspects.contains(message.id!) {
            try await processBatch([message], byMessage: byMessage, matcher: matcher, width: 1, summary: &summary)
        }
        return summary
    }

    /// Reads the attachments of `messages` (`width` at a time, in message order) and processes each message as soon
    /// as its attachments are read. Only the messages whose reading has started and that are not finished carry
    /// the marker, so a crash counts against those few.
    func processBatch(
        _ messages: [MessageRecord], byMessage: [Int64: [DocumentRecord]], matcher: CooperativeMatcher,
        width: Int, summary: inout Summary
    ) async throws {
        guard !messages.isEmpty else { return }
        let documents = messages.flatMap { byMessage[$0.id!] ?? [] }
        let todo = try uncached(documents.filter { $0.mediaType != "application/zip" })
        let todoSet = Set(todo.map(\.0))
        // The attachments each message waits for, and the last message that needs each `todo` entry to start.
        let needs = messages.map { m in Set((byMessage[m.id!] ?? []).map(\.sha256)).intersection(todoSet) }
        var firstNeeding: [String: Int] = [:]
        for (i, n) in needs.enumerated() { for sha in n where firstNeeding[sha] == nil { firstNeeding[sha] = i } }
        var done = Set<String>()
        var marked = 0  // messages[..<marked] carry (or carried) the marker
        var finished = 0  // messages[..<finished] are processed, failed or set aside
        func mark(through index: Int) throws {
            guard index >= marked else { return }
            try store.markProcessing(messages[marked...index].map { $0.id! }, now: Timestamp.now())
            marked = index + 1
        }
        func finishReady(_ summary: inout Summary) throws {
            while finished < messages.count, needs[finished].isSubset(of: done) {
                try mark(through: finished)
                try finish(
                    messages[finished], documents: byMessage[messages[finished].id!] ?? [], matcher: matcher,
                    summary: &summary)
                finished += 1
            }
        }
        do {
            let reader = self.reader
            let blobs = store.blobs
            let department = config.department
            var local = summary
            try await withThrowingTaskGroup(of: (String, CachedReading).self) { group in
                var iterator = todo.makeIterator()
                func start() throws {
                    guard let (sha, type) = iterator.next() else { return }
                    try mark(through: firstNeeding[sha] ?? finished)
                    group.addTask {
                        let data = (try? blobs.get(sha)) ?? Data()
                        let (_, parts) = await reader.readParts(
                            [UInt8](data), mediaType: type, defaultDepartment: department)
                        return (sha, CachedReading(parts: parts))
                    }
                }
                for _ in 0..<max(1, width) { try start() }
                try finishReady(&local)
                while let (sha, reading) = try await group.next() {
                    try saveReading(sha, reading)
                    local.documentsRead += 1
                    done.insert(sha)
                    try finishReady(&local)
                    try start()
                }
            }
            try finishReady(&local)
            summary = local
        } catch {
            // The store failed, not a mail: nobody is blamed for it.
            try? store.clearProcessing(messages[finished..<marked].map { $0.id! })
            throw error
        }
    }

    /// Processes one message whose attachments are read; an error is one failed attempt of this message only.
    func finish(
        _ message: MessageRecord, documents: [DocumentRecord], matcher: CooperativeMatcher,
        summary: inout Summary
    ) throws {
        var attempt = summary
        do {
            try beforeProcessing?(message)
            // Processed: its marker no longer counts (only unfinished messages are blamed) and goes at the next start.
            let changed = try process(message, documents: documents, matcher: matcher, summary: &attempt)
            attempt.cooperatives.formUnion(changed)
            attempt.messages += 1
            summary = attempt
        } catch  where !Self.isStoreFailure(error) {
            let text = ErrorMessage.french(error)
            if try store.recordProcessingFailure(message.id!, error: "erreur pendant la lecture : " + text) {
                summary.setAside += 1
            } else {
                summary.failed += 1
            }
        }
    }

    /// The sender the matcher may weigh: none when the receiving server says the mail failed DMARC or SPF.
    func matchSender(_ message: MessageRecord) -> String? {
        SenderAuthentication.failure(headersJSON: message.headers) == nil ? message.fromAddress : nil
    }

    /// Errors of the store itself (disk full, I/O, database locked or read-only), as opposed to a mail's.
    static func isStoreFailure(_ error: Error) -> Bool { StoreError.isEnvironmental(error) }

    func pendingWork() throws -> ([MessageRecord], [DocumentRecord]) {
        let work = try store.pendingWork()
        return (work.messages, work.documents)
    }

    func registry() throws -> [Cooperative] {
        try store.cooperatives().compactMap(\.cooperative)
    }

    /// The attachments with no cached reading by the current reader version.
    func uncached(_ docs: [DocumentRecord]) throws -> [(String, String)] {
        var seen = Set<String>()
        let unique = docs.filter { seen.insert($0.sha256).inserted }
        let cached = try store.cachedReadings(unique.map(\.sha256))
        return unique.filter {
            JSON.decode(CachedReading.self, cached[$0.sha256])?.version != DocumentReader.version
        }.map { ($0.sha256, $0.mediaType) }
    }

    func saveReading(_ sha: String, _ reading: CachedReading) throws {
        try store.saveReading(sha256: sha, result: JSON.encode(reading), at: Timestamp.now())
    }

    /// Phase 2 for one message: kinds, page ranges, readings and matches, in one transaction.
    func process(
        _ message: MessageRecord, documents: [DocumentRecord], matcher: CooperativeMatcher,
        summary: inout Summary
    ) throws -> Set<String> {
        let readings = try store.cachedReadings(documents.map(\.sha256)).compactMapValues {
            JSON.decode(CachedReading.self, $0)
        }
        let subject = message.subject ?? ""
        let automatic = AutomaticMailDetector.detect(message.detectorInput)
        var updated: [DocumentRecord] = []
        var added: [DocumentRecord] = []
        var nextPosition = (documents.map(\.position).max() ?? 0) + 1
        for doc in documents {
            guard doc.mediaType != "application/zip", let reading = readings[doc.sha256] else {
                var d = doc
                d.readStatus = doc.mediaType == "application/zip" ? .container : .unreadable
                updated.append(d)
                continue
            }
            let parts = reading.parts.isEmpty ? [CachedReading.Part.unreadable] : reading.parts
            for (i, part) in parts.enumerated() {
                var d = doc
                if i > 0 {
                    d.id = nil
                    d.position = nextPosition
                    nextPosition += 1
                }
                d.kind = part.kind
                d.pageNumbers = parts.count > 1 ? part.pages : nil
                d.readStatus = part.unreadable ? .unreadable : (part.ocr ? .ocr : .text)
                d.statement = part.statement
                d.quitus = part.quitus
                if let automatic {
                    // A bounce quotes the mail it could not deliver: its documents belong to nobody.
                    d.cooperative = nil
                    d.matchConfidence = 0
                    d.matchEvidence = JSON.encode([MessageNatureRules.automaticEvidence(automatic)])
                    if i == 0 { updated.append(d) } else { added.append(d) }
                    continue
                }
                let match = matcher.match(
                    sender: matchSender(message), subject: subject, body: message.bodyText,
                    filename: doc.filename, documentText: part.text,
                    statement: part.statement, quitus: part.quitus, documentTextIsOCR: part.ocr)
                d.cooperative = match.cooperative?.description
                d.matchConfidence = match.confidence
                d.matchEvidence = JSON.encode(match.evidence)
                if match.cooperative != nil { summary.matched += 1 } else { summary.unmatched += 1 }
                if i == 0 { updated.append(d) } else { added.append(d) }
            }
        }
        var m = message
        var all = updated + added
        let nature = MessageNatureRules.nature(
            automatic: automatic,
            attachments: all.filter { $0.readStatus != .container }.map {
                MessageNatureRules.Attachment(
                    filename: $0.filename, mediaType: $0.mediaType, size: $0.size,
                    kind: $0.kind, pixels: pixelSize($0))
            })
        m.nature = nature.rawValue
        if nature == .message {
            // Signature images and logos belong to no dossier.
            for i in all.indices { all[i].cooperative = nil }
            (updated, added) = (Array(all.prefix(updated.count)), Array(all.dropFirst(updated.count)))
        }
        let coops = Set(all.compactMap(\.cooperative))
        if let automatic {
            m.cooperative = nil
            m.matchConfidence = 0
            m.matchEvidence = JSON.encode([MessageNatureRules.automaticEvidence(automatic)])
        } else if nature == .message {
            let match = matcher.matchMessage(sender: matchSender(message), subject: subject, body: message.bodyText)
            m.cooperative = match.cooperative?.description
            m.matchConfidence = match.confidence
            m.matchEvidence = JSON.encode(match.evidence)
        } else if all.isEmpty || all.allSatisfy({ $0.kind == .other && $0.cooperative == nil }) {
            // No document to go by: the mail itself (sender, subject, body) decides, or nobody.
            let match = matcher.match(
                sender: matchSender(message), subject: subject, body: message.bodyText,
                filename: nil, documentText: "")
            m.cooperative = match.cooperative?.description
            m.matchConfidence = match.confidence
            m.matchEvidence = JSON.encode(match.evidence)
        } else if coops.count == 1,
            all.filter({ $0.kind != .other }).allSatisfy({ $0.cooperative != nil })
        {
            m.cooperative = coops.first
            let matched = all.filter { $0.cooperative != nil }
            m.matchConfidence = matched.map { $0.matchConfidence ?? 0 }.min() ?? 0
            var evidence: [String] = []
            for d in matched {
                for e in d.evidence where !evidence.contains(e) {
                    evidence.append(e)
                }
            }
            m.matchEvidence = JSON.encode(evidence)
        } else {
            m.cooperative = nil
            m.matchConfidence = 0
            m.matchEvidence = JSON.encode(
                coops.count > 1
                    ? [
                        "documents de plusieurs coopératives (\(coops.sorted().joined(separator: ", "))) : chaque pièce est rattachée séparément"
                    ]
                    : ["au moins une pièce n'a pas pu être rattachée avec certitude : à vérifier"])
        }
        if let first = m.collidesWith {
            // A mail reusing another's Message-ID stays flagged for staff whatever the match says.
            m.matchEvidence = JSON.encode([Ingestor.collisionNote(first)] + m.evidence)
        }
        m.status = MessageStatus.processed
        let failures = automatic?.kind == .bounce ? bounceFailures(m) : []
        try store.write { tx in
            for d in updated { try tx.update(d) }
            for var d in added { try tx.insert(&d) }
            try tx.update(m)
            try AddressFailures.record(tx, failures: failures, bounce: m)
            if automatic == nil, let from = m.fromAddress {
                // The address works again: a mail from it arrived after the bounce.
                try tx.clearAddressFailure(address: from, before: m.receivedAt)
            }
        }
        return coops.union(m.cooperative.map { [$0] } ?? [])
    }
}

extension Processor {
    /// The pixel size of an image in which the reader found nothing (the nature rules tell logos from pages by it).
    func pixelSize(_ d: DocumentRecord) -> (width: Int, height: Int)? {
        guard d.mediaType.hasPrefix("image/"), d.kind == .other,
            let data = try? store.blobs.get(d.sha256)
        else { return nil }
        return ImagePixelSize.of([UInt8](data.prefix(256 * 1024)))
    }
}

/// What reading an attachment gave, as cached in the `reading` table.
struct CachedReading: Codable {
    struct Part: Codable {
        var kind: DocumentKind
        var pages: [Int]
        var text: String
        var ocr: Bool
        var unreadable: Bool
        var statement: BankStatement?
        var quitus: Quitus?

        static let unreadable = Part(kind: .other, pages: [], text: "", ocr: false, unreadable: true)
    }
    var parts: [Part]
    /// ``DocumentReader/version`` that produced it: a newer reader reads the bytes again.
    var version: String?

    init(parts: [ReadDocumentPart]) {
        version = DocumentReader.version
        self.parts = parts.map { p in
            var statement = p.statement?.statement
            statement?.movementsReconciled = p.statement?.reconciled
            return Part(
                kind: p.kind, pages: p.pages, text: String(p.text.prefix(200_000)), ocr: p.ocr,
                unreadable: p.unreadable, statement: statement, quitus: p.quitus)
        }
    }
}

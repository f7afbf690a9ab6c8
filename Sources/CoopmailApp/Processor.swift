import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import CoopmailStore
import Foundation
import GRDB

/// Reads the documents of newly stored messages and matches each to a cooperative.
///
/// Two phases, both restartable after a crash: (1) every attachment not read yet is read — text layer, OCR —
/// two at a time, and its result cached by SHA-256 (the same bytes are never read twice); (2) each message's
/// documents get their kind, page ranges, statement or quitus and cooperative, in one transaction per message,
/// and the message becomes `processed`.
public final class Processor {
    public let store: Store
    public let config: Config
    public var reader: DocumentReader

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

        /// One French line: `Lecture : 5 pièces lues, 4 rattachées à une coopérative, 1 à vérifier`.
        public var line: String {
            "Lecture : \(documentsRead) pièce\(documentsRead > 1 ? "s" : "") lue\(documentsRead > 1 ? "s" : ""), "
                + "\(matched) document\(matched > 1 ? "s" : "") rattaché\(matched > 1 ? "s" : "") à une coopérative, "
                + "\(unmatched) à vérifier"
        }
    }

    /// Processes every message in `received` status.
    public func run() async throws -> Summary {
        var summary = Summary()
        let (pending, docs) = try pendingWork()
        guard !pending.isEmpty else { return summary }
        summary.documentsRead = try await readAll(docs.filter { $0.mediaType != "application/zip" })
        let matcher = CooperativeMatcher(registry: try registry(), defaultDepartment: config.department)
        let byMessage = Dictionary(grouping: docs, by: \.message)
        for message in pending {
            let changed = try process(message, documents: byMessage[message.id!] ?? [], matcher: matcher, summary: &summary)
            summary.cooperatives.formUnion(changed)
            summary.messages += 1
        }
        return summary
    }

    func pendingWork() throws -> ([MessageRecord], [DocumentRecord]) {
        try store.db.read { db in
            (try MessageRecord.filter(Column("status") == MessageStatus.received).order(Column("id")).fetchAll(db),
             try DocumentRecord.fetchAll(db, sql: """
                SELECT document.* FROM document JOIN message ON message.id = document.message
                WHERE message.status = ? ORDER BY document.message, document.position
                """, arguments: [MessageStatus.received]))
        }
    }

    func registry() throws -> [Cooperative] {
        try store.db.read { db in try CooperativeRecord.fetchAll(db).compactMap(\.cooperative) }
    }

    /// The attachments with no cached reading by the current reader version.
    func uncached(_ docs: [DocumentRecord]) throws -> [(String, String)] {
        var seen = Set<String>()
        return try store.db.read { db in
            try docs.filter { seen.insert($0.sha256).inserted }.filter {
                let cached = try String.fetchOne(db, sql: "SELECT result FROM reading WHERE sha256 = ?", arguments: [$0.sha256])
                return JSON.decode(CachedReading.self, cached)?.version != DocumentReader.version
            }.map { ($0.sha256, $0.mediaType) }
        }
    }

    func saveReading(_ sha: String, _ reading: CachedReading) throws {
        try store.db.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO reading (sha256, result, read_at) VALUES (?, ?, ?)",
                           arguments: [sha, JSON.encode(reading), Timestamp.now()])
        }
    }

    /// Phase 1: reads each distinct attachment not in the cache, two at a time.
    func readAll(_ docs: [DocumentRecord]) async throws -> Int {
        let todo = try uncached(docs)
        let reader = self.reader
        let blobs = store.blobs
        let department = config.department
        var count = 0
        try await withThrowingTaskGroup(of: (String, CachedReading).self) { group in
            var iterator = todo.makeIterator()
            func start() {
                guard let (sha, type) = iterator.next() else { return }
                group.addTask {
                    let data = (try? blobs.get(sha)) ?? Data()
                    let (_, parts) = await reader.readParts([UInt8](data), mediaType: type, defaultDepartment: department)
                    return (sha, CachedReading(parts: parts))
                }
            }
            start(); start()
            while let (sha, reading) = try await group.next() {
                try saveReading(sha, reading)
                count += 1
                start()
            }
        }
        return count
    }

    /// Phase 2 for one message: kinds, page ranges, readings and matches, in one transaction.
    func process(_ message: MessageRecord, documents: [DocumentRecord], matcher: CooperativeMatcher,
                 summary: inout Summary) throws -> Set<String> {
        let readings = try store.db.read { db -> [String: CachedReading] in
            var out: [String: CachedReading] = [:]
            for d in documents {
                if let text = try String.fetchOne(db, sql: "SELECT result FROM reading WHERE sha256 = ?", arguments: [d.sha256]),
                   let r = JSON.decode(CachedReading.self, text) { out[d.sha256] = r }
            }
            return out
        }
        let subject = message.subject ?? ""
        let automatic = AutomaticMailDetector.detect(message.detectorInput)
        var updated: [DocumentRecord] = []
        var added: [DocumentRecord] = []
        var nextPosition = (documents.map(\.position).max() ?? 0) + 1
        for doc in documents {
            guard doc.mediaType != "application/zip", let reading = readings[doc.sha256] else {
                var d = doc
                d.readStatus = doc.mediaType == "application/zip" ? "container" : "unreadable"
                updated.append(d)
                continue
            }
            let parts = reading.parts.isEmpty ? [CachedReading.Part.unreadable] : reading.parts
            for (i, part) in parts.enumerated() {
                var d = doc
                if i > 0 { d.id = nil; d.position = nextPosition; nextPosition += 1 }
                d.kind = part.kind.rawValue
                d.pages = parts.count > 1 ? JSON.encode(part.pages) : nil
                d.readStatus = part.unreadable ? "unreadable" : (part.ocr ? "ocr" : "text")
                d.statement = part.statement.map(JSON.encode)
                d.quitus = part.quitus.map(JSON.encode)
                if let automatic {
                    // A bounce quotes the mail it could not deliver: its documents belong to nobody.
                    d.cooperative = nil; d.matchConfidence = 0
                    d.matchEvidence = JSON.encode([MessageNatureRules.automaticEvidence(automatic)])
                    if i == 0 { updated.append(d) } else { added.append(d) }
                    continue
                }
                let match = matcher.match(sender: message.fromAddress, subject: subject, body: message.bodyText,
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
        let nature = MessageNatureRules.nature(automatic: automatic, attachments: all.filter { $0.readStatus != "container" }.map {
            MessageNatureRules.Attachment(filename: $0.filename, mediaType: $0.mediaType, size: $0.size,
                                          kind: DocumentKind(rawValue: $0.kind) ?? .other, pixels: pixelSize($0))
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
            let match = matcher.matchMessage(sender: message.fromAddress, subject: subject, body: message.bodyText)
            m.cooperative = match.cooperative?.description
            m.matchConfidence = match.confidence
            m.matchEvidence = JSON.encode(match.evidence)
        } else if all.isEmpty || all.allSatisfy({ $0.kind == DocumentKind.other.rawValue && $0.cooperative == nil }) {
            // No document to go by: the mail itself (sender, subject, body) decides, or nobody.
            let match = matcher.match(sender: message.fromAddress, subject: subject, body: message.bodyText,
                                      filename: nil, documentText: "")
            m.cooperative = match.cooperative?.description
            m.matchConfidence = match.confidence
            m.matchEvidence = JSON.encode(match.evidence)
        } else if coops.count == 1, all.filter({ $0.kind != DocumentKind.other.rawValue }).allSatisfy({ $0.cooperative != nil }) {
            m.cooperative = coops.first
            let matched = all.filter { $0.cooperative != nil }
            m.matchConfidence = matched.map { $0.matchConfidence ?? 0 }.min() ?? 0
            var evidence: [String] = []
            for d in matched { for e in JSON.decode([String].self, d.matchEvidence) ?? [] where !evidence.contains(e) { evidence.append(e) } }
            m.matchEvidence = JSON.encode(evidence)
        } else {
            m.cooperative = nil
            m.matchConfidence = 0
            m.matchEvidence = JSON.encode(coops.count > 1
                ? ["documents de plusieurs coopératives (\(coops.sorted().joined(separator: ", "))) : chaque pièce est rattachée séparément"]
                : ["au moins une pièce n'a pas pu être rattachée avec certitude : à vérifier"])
        }
        if let first = m.collidesWith {
            // A mail reusing another's Message-ID stays flagged for staff whatever the match says.
            m.matchEvidence = JSON.encode([Ingestor.collisionNote(first)] + (JSON.decode([String].self, m.matchEvidence) ?? []))
        }
        m.status = MessageStatus.processed
        try store.db.write { db in
            for d in updated { try d.update(db) }
            for var d in added { try d.insert(db) }
            try m.update(db)
        }
        return coops.union(m.cooperative.map { [$0] } ?? [])
    }
}

extension Processor {
    /// The pixel size of an image in which the reader found nothing (the nature rules tell logos from pages by it).
    func pixelSize(_ d: DocumentRecord) -> (width: Int, height: Int)? {
        guard d.mediaType.hasPrefix("image/"), d.kind == DocumentKind.other.rawValue,
              let data = try? store.blobs.get(d.sha256) else { return nil }
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
            return Part(kind: p.kind, pages: p.pages, text: String(p.text.prefix(200_000)), ocr: p.ocr,
                        unreadable: p.unreadable, statement: statement, quitus: p.quitus)
        }
    }
}

import CoopmailDomain
import GRDB

/// One document of a submission: an attachment, a file inside a zip attachment, or a page range of one.
public struct DocumentRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "document"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var message: Int64
    public var position: Int
    public var filename: String
    public var sha256: String
    public var size: Int
    public var mediaType: String
    public var kind: DocumentKind
    /// JSON `[1,2]`, or nil when the document is the whole attachment.
    public var pages: String?
    public var cooperative: String?
    public var matchConfidence: Double?
    public var matchEvidence: String
    /// What the reader found on a bank statement (stored as JSON text, sorted keys).
    public var statement: BankStatement? { didSet { undecodedStatement = nil } }
    /// What the reader found on a quitus page (stored as JSON text, sorted keys).
    public var quitus: Quitus? { didSet { undecodedQuitus = nil } }
    public var readStatus: ReadStatus
    public var note: String?
    /// The stored JSON of ``statement`` / ``quitus`` when this version cannot decode it (written by another one): it is
    /// written back as it was, not replaced by NULL, unless the property is set.
    var undecodedStatement: String?
    var undecodedQuitus: String?

    enum CodingKeys: String, CodingKey {
        case id, message, position, filename, sha256, size, mediaType, kind, pages, cooperative, matchConfidence
        case matchEvidence, statement, quitus, readStatus, note
    }

    /// Column by column, without `Decodable`'s snake-case key conversion for every column of every row (most of
    /// the time of a 100,000-row export went there).
    public init(row: Row) throws {
        id = row["id"]
        message = row["message"]
        position = row["position"]
        filename = row["filename"]
        sha256 = row["sha256"]
        size = row["size"]
        mediaType = row["media_type"]
        kind = try row.stored(DocumentKind.self, "kind")
        pages = row["pages"]
        cooperative = row["cooperative"]
        matchConfidence = row["match_confidence"]
        matchEvidence = row["match_evidence"]
        let statementText: String? = row["statement"]
        statement = JSON.decode(BankStatement.self, statementText)
        undecodedStatement = statement == nil ? statementText : nil
        let quitusText: String? = row["quitus"]
        quitus = JSON.decode(Quitus.self, quitusText)
        undecodedQuitus = quitus == nil ? quitusText : nil
        readStatus = try row.stored(ReadStatus.self, "read_status")
        note = row["note"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column by column, without `Encodable`'s snake-case key conversion (see ``MessageRecord``).
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["message"] = message
        container["position"] = position
        container["filename"] = filename
        container["sha256"] = sha256
        container["size"] = size
        container["media_type"] = mediaType
        container["kind"] = kind.rawValue
        container["pages"] = pages
        container["cooperative"] = cooperative
        container["match_confidence"] = matchConfidence
        container["match_evidence"] = matchEvidence
        container["statement"] = statement.map(JSON.encode) ?? undecodedStatement
        container["quitus"] = quitus.map(JSON.encode) ?? undecodedQuitus
        container["read_status"] = readStatus
        container["note"] = note
    }

    public init(
        id: Int64? = nil, message: Int64, position: Int, filename: String, sha256: String, size: Int,
        mediaType: String, kind: DocumentKind = .other, pages: String? = nil, cooperative: String? = nil,
        matchConfidence: Double? = nil, matchEvidence: String = "[]", statement: BankStatement? = nil,
        quitus: Quitus? = nil, readStatus: ReadStatus = .pending, note: String? = nil
    ) {
        self.id = id
        self.message = message
        self.position = position
        self.filename = filename
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.kind = kind
        self.pages = pages
        self.cooperative = cooperative
        self.matchConfidence = matchConfidence
        self.matchEvidence = matchEvidence
        self.statement = statement
        self.quitus = quitus
        self.readStatus = readStatus
        self.note = note
    }
}

/// How far a document was read.
public enum ReadStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Not read yet.
    case pending
    /// Read (set by hand or by older versions).
    case read
    /// Its text was extracted.
    case text
    /// Its text came from OCR.
    case ocr
    /// Nothing could be read from it.
    case unreadable
    /// A zip archive: its files are documents of their own.
    case container
}

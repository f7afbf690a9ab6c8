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
    public var kind: String
    /// JSON `[1,2]`, or nil when the document is the whole attachment.
    public var pages: String?
    public var cooperative: String?
    public var matchConfidence: Double?
    public var matchEvidence: String
    /// JSON ``BankStatement``.
    public var statement: String?
    /// JSON ``Quitus``.
    public var quitus: String?
    public var readStatus: String
    public var note: String?

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
        kind = row["kind"]
        pages = row["pages"]
        cooperative = row["cooperative"]
        matchConfidence = row["match_confidence"]
        matchEvidence = row["match_evidence"]
        statement = row["statement"]
        quitus = row["quitus"]
        readStatus = row["read_status"]
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
        container["kind"] = kind
        container["pages"] = pages
        container["cooperative"] = cooperative
        container["match_confidence"] = matchConfidence
        container["match_evidence"] = matchEvidence
        container["statement"] = statement
        container["quitus"] = quitus
        container["read_status"] = readStatus
        container["note"] = note
    }

    public init(
        id: Int64? = nil, message: Int64, position: Int, filename: String, sha256: String, size: Int,
        mediaType: String, kind: String = "other", pages: String? = nil, cooperative: String? = nil,
        matchConfidence: Double? = nil, matchEvidence: String = "[]", statement: String? = nil,
        quitus: String? = nil, readStatus: String = "pending", note: String? = nil
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

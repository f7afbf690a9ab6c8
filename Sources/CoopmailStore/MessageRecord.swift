import GRDB

/// One ingested e-mail (a submission), quarantined ones included.
public struct MessageRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "message"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var key: String
    public var messageId: String?
    public var rawSha256: String
    public var rawSize: Int
    public var fromAddress: String?
    public var fromName: String?
    public var returnPath: String?
    public var subject: String?
    public var sentAt: String?
    public var receivedAt: String
    public var inReplyTo: String?
    public var references: String?
    /// JSON `[[name, value]]`.
    public var headers: String
    public var bodyText: String
    public var source: String
    public var exercise: String
    public var status: MessageStatus
    public var quarantineReason: String?
    public var cooperative: String?
    public var matchConfidence: Double?
    /// JSON array of French phrases.
    public var matchEvidence: String
    public var createdAt: String
    /// `documents` | `message` | `automatic` (``CoopmailDomain/MessageNature``), decided when processed; nil before.
    public var nature: String?
    /// The earlier message whose Message-ID this one reuses with other content (stored apart, flagged for staff).
    public var collidesWith: Int64?
    /// JSON array of French phrases: the parts of a kept message that could not be read (migration v11-salvage).
    public var salvageNotes: String

    /// Column by column, without `Decodable`'s snake-case key conversion for every column of every row (most of
    /// the time of a 100,000-row export went there).
    public init(row: Row) throws {
        id = row["id"]
        key = row["key"]
        messageId = row["message_id"]
        rawSha256 = row["raw_sha256"]
        rawSize = row["raw_size"]
        fromAddress = row["from_address"]
        fromName = row["from_name"]
        returnPath = row["return_path"]
        subject = row["subject"]
        sentAt = row["sent_at"]
        receivedAt = row["received_at"]
        inReplyTo = row["in_reply_to"]
        references = row["references"]
        headers = row["headers"]
        bodyText = row["body_text"]
        source = row["source"]
        exercise = row["exercise"]
        status = try row.stored(MessageStatus.self, "status")
        quarantineReason = row["quarantine_reason"]
        cooperative = row["cooperative"]
        matchConfidence = row["match_confidence"]
        matchEvidence = row["match_evidence"]
        createdAt = row["created_at"]
        nature = row["nature"]
        collidesWith = row["collides_with"]
        salvageNotes = row["salvage_notes"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column by column (GRDB would otherwise go through `Encodable` and convert every key to snake case: a
    /// measurable share of ingest time).
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["key"] = key
        container["message_id"] = messageId
        container["raw_sha256"] = rawSha256
        container["raw_size"] = rawSize
        container["from_address"] = fromAddress
        container["from_name"] = fromName
        container["return_path"] = returnPath
        container["subject"] = subject
        container["sent_at"] = sentAt
        container["received_at"] = receivedAt
        container["in_reply_to"] = inReplyTo
        container["references"] = references
        container["headers"] = headers
        container["body_text"] = bodyText
        container["source"] = source
        container["exercise"] = exercise
        container["status"] = status
        container["quarantine_reason"] = quarantineReason
        container["cooperative"] = cooperative
        container["match_confidence"] = matchConfidence
        container["match_evidence"] = matchEvidence
        container["created_at"] = createdAt
        container["nature"] = nature
        container["collides_with"] = collidesWith
        container["salvage_notes"] = salvageNotes
    }

    public init(
        id: Int64? = nil, key: String, messageId: String?, rawSha256: String, rawSize: Int, fromAddress: String?,
        fromName: String?, returnPath: String?, subject: String?, sentAt: String?, receivedAt: String,
        inReplyTo: String?, references: String?, headers: String, bodyText: String, source: String,
        exercise: String, status: MessageStatus, quarantineReason: String?, cooperative: String? = nil,
        matchConfidence: Double? = nil, matchEvidence: String = "[]", createdAt: String, nature: String? = nil,
        collidesWith: Int64? = nil, salvageNotes: String = "[]"
    ) {
        self.id = id
        self.key = key
        self.messageId = messageId
        self.rawSha256 = rawSha256
        self.rawSize = rawSize
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.returnPath = returnPath
        self.subject = subject
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.inReplyTo = inReplyTo
        self.references = references
        self.headers = headers
        self.bodyText = bodyText
        self.source = source
        self.exercise = exercise
        self.status = status
        self.quarantineReason = quarantineReason
        self.cooperative = cooperative
        self.matchConfidence = matchConfidence
        self.matchEvidence = matchEvidence
        self.createdAt = createdAt
        self.nature = nature
        self.collidesWith = collidesWith
        self.salvageNotes = salvageNotes
    }
}

/// Submission statuses.
public enum MessageStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Stored, documents not read yet.
    case received
    /// Documents read and matched.
    case processed
    /// Malformed or hostile: kept as received, with a reason, for staff.
    case quarantined
    /// Its processing failed twice (an error, or the process died while reading it): set aside for staff
    /// (« en échec »), the rest goes on; `coopmail reessayer` puts it back in `received`.
    case setAside = "set_aside"
}

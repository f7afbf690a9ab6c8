import GRDB

/// One outcome mail in the outbox.
///
/// States: `queued` → (the last byte of the message handed to the SMTP server) `committing` → `sent`.
/// A temporary failure makes it `retry` (with `next_attempt_at`), a permanent one `failed` (reason in `last_error`).
/// A row found in `committing` at start-up was interrupted after the server may have accepted it: it becomes
/// `uncertain` and is never sent again automatically (staff decide). `refused`: loop prevention or privacy said no.
public struct OutboxRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "outbox"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var dedupeKey: String
    public var kind: String
    public var cooperative: String?
    public var exercise: String?
    public var message: Int64?
    public var envelopeFrom: String
    public var recipients: String
    public var subject: String
    public var rawSha256: String
    public var messageId: String
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String?
    public var createdAt: String
    public var sentAt: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(
        dedupeKey: String, kind: String, cooperative: String?, exercise: String?, message: Int64?, envelopeFrom: String,
        recipients: String, subject: String, rawSha256: String, messageId: String, state: String,
        nextAttemptAt: String, lastError: String? = nil, createdAt: String
    ) {
        self.dedupeKey = dedupeKey
        self.kind = kind
        self.cooperative = cooperative
        self.exercise = exercise
        self.message = message
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.subject = subject
        self.rawSha256 = rawSha256
        self.messageId = messageId
        self.state = state
        self.attempts = 0
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

public enum OutboxState {
    public static let queued = "queued"
    public static let retry = "retry"
    public static let committing = "committing"
    public static let sent = "sent"
    public static let failed = "failed"
    public static let uncertain = "uncertain"
    public static let refused = "refused"
}

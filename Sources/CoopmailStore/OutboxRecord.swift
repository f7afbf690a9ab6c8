import CoopmailDomain
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
    public var kind: OutcomeKind
    public var cooperative: String?
    public var exercise: String?
    public var message: Int64?
    public var envelopeFrom: String
    public var recipients: String
    public var subject: String
    public var rawSha256: String
    public var messageId: String
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String?
    public var createdAt: String
    public var sentAt: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(
        dedupeKey: String, kind: OutcomeKind, cooperative: String?, exercise: String?, message: Int64?,
        envelopeFrom: String,
        recipients: String, subject: String, rawSha256: String, messageId: String, state: OutboxState,
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

    /// Column by column: a kind or a state this version does not know is ``StoreError/unknownValue(column:value:)``.
    public init(row: Row) throws {
        id = row["id"]
        dedupeKey = row["dedupe_key"]
        kind = try row.stored(OutcomeKind.self, "kind")
        cooperative = row["cooperative"]
        exercise = row["exercise"]
        message = row["message"]
        envelopeFrom = row["envelope_from"]
        recipients = row["recipients"]
        subject = row["subject"]
        rawSha256 = row["raw_sha256"]
        messageId = row["message_id"]
        state = try row.stored(OutboxState.self, "state")
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        createdAt = row["created_at"]
        sentAt = row["sent_at"]
    }
}

/// Where an outbox row stands (see ``OutboxRecord``): every state the code writes.
public enum OutboxState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case queued
    case retry
    case committing
    case sent
    case failed
    case uncertain
    case refused
    /// Cancelled before it left (by staff, or by a newer decision on the same dossier): never sent.
    case cancelled

    /// States of a mail that has not left yet and may still be cancelled.
    public static let waiting: [OutboxState] = [.queued, .retry]
}

import CoopmailDomain
import Foundation
import GRDB

/// The persisted snapshot of one dossier (a cooperative's documents and checks for one exercise), read by the
/// review queue. Recomputed from the other tables by the dossier stage; never the source of truth.
public struct DossierRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "dossier"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var cooperative: String
    public var exercise: String
    /// Effective status: the automatic one, or staff's decision.
    public var status: DossierStatus
    /// The status the checks alone give.
    public var automaticStatus: DossierStatus
    /// Every check (stored as JSON).
    public var checks: [Check]
    /// The failed checks only (what the queue shows).
    public var failedChecks: [Check]
    public var failedCount: Int
    /// The rules that could not be checked for another reason than a missing document.
    public var uncheckedChecks: [Check] = []
    /// Sorted distinct SHA-256 of the dossier's documents.
    public var documents: [String]
    public var documentCount: Int
    public var submissionCount: Int
    public var lastSubmissionAt: String?
    public var matchConfidence: Double?
    public var updatedAt: String
    /// ISO-8601 arrival of the mail that made the dossier complete (the later of its first quitus and its first bank
    /// statement); nil while one of them is missing. Read by the season chart.
    public var completedAt: String? = nil

    public init(
        cooperative: String, exercise: String, status: DossierStatus, automaticStatus: DossierStatus, checks: [Check],
        failedChecks: [Check], failedCount: Int, documents: [String], documentCount: Int, submissionCount: Int,
        lastSubmissionAt: String?, matchConfidence: Double?, updatedAt: String
    ) {
        self.cooperative = cooperative
        self.exercise = exercise
        self.status = status
        self.automaticStatus = automaticStatus
        self.checks = checks
        self.failedChecks = failedChecks
        self.failedCount = failedCount
        self.documents = documents
        self.documentCount = documentCount
        self.submissionCount = submissionCount
        self.lastSubmissionAt = lastSubmissionAt
        self.matchConfidence = matchConfidence
        self.updatedAt = updatedAt
    }

    /// Column by column: a status this version does not know is ``StoreError/unknownValue(column:value:)``.
    public init(row: Row) throws {
        cooperative = row["cooperative"]
        exercise = row["exercise"]
        status = try row.stored(DossierStatus.self, "status")
        automaticStatus = try row.stored(DossierStatus.self, "automatic_status")
        checks = try row.json([Check].self, "checks")
        failedChecks = try row.json([Check].self, "failed_checks")
        failedCount = row["failed_count"]
        uncheckedChecks = try row.json([Check].self, ifPresent: "unchecked_checks") ?? []
        documents = try row.json([String].self, "documents")
        documentCount = row["document_count"]
        submissionCount = row["submission_count"]
        lastSubmissionAt = row["last_submission_at"]
        matchConfidence = row["match_confidence"]
        updatedAt = row["updated_at"]
        completedAt = row["completed_at"]
    }

    /// JSON columns in the text ``JSON/encode(_:)`` gives (sorted keys, slashes as they are), as earlier versions wrote.
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { JSON.encoder() }
}

/// One staff decision or history entry on a dossier (approve, reject, reassign, note, reopen).
public struct DecisionRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "decision"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var cooperative: String
    public var exercise: String
    public var action: DecisionAction
    public var actor: String
    public var reason: String?
    public var document: Int64?
    /// Sorted distinct SHA-256 of the dossier's documents at the time of the decision.
    public var documents: [String]
    /// Details (reassign: from, to; forced approval: forced).
    public var details: [String: String]?
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public init(
        id: Int64? = nil, cooperative: String, exercise: String, action: DecisionAction, actor: String,
        reason: String? = nil,
        document: Int64? = nil, documents: [String] = [], details: [String: String]? = nil, createdAt: String
    ) {
        self.id = id
        self.cooperative = cooperative
        self.exercise = exercise
        self.action = action
        self.actor = actor
        self.reason = reason
        self.document = document
        self.documents = documents
        self.details = details
        self.createdAt = createdAt
    }

    /// Column by column: an action this version does not know is ``StoreError/unknownValue(column:value:)``.
    public init(row: Row) throws {
        id = row["id"]
        cooperative = row["cooperative"]
        exercise = row["exercise"]
        action = try row.stored(DecisionAction.self, "action")
        actor = row["actor"]
        reason = row["reason"]
        document = row["document"]
        documents = try row.json([String].self, "documents")
        details = try row.json([String: String].self, ifPresent: "details")
        createdAt = row["created_at"]
    }

    /// JSON columns in the text ``JSON/encode(_:)`` gives (sorted keys, slashes as they are), as earlier versions wrote.
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { JSON.encoder() }
}

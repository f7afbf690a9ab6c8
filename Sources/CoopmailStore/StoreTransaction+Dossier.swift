import CoopmailDomain
import GRDB

extension MessageRecord {
    /// The submissions of a dossier, oldest first: the cooperative's own mails of the exercise and those with one of
    /// its documents, quarantined ones left out. Written as a union so that each part uses an index
    /// (`message(cooperative, exercise)`, `document(cooperative)`).
    public static func ofDossier(cooperative: String, exercise: String) -> SQLRequest<MessageRecord> {
        SQLRequest(
            sql: """
                SELECT * FROM message WHERE cooperative = ? AND exercise = ? AND status <> 'quarantined'
                UNION
                SELECT m.* FROM document d JOIN message m ON m.id = d.message
                WHERE d.cooperative = ? AND m.exercise = ? AND m.status <> 'quarantined'
                ORDER BY received_at, id
                """, arguments: [cooperative, exercise, cooperative, exercise], cached: true)
    }
}

extension DocumentRecord {
    /// The documents of a dossier: those of the cooperative's own mails of the exercise that are attached to no
    /// cooperative themselves, and those attached to it (quarantined mails left out). Unordered.
    /// `INDEXED BY`: without it SQLite (no statistics) walks the covering index message_exercise_status, every mail
    /// of the season for each dossier (13 ms a dossier at 50,000 dossiers).
    public static func ofDossier(cooperative: String, exercise: String) -> SQLRequest<DocumentRecord> {
        SQLRequest(
            sql: """
                SELECT d.* FROM message m INDEXED BY message_cooperative CROSS JOIN document d ON d.message = m.id
                WHERE m.cooperative = ? AND m.exercise = ? AND m.status <> 'quarantined' AND d.cooperative IS NULL
                UNION ALL
                SELECT d.* FROM document d JOIN message m ON m.id = d.message
                WHERE d.cooperative = ? AND m.exercise = ? AND m.status <> 'quarantined'
                """, arguments: [cooperative, exercise, cooperative, exercise], cached: true)
    }
}

extension DecisionRecord {
    /// A dossier's history, oldest first.
    public static func of(cooperative: String, exercise: String) -> SQLRequest<DecisionRecord> {
        SQLRequest(
            sql: "SELECT * FROM decision WHERE cooperative = ? AND exercise = ? ORDER BY id",
            arguments: [cooperative, exercise], cached: true)
    }

    /// A dossier's latest verdict or reopening (`approve`, `reject`, `reopen`).
    public static func lastVerdict(cooperative: String, exercise: String) -> SQLRequest<DecisionRecord> {
        SQLRequest(
            sql: """
                SELECT * FROM decision WHERE cooperative = ? AND exercise = ? AND action IN ('approve', 'reject', 'reopen')
                ORDER BY id DESC LIMIT 1
                """, arguments: [cooperative, exercise], cached: true)
    }
}

/// A dossier named by its cooperative and exercise, as stored (text).
public struct StoredDossierKey: Hashable, Sendable {
    public var cooperative: String
    public var exercise: String
}

/// One line of the review queue as stored: the snapshot's columns the queue reads, and the school's name.
public struct DossierQueueLine: Sendable {
    public var cooperative: String?
    public var exercise: String?
    /// A status this version does not know is ``StoreError/unknownValue(column:value:)`` when the line is read.
    public var status: DossierStatus
    public var automaticStatus: DossierStatus
    /// JSON `[Check]`; only worth decoding when ``failedCount`` is not zero.
    public var failedChecks: String?
    public var failedCount: Int
    /// JSON `[Check]`, nil or `[]` when every rule could be checked.
    public var uncheckedChecks: String?
    public var documentCount: Int
    public var submissionCount: Int
    public var lastSubmissionAt: String?
    public var matchConfidence: Double?
    public var updatedAt: String
    public var school: String?

    init(row: Row) throws {
        cooperative = row["cooperative"]
        exercise = row["exercise"]
        status = try row.stored(DossierStatus.self, "status")
        automaticStatus = try row.stored(DossierStatus.self, ifPresent: "automatic_status") ?? status
        failedChecks = row["failed_checks"]
        failedCount = row["failed_count"]
        uncheckedChecks = row["unchecked_checks"]
        documentCount = row["document_count"]
        submissionCount = row["submission_count"]
        lastSubmissionAt = row["last_submission_at"]
        matchConfidence = row["match_confidence"]
        updatedAt = row["updated_at"]
        school = row["school"]
    }
}

extension StoreTransaction {
    // MARK: a dossier's rows

    /// ``MessageRecord/ofDossier(cooperative:exercise:)``.
    public func dossierMessages(cooperative: String, exercise: String) throws -> [MessageRecord] {
        try MessageRecord.ofDossier(cooperative: cooperative, exercise: exercise).fetchAll(db)
    }

    /// ``DocumentRecord/ofDossier(cooperative:exercise:)``.
    public func dossierDocuments(cooperative: String, exercise: String) throws -> [DocumentRecord] {
        try DocumentRecord.ofDossier(cooperative: cooperative, exercise: exercise).fetchAll(db)
    }

    /// ``DecisionRecord/of(cooperative:exercise:)``.
    public func decisions(cooperative: String, exercise: String) throws -> [DecisionRecord] {
        try DecisionRecord.of(cooperative: cooperative, exercise: exercise).fetchAll(db)
    }

    /// ``DecisionRecord/lastVerdict(cooperative:exercise:)``.
    public func lastVerdict(cooperative: String, exercise: String) throws -> DecisionRecord? {
        try DecisionRecord.lastVerdict(cooperative: cooperative, exercise: exercise).fetchOne(db)
    }

    // MARK: snapshots

    /// The stored snapshot's status and checks (JSON) when it is up to date (not marked as changed).
    public func currentSnapshot(cooperative: String, exercise: String) throws -> (status: String, checks: String)? {
        try DossierRecord.currentSnapshots(db, exercise: exercise, cooperatives: [cooperative])[cooperative]
    }

    /// ``DossierRecord/currentSnapshots(_:exercise:cooperatives:)``.
    public func currentSnapshots(exercise: String, cooperatives: [String]) throws -> [String: (
        status: String, checks: String
    )] {
        try DossierRecord.currentSnapshots(db, exercise: exercise, cooperatives: cooperatives)
    }

    /// Removes the snapshot of a dossier (it has no submission any more).
    public func deleteDossier(cooperative: String, exercise: String) throws {
        try DossierRecord.deleteOne(db, key: ["cooperative": cooperative, "exercise": exercise])
    }

    /// Up to `limit` dossiers the triggers marked as changed.
    public func changedDossiers(limit: Int) throws -> [StoredDossierKey] {
        try Row.fetchAll(db, sql: "SELECT cooperative, exercise FROM dossier_dirty LIMIT ?", arguments: [limit]).map {
            StoredDossierKey(cooperative: $0["cooperative"], exercise: $0["exercise"])
        }
    }

    /// Clears the mark of a changed dossier.
    public func clearChanged(cooperative: String, exercise: String) throws {
        try db.execute(
            sql: "DELETE FROM dossier_dirty WHERE cooperative = ? AND exercise = ?", arguments: [cooperative, exercise])
    }

    /// Every dossier that exists or should: each cooperative with a mail or a document in an exercise, and each stored
    /// snapshot (nil members where the row has none).
    public func allDossierKeys() throws -> [(cooperative: String?, exercise: String?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT cooperative, exercise FROM message WHERE cooperative IS NOT NULL
                UNION SELECT d.cooperative, m.exercise FROM document d JOIN message m ON m.id = d.message WHERE d.cooperative IS NOT NULL
                UNION SELECT cooperative, exercise FROM dossier
                """
        ).map { (cooperative: $0["cooperative"], exercise: $0["exercise"]) }
    }

    /// Cancels the decision mails of a dossier that have not left yet. Returns how many.
    @discardableResult
    public func cancelWaitingDecisionMails(cooperative: String, exercise: String, reason: String) throws -> Int {
        try OutboxRecord.cancelWaitingDecisionMails(db, cooperative: cooperative, exercise: exercise, reason: reason)
    }

    // MARK: the review queue and the season

    /// ``DossierRecord/queueRows(_:exercise:filter:order:limit:)``.
    public func queueLines(exercise: String, filter: DossierQueueFilter, order: DossierQueueOrder, limit: Int?) throws
        -> [DossierQueueLine]
    {
        try DossierRecord.queueRows(db, exercise: exercise, filter: filter, order: order, limit: limit).map(
            { try DossierQueueLine(row: $0) })
    }

    /// ``DossierRecord/forEachQueueRow(_:exercise:filter:order:_:)``: every line of the queue, one at a time.
    public func forEachQueueLine(
        exercise: String, filter: DossierQueueFilter, order: DossierQueueOrder,
        _ body: (DossierQueueLine) throws -> Void
    ) throws {
        try DossierRecord.forEachQueueRow(db, exercise: exercise, filter: filter, order: order) {
            try body(DossierQueueLine(row: $0))
        }
    }

    /// ``DossierRecord/queueCount(_:exercise:filter:)``.
    public func queueCount(exercise: String, filter: DossierQueueFilter) throws -> Int {
        try DossierRecord.queueCount(db, exercise: exercise, filter: filter)
    }

    /// ``DossierRecord/countByStatus(_:exercise:)``.
    public func dossierCountByStatus(exercise: String) throws -> [String: Int] {
        try DossierRecord.countByStatus(db, exercise: exercise)
    }

    /// ``DossierRecord/silentCooperatives(_:exercise:)``.
    public func silentCooperatives(exercise: String) throws -> [String] {
        try DossierRecord.silentCooperatives(db, exercise: exercise)
    }

    /// ``DossierRecord/unregisteredCount(_:exercise:)``.
    public func unregisteredCount(exercise: String) throws -> Int {
        try DossierRecord.unregisteredCount(db, exercise: exercise)
    }
}

extension Store {
    /// The exercises of the stored mails and dossiers (unsorted). Each table's index on `exercise` is walked from one
    /// exercise to the next (a seek per exercise), not read whole: a season holds tens of thousands of rows.
    public func exercises() throws -> [String] {
        try db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE
                    m(x) AS (
                        SELECT MIN(exercise) FROM message
                        UNION ALL SELECT (SELECT MIN(exercise) FROM message WHERE exercise > m.x) FROM m WHERE m.x IS NOT NULL),
                    d(x) AS (
                        SELECT MIN(exercise) FROM dossier
                        UNION ALL SELECT (SELECT MIN(exercise) FROM dossier WHERE exercise > d.x) FROM d WHERE d.x IS NOT NULL)
                    SELECT x FROM m WHERE x IS NOT NULL UNION SELECT x FROM d WHERE x IS NOT NULL
                    """)
        }
    }

    /// The most recent exercise in which the cooperative sent a mail or has a document.
    public func latestExercise(cooperative: String) throws -> String? {
        try db.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT MAX(exercise) FROM (SELECT exercise FROM message WHERE cooperative = ?
                      UNION SELECT m.exercise FROM document d JOIN message m ON m.id = d.message WHERE d.cooperative = ?)
                    """, arguments: [cooperative, cooperative])
        }
    }
}

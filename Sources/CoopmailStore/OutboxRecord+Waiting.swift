import CoopmailDomain
import GRDB

extension OutboxRecord {
    /// Kinds that announce a staff decision: a newer decision makes a waiting one wrong.
    public static let decisionKinds: [OutcomeKind] = [.validated, .toCorrect, .missingDocuments]

    /// Cancels the decision mails of a dossier that have not left yet; returns how many. Called in the transaction
    /// that records a newer decision or a reopening, so that two contradictory mails never leave.
    @discardableResult
    public static func cancelWaitingDecisionMails(_ db: Database, cooperative: String, exercise: String, reason: String)
        throws -> Int
    {
        try db.execute(
            sql: """
                UPDATE outbox SET state = ?, last_error = ?
                WHERE cooperative = ? AND exercise = ? AND state IN (?, ?) AND kind IN (?, ?, ?)
                """,
            arguments: [OutboxState.cancelled, reason, cooperative, exercise, OutboxState.queued, OutboxState.retry]
                + StatementArguments(decisionKinds))
        return db.changesCount
    }
}

extension Store {
    /// Mails waiting to leave (queued or to retry), oldest first.
    public func waitingMails() throws -> [OutboxRecord] {
        try db.read { db in
            try OutboxRecord.filter(OutboxState.waiting.contains(Column("state"))).order(Column("id")).fetchAll(db)
        }
    }

    public func outboxMail(id: Int64) throws -> OutboxRecord? {
        try db.read { db in try OutboxRecord.fetchOne(db, key: id) }
    }

    /// Cancels one waiting mail; false when it has already left (or is leaving) and cannot be cancelled.
    public func cancelMail(id: Int64, reason: String) throws -> Bool {
        try db.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = ?, last_error = ? WHERE id = ? AND state IN (?, ?)",
                arguments: [OutboxState.cancelled, reason, id, OutboxState.queued, OutboxState.retry])
            return db.changesCount == 1
        }
    }
}

extension OutboxRecord {
    /// Outbox rows created at or after `since` (ISO-8601) with `address` (lower-case) among their recipients,
    /// through the `outbox_recipient` index.
    public static func countAddressed(_ db: Database, to address: String, since: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(DISTINCT outbox) FROM outbox_recipient WHERE address = ? AND created_at >= ?",
            arguments: [address, since]) ?? 0
    }
}

extension OutboxRecord {
    /// Answers that need staff: refused for good, or interrupted while the server may have them; oldest first.
    public static func needingStaff() -> QueryInterfaceRequest<OutboxRecord> {
        OutboxRecord.filter([OutboxState.failed, OutboxState.uncertain].contains(Column("state"))).order(Column("id"))
    }
}

extension Store {
    /// The answers queued for a dossier, oldest first.
    public func answers(cooperative: String, exercise: String) throws -> [OutboxRecord] {
        try db.read { db in try OutboxRecord.of(cooperative: cooperative, exercise: exercise).fetchAll(db) }
    }

    /// Answers that need staff (``OutboxRecord/needingStaff()``).
    public func answersNeedingStaff() throws -> [OutboxRecord] {
        try db.read { db in try OutboxRecord.needingStaff().fetchAll(db) }
    }
}

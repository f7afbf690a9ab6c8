import Foundation
import GRDB

/// How long each outside service (IMAP, SMTP) has been failing: a temporary failure is quiet until it lasts.
extension Store {
    /// Records that `service` failed with `message`; returns since when it has been failing (`now` when it was well).
    public func serviceFailing(_ service: String, message: String, now: Date) throws -> Date {
        try db.write { db -> Date in
            if let s = try String.fetchOne(
                db, sql: "SELECT failing_since FROM service_health WHERE service = ?", arguments: [service]),
                let d = Timestamp.parse(s)
            {
                try db.execute(
                    sql: "UPDATE service_health SET last_error = ? WHERE service = ?", arguments: [message, service])
                return d
            }
            try db.execute(
                sql: "INSERT INTO service_health (service, failing_since, last_error) VALUES (?, ?, ?)",
                arguments: [service, Timestamp.iso(now), message])
            return now
        }
    }

    /// `service` answered: it is no longer failing.
    public func serviceHealthy(_ service: String) throws {
        try db.write { try $0.execute(sql: "DELETE FROM service_health WHERE service = ?", arguments: [service]) }
    }
}

extension OutboxRecord {
    /// Answers not sent yet: queued, to retry, or being sent.
    public static func pending() -> QueryInterfaceRequest<OutboxRecord> {
        OutboxRecord.filter([OutboxState.queued, OutboxState.retry, OutboxState.committing].contains(Column("state")))
    }
}

extension Store {
    /// How many answers are not sent yet (``OutboxRecord/pending()``).
    public func pendingAnswerCount() throws -> Int {
        try db.read { db in try OutboxRecord.pending().fetchCount(db) }
    }

    /// How many reminders the campaign of `day` (ISO date) queued for the exercise.
    public func remindersQueued(exercise: String, day: String) throws -> Int {
        try db.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE kind LIKE 'reminder_%' AND dedupe_key LIKE ?",
                arguments: ["reminder:%:\(exercise):\(day)"]) ?? 0
        }
    }
}

extension OutboxRecord {
    /// Answers due to be sent at `now` (ISO-8601): queued, or to retry whose next attempt has come; oldest first.
    public static func due(at now: String) -> QueryInterfaceRequest<OutboxRecord> {
        OutboxRecord.filter(
            [OutboxState.queued, OutboxState.retry].contains(Column("state")) && Column("next_attempt_at") <= now
        )
        .order(Column("id"))
    }
}

extension Store {
    /// Rows left in `committing` by a killed run become `uncertain` with `reason`; how many.
    public func markInterruptedSends(reason: String) throws -> Int {
        try db.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = ?, last_error = ? WHERE state = ?",
                arguments: [OutboxState.uncertain, reason, OutboxState.committing])
            return db.changesCount
        }
    }

    /// ``OutboxRecord/due(at:)``.
    public func dueAnswers(at now: String) throws -> [OutboxRecord] {
        try db.read { db in try OutboxRecord.due(at: now).fetchAll(db) }
    }

    /// The answer's last bytes are about to reach the server: from now on a kill leaves it `uncertain`.
    public func markCommitting(_ id: Int64) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE outbox SET state = ? WHERE id = ?", arguments: [OutboxState.committing, id])
        }
    }

    /// Saves what became of one send, with the failing address it revealed, in one transaction.
    public func recordSend(_ row: OutboxRecord, failingAddress: AddressFailureRecord?) throws {
        try db.write { db in
            try row.update(db)
            if let failingAddress { try AddressFailureRecord.mark(db, failingAddress) }
        }
    }
}

import CoopmailDomain
import GRDB

/// One week of a season, counted in SQL (``Store/seasonWeeks(exercise:start:)``).
public struct SeasonWeekCounts: Equatable, Sendable {
    /// 0 for the seven days from the season's first day; -1 for anything before it.
    public var week: Int
    public var received = 0
    public var complete = 0
    public var validated = 0
    public var rejected = 0
    public var remindersSent = 0

    public init(week: Int) { self.week = week }
}

/// The SQL week of an ISO timestamp column, counted from the day bound first (-1 before it).
private func weekOf(_ column: String) -> String {
    "(CASE WHEN julianday(substr(\(column), 1, 10)) < julianday(:start) THEN -1 "
        + "ELSE CAST(julianday(substr(\(column), 1, 10)) - julianday(:start) AS INTEGER) / 7 END)"
}

extension MessageRecord {
    /// Mails of one exercise received per week from `start` (automatic mails left out): counted by day first, so
    /// that the date arithmetic runs once a day, not once a mail (index `message_received` covers it).
    public static func receivedPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: """
                SELECT \(weekOf("day")) AS week, SUM(n) AS n FROM (
                    SELECT substr(received_at, 1, 10) AS day, COUNT(*) AS n FROM message
                    WHERE exercise = :exercise AND (nature IS NULL OR nature != :automatic) GROUP BY day)
                GROUP BY week
                """, arguments: ["exercise": exercise, "start": start, "automatic": MessageNature.automatic.rawValue])
    }

    /// The latest arrival of a mail of one exercise (automatic mails left out).
    public static func latestReceived(exercise: String) -> SQLRequest<String> {
        SQLRequest(
            sql: "SELECT MAX(received_at) FROM message WHERE exercise = ? AND (nature IS NULL OR nature != ?)",
            arguments: [exercise, MessageNature.automatic.rawValue])
    }
}

extension DossierRecord {
    /// Dossiers of one exercise that became complete per week from `start` (their `completed_at`, kept by the dossier
    /// stage): counted by day first through the index `dossier_completed`.
    public static func completedPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: """
                SELECT \(weekOf("day")) AS week, SUM(n) AS n FROM (
                    SELECT substr(completed_at, 1, 10) AS day, COUNT(*) AS n FROM dossier
                    WHERE exercise = :exercise AND completed_at IS NOT NULL GROUP BY day)
                GROUP BY week
                """, arguments: ["exercise": exercise, "start": start])
    }
}

extension DecisionRecord {
    /// Dossiers of one exercise that received the decision `action` (approve, reject) per week from `start`.
    public static func decidedPerWeek(exercise: String, action: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: """
                SELECT \(weekOf("created_at")) AS week, COUNT(DISTINCT cooperative) AS n FROM decision
                WHERE exercise = :exercise AND action = :action GROUP BY week
                """, arguments: ["exercise": exercise, "start": start, "action": action])
    }
}

extension OutboxRecord {
    /// Reminders of one exercise that left (accepted by the SMTP server) per week from `start`.
    public static func remindersSentPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: """
                SELECT \(weekOf("sent_at")) AS week, COUNT(*) AS n FROM outbox
                WHERE exercise = :exercise AND kind LIKE 'reminder\\_%' ESCAPE '\\' AND state = :sent AND sent_at IS NOT NULL
                GROUP BY week
                """, arguments: ["exercise": exercise, "start": start, "sent": OutboxState.sent])
    }
}

extension Store {
    /// The season's activity per week from `start` (ISO day): a few grouped queries, never a loop over dossiers.
    /// Weeks without activity are absent; week -1 holds everything before `start`. The completions are read from the
    /// dossier rows: refresh the changed dossiers first.
    public func seasonWeeks(exercise: String, start: String, approve: String = "approve", reject: String = "reject")
        throws
        -> [Int: SeasonWeekCounts]
    {
        try db.read { db in
            var weeks: [Int: SeasonWeekCounts] = [:]
            func add(_ request: SQLRequest<Row>, _ field: WritableKeyPath<SeasonWeekCounts, Int>) throws {
                for row in try request.fetchAll(db) {
                    guard let week = row["week"] as Int?, let n = row["n"] as Int? else { continue }
                    weeks[week, default: SeasonWeekCounts(week: week)][keyPath: field] += n
                }
            }
            try add(MessageRecord.receivedPerWeek(exercise: exercise, start: start), \.received)
            try add(DossierRecord.completedPerWeek(exercise: exercise, start: start), \.complete)
            try add(DecisionRecord.decidedPerWeek(exercise: exercise, action: approve, start: start), \.validated)
            try add(DecisionRecord.decidedPerWeek(exercise: exercise, action: reject, start: start), \.rejected)
            try add(OutboxRecord.remindersSentPerWeek(exercise: exercise, start: start), \.remindersSent)
            return weeks
        }
    }

    /// The latest arrival of a mail of the exercise (ISO-8601), nil when none.
    public func latestMailReceived(exercise: String) throws -> String? {
        try db.read { db in try MessageRecord.latestReceived(exercise: exercise).fetchOne(db) }
    }
}

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

/// Rows (week, n): the rows of `table` where `filter` holds, counted per day (the first 10 characters of `column`),
/// then per week from `:start`, for each value `k` of `kinds` (a `kinds(k)` CTE; the rows with `part IS k`). The days
/// are found by jumping from one to the next in an index on (the filter's equalities, `part`, `column`), and each
/// day is counted on its index range: no sort of the season's rows, whose cost grew with the season.
private func perWeekByDay(table: String, column: String, filter: String, part: String, kinds: String) -> String {
    let row = "\(filter) AND \(part) IS days.k"
    return """
        WITH RECURSIVE \(kinds),
        days(k, day) AS (
            SELECT k, (SELECT substr(MIN(\(column)), 1, 10) FROM \(table) WHERE \(filter) AND \(part) IS kinds.k) FROM kinds
            UNION ALL SELECT k, (
                SELECT substr(MIN(\(column)), 1, 10) FROM \(table) WHERE \(row)
                AND \(column) > (CASE WHEN length(days.day) = 10 THEN days.day || char(1114111) ELSE days.day END))
            FROM days WHERE days.day IS NOT NULL)
        SELECT \(weekOf("day")) AS week, SUM((
            SELECT COUNT(*) FROM \(table) WHERE \(row) AND \(column) >= days.day
            AND \(column) <= days.day || char(1114111) AND substr(\(column), 1, 10) = days.day)) AS n
        FROM days WHERE day IS NOT NULL GROUP BY week
        """
}

/// Rows (week, n): the counts `season_count` keeps for one series of the exercise (``Migrations/v27SeasonCounts(_:)``),
/// for one part, summed per week from `:start`: a few hundred rows, whatever the season's size.
private func perWeekFromCounts(series: String) -> String {
    """
    SELECT \(weekOf("day")) AS week, SUM(n) AS n FROM season_count
    WHERE series = '\(series)' AND exercise = :exercise AND part = :part AND n > 0 GROUP BY week
    """
}

extension MessageRecord {
    /// Mails of one exercise received per week from `start` (automatic mails left out): the per-day counts the
    /// triggers keep (`season_count`, series `received`).
    public static func receivedPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: perWeekFromCounts(series: "received"), arguments: ["exercise": exercise, "start": start, "part": ""])
    }

    /// The latest arrival of a mail of one exercise (automatic mails left out): the latest of each nature but the
    /// automatic one, each a seek in the index `message_nature_received` (natures listed by jumping from one to the
    /// next), instead of reading every mail of the season.
    public static func latestReceived(exercise: String) -> SQLRequest<String> {
        SQLRequest(
            sql: """
                WITH RECURSIVE n(x) AS (
                    SELECT MIN(nature) FROM message WHERE exercise = :exercise
                    UNION ALL SELECT (SELECT MIN(nature) FROM message WHERE exercise = :exercise AND nature > n.x) FROM n
                    WHERE n.x IS NOT NULL)
                SELECT MAX(t) FROM (
                    SELECT (SELECT MAX(received_at) FROM message WHERE exercise = :exercise AND nature IS NULL) AS t
                    UNION ALL SELECT (SELECT MAX(received_at) FROM message WHERE exercise = :exercise AND nature = n.x)
                    FROM n WHERE n.x IS NOT NULL AND n.x != :automatic)
                """, arguments: ["exercise": exercise, "automatic": MessageNature.automatic.rawValue])
    }
}

extension DossierRecord {
    /// Dossiers of one exercise that became complete per week from `start` (their `completed_at`, kept by the dossier
    /// stage): the per-day counts the triggers keep (`season_count`, series `completed`).
    public static func completedPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: perWeekFromCounts(series: "completed"), arguments: ["exercise": exercise, "start": start, "part": ""])
    }
}

extension DecisionRecord {
    /// Dossiers of one exercise that received the decision `action` (approve, reject) per week from `start`.
    public static func decidedPerWeek(exercise: String, action: String, start: String) -> SQLRequest<Row> {
        // `weekOf` with one julianday per decision instead of two (the subquery's LIMIT keeps SQLite from copying the
        // expression back into both branches of the CASE).
        SQLRequest(
            sql: """
                SELECT CASE WHEN j < 0 THEN -1 ELSE CAST(j AS INTEGER) / 7 END AS week, COUNT(DISTINCT cooperative) AS n
                FROM (
                    SELECT julianday(substr(created_at, 1, 10)) - julianday(:start) AS j, cooperative FROM decision
                    WHERE exercise = :exercise AND action = :action LIMIT -1)
                GROUP BY week
                """, arguments: ["exercise": exercise, "start": start, "action": action])
    }
}

extension OutboxRecord {
    /// Reminders of one exercise that left (accepted by the SMTP server) per week from `start`.
    public static func remindersSentPerWeek(exercise: String, start: String) -> SQLRequest<Row> {
        SQLRequest(
            sql: perWeekByDay(
                table: "outbox", column: "sent_at", filter: "exercise = :exercise AND state = :sent", part: "kind",
                kinds: """
                    sent(x) AS (
                        SELECT MIN(kind) FROM outbox WHERE exercise = :exercise AND state = :sent
                        UNION ALL SELECT (
                            SELECT MIN(kind) FROM outbox WHERE exercise = :exercise AND state = :sent AND kind > sent.x)
                        FROM sent WHERE sent.x IS NOT NULL),
                    kinds(k) AS (SELECT x FROM sent WHERE x LIKE 'reminder\\_%' ESCAPE '\\')
                    """), arguments: ["exercise": exercise, "start": start, "sent": OutboxState.sent])
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

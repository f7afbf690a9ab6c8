import CoopmailDomain
import GRDB

/// What the review queue shows: the filters of `coopmail review`, applied by the database so that a season of
/// 50,000 dossiers answers with only the lines shown.
public struct DossierQueueFilter: Sendable {
    /// Only these statuses; when empty, every status but the decided ones unless ``includeDecided``.
    public var statuses: [DossierStatus] = []
    /// Only the dossiers whose latest submission is at or before this ISO-8601 instant.
    public var submittedAtOrBefore: String?
    /// Only the dossiers with a problem: undecided, and incomplete, a failed check or an unchecked rule.
    public var problemsOnly = false
    public var includeDecided = false

    public init(
        statuses: [DossierStatus] = [], submittedAtOrBefore: String? = nil, problemsOnly: Bool = false,
        includeDecided: Bool = false
    ) {
        self.statuses = statuses
        self.submittedAtOrBefore = submittedAtOrBefore
        self.problemsOnly = problemsOnly
        self.includeDecided = includeDecided
    }
}

/// The orders of the review queue.
public enum DossierQueueOrder: Sendable {
    /// Oldest latest submission first (none last), then by cooperative number.
    case age
    case cooperative
    /// By status in the given order, then oldest first.
    case status([DossierStatus])
}

extension DossierRecord {
    static let decided = [DossierStatus.validated.rawValue, DossierStatus.rejected.rawValue]
    static let incomplete = DossierStatus.incomplete.rawValue

    /// The columns the queue reads (`d.` dossier, `c.` cooperative, `school`).
    public static let queueColumns =
        "d.cooperative, d.exercise, d.status, d.automatic_status, d.failed_checks, d.failed_count, "
        + "d.unchecked_checks, d.document_count, d.submission_count, d.last_submission_at, d.match_confidence, d.updated_at, "
        + "c.school AS school"

    static func queueWhere(exercise: String, filter: DossierQueueFilter) -> (sql: String, arguments: StatementArguments)
    {
        var sql = "d.exercise = ?"
        var arguments: StatementArguments = [exercise]
        if !filter.statuses.isEmpty {
            sql += " AND d.status IN (" + filter.statuses.map { _ in "?" }.joined(separator: ", ") + ")"
            arguments += StatementArguments(filter.statuses.map(\.rawValue))
        } else if !filter.includeDecided {
            sql += " AND d.status NOT IN (?, ?)"
            arguments += StatementArguments(decided)
        }
        if let before = filter.submittedAtOrBefore {
            sql += " AND d.last_submission_at <= ?"
            arguments += [before]
        }
        if filter.problemsOnly {
            sql +=
                " AND d.status NOT IN (?, ?) AND (d.status = ? OR d.failed_count > 0 OR (d.unchecked_checks IS NOT NULL AND d.unchecked_checks <> '[]'))"
            arguments += StatementArguments(decided + [incomplete])
        }
        return (sql, arguments)
    }

    /// The first `limit` lines of the queue (all of them when nil), in the given order, with the school's name.
    public static func queueRows(
        _ db: Database, exercise: String, filter: DossierQueueFilter, order: DossierQueueOrder,
        limit: Int?
    ) throws -> [Row] {
        let q = queueQuery(exercise: exercise, filter: filter, order: order, limit: limit)
        return try Row.fetchAll(db, sql: q.sql, arguments: q.arguments)
    }

    /// Every line of the queue in the given order, one at a time from a cursor (`review --json` streams them).
    public static func forEachQueueRow(
        _ db: Database, exercise: String, filter: DossierQueueFilter, order: DossierQueueOrder,
        _ body: (Row) throws -> Void
    ) throws {
        let q = queueQuery(exercise: exercise, filter: filter, order: order, limit: nil)
        let rows = try Row.fetchCursor(db, sql: q.sql, arguments: q.arguments)
        while let row = try rows.next() { try body(row) }
    }

    static func queueQuery(exercise: String, filter: DossierQueueFilter, order: DossierQueueOrder, limit: Int?) -> (
        sql: String, arguments: StatementArguments
    ) {
        let w = queueWhere(exercise: exercise, filter: filter)
        let age = "COALESCE(d.last_submission_at, '9999'), d.cooperative"
        let orderSQL: String
        var orderArguments = StatementArguments()
        switch order {
        case .age: orderSQL = age
        case .cooperative: orderSQL = "d.cooperative"
        case .status(let ranks):
            orderSQL =
                "CASE d.status " + ranks.map { _ in "WHEN ? THEN ?" }.joined(separator: " ") + " ELSE ? END, " + age
            for (i, s) in ranks.enumerated() { orderArguments += [s.rawValue, i] }
            orderArguments += [ranks.count]
        }
        let select = "SELECT \(queueColumns) FROM dossier d LEFT JOIN cooperative c ON c.number = d.cooperative"
        guard let limit else { return ("\(select) WHERE \(w.sql) ORDER BY \(orderSQL)", w.arguments + orderArguments) }
        // The page is chosen on the `dossier_queue` index alone; only its lines' rows (with their JSON checks) are read.
        return (
            """
            \(select) WHERE d.rowid IN (SELECT d.rowid FROM dossier d WHERE \(w.sql) ORDER BY \(orderSQL) LIMIT ?)
            ORDER BY \(orderSQL)
            """, w.arguments + orderArguments + [max(0, limit)] + orderArguments
        )
    }

    /// How many dossiers of the exercise pass the filter.
    public static func queueCount(_ db: Database, exercise: String, filter: DossierQueueFilter) throws -> Int {
        let w = queueWhere(exercise: exercise, filter: filter)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dossier d WHERE \(w.sql)", arguments: w.arguments) ?? 0
    }

    /// Number of dossiers of the exercise per status (raw value); statuses without dossiers are absent. Read from the
    /// counts the triggers keep (`season_count`, series `status`), not from the exercise's dossiers.
    public static func countByStatus(_ db: Database, exercise: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT part AS status, n FROM season_count WHERE series = 'status' AND exercise = ? AND n > 0",
            arguments: [exercise])
        {
            counts[row["status"] as String, default: 0] += row["n"] as Int
        }
        return counts
    }

    /// Registered cooperatives with no dossier for the exercise, in number order. A merge of two indexes read in
    /// number order (the registry's key and the dossiers' key, cooperative then exercise): SQLite's EXCEPT with an
    /// ORDER BY walks both side by side, where a NOT EXISTS per cooperative made 50,000 seeks (half the time).
    public static func silentCooperatives(_ db: Database, exercise: String) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT number FROM cooperative
                EXCEPT SELECT cooperative FROM dossier INDEXED BY sqlite_autoindex_dossier_1 WHERE exercise = ?
                ORDER BY 1
                """, arguments: [exercise])
    }

    /// Dossiers of the exercise whose cooperative is not in the registry.
    public static func unregisteredCount(_ db: Database, exercise: String) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM dossier d WHERE d.exercise = ? AND NOT EXISTS (SELECT 1 FROM cooperative c WHERE c.number = d.cooperative)
                """, arguments: [exercise]) ?? 0
    }

    /// The snapshot's status and checks (JSON) of these cooperatives' dossiers for the exercise, by cooperative, for
    /// those that are up to date (not marked as changed): one transaction for a whole batch of the export.
    public static func currentSnapshots(_ db: Database, exercise: String, cooperatives: [String]) throws -> [String: (
        status: String, checks: String
    )] {
        var result: [String: (status: String, checks: String)] = [:]
        let statement = try db.cachedStatement(
            sql: """
                SELECT d.status, d.checks FROM dossier d WHERE d.cooperative = ? AND d.exercise = ?
                AND NOT EXISTS (SELECT 1 FROM dossier_dirty x WHERE x.cooperative = d.cooperative AND x.exercise = d.exercise)
                """)
        for c in cooperatives {
            if let row = try Row.fetchOne(statement, arguments: [c, exercise]) {
                result[c] = (row["status"], row["checks"])
            }
        }
        return result
    }
}

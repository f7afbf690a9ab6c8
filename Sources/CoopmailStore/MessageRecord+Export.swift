import CoopmailDomain
import GRDB

extension MessageRecord {
    /// Every message of the exercise in arrival order (received_at, id), each with its documents in position order,
    /// one at a time from a cursor: the export streams them without holding the season in memory.
    public static func forEach(
        _ db: Database, exercise: String, _ body: (MessageRecord, [DocumentRecord]) throws -> Void
    ) throws {
        let documents = try db.cachedStatement(sql: "SELECT * FROM document WHERE message = ? ORDER BY position")
        let messages = try MessageRecord.filter(Column("exercise") == exercise).order(
            Column("received_at"), Column("id")
        ).fetchCursor(db)
        while let m = try messages.next() {
            let docs = try m.id.map { try DocumentRecord.fetchAll(documents, arguments: [$0]) } ?? []
            try body(m, docs)
        }
    }

    /// The cooperatives the exercise's mails, or their documents, are attached to, automatic mails left out (the
    /// export's first pass), in one query that reads no mail's text. A mail whose nature was never decided
    /// (processed before natures existed) comes with its id: the caller decides whether it is automatic.
    public static func attachedCooperatives(_ db: Database, exercise: String) throws -> [(
        cooperative: String, undecided: Int64?
    )] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.cooperative AS c, CASE WHEN m.nature IS NULL THEN m.id END AS u FROM message m
                WHERE m.exercise = :exercise AND m.cooperative IS NOT NULL AND (m.nature IS NULL OR m.nature != :automatic)
                UNION
                SELECT d.cooperative AS c, CASE WHEN m.nature IS NULL THEN m.id END AS u
                FROM document d JOIN message m ON m.id = d.message
                WHERE m.exercise = :exercise AND d.cooperative IS NOT NULL AND (m.nature IS NULL OR m.nature != :automatic)
                """, arguments: ["exercise": exercise, "automatic": MessageNature.automatic.rawValue])
        return rows.map { (cooperative: $0["c"], undecided: $0["u"]) }
    }

    /// The most recent exercise of the stored messages.
    public static func latestExercise(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT MAX(exercise) FROM message")
    }
}

extension CooperativeRecord {
    /// The school's name of every registered cooperative, by number.
    public static func schoolsByNumber(_ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT number, school FROM cooperative")
        while let row = try rows.next() {
            let number: String = row["number"]
            if result[number] == nil { result[number] = row["school"] }
        }
        return result
    }
}

extension Store {
    /// ``MessageRecord/forEach(_:exercise:_:)`` in one read (one snapshot of the season).
    public func forEachSubmission(exercise: String, _ body: (MessageRecord, [DocumentRecord]) throws -> Void) throws {
        try db.read { db in try MessageRecord.forEach(db, exercise: exercise, body) }
    }

    /// ``MessageRecord/attachedCooperatives(_:exercise:)``.
    public func attachedCooperatives(exercise: String) throws -> [(cooperative: String, undecided: Int64?)] {
        try db.read { db in try MessageRecord.attachedCooperatives(db, exercise: exercise) }
    }

    /// The most recent exercise of the stored messages.
    public func latestExercise() throws -> String? {
        try db.read { db in try MessageRecord.latestExercise(db) }
    }

    /// The school's name of every registered cooperative, by number.
    public func schoolsByNumber() throws -> [String: String] {
        try db.read { db in try CooperativeRecord.schoolsByNumber(db) }
    }
}

import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The season's queries of `status` read the counts the triggers keep (`season_count`) or walk indexes (per day, per
/// kind) instead of reading the season: on generated stores (odd timestamps, nature NULL, several exercises, reminder
/// kinds in any case, rows changed and deleted afterwards) they give what the plain queries they replace give.
@Suite struct SeasonQueryTests {
    static func week(_ column: String) -> String {
        "(CASE WHEN julianday(substr(\(column), 1, 10)) < julianday(:start) THEN -1 "
            + "ELSE CAST(julianday(substr(\(column), 1, 10)) - julianday(:start) AS INTEGER) / 7 END)"
    }

    /// The plain queries, as they were before the index walks: one grouped scan each.
    static let plain: [(String, WritableKeyPath<SeasonWeekCounts, Int>)] = [
        (
            """
            SELECT \(week("day")) AS week, SUM(n) AS n FROM (SELECT substr(received_at, 1, 10) AS day, COUNT(*) AS n FROM message
            WHERE exercise = :exercise AND (nature IS NULL OR nature != 'automatic') GROUP BY day) GROUP BY week
            """, \.received
        ),
        (
            """
            SELECT \(week("day")) AS week, SUM(n) AS n FROM (SELECT substr(completed_at, 1, 10) AS day, COUNT(*) AS n FROM dossier
            WHERE exercise = :exercise AND completed_at IS NOT NULL GROUP BY day) GROUP BY week
            """, \.complete
        ),
        (
            """
            SELECT \(week("sent_at")) AS week, COUNT(*) AS n FROM outbox
            WHERE exercise = :exercise AND kind LIKE 'reminder\\_%' ESCAPE '\\' AND state = 'sent' AND sent_at IS NOT NULL
            GROUP BY week
            """, \.remindersSent
        ),
        (
            """
            SELECT \(week("created_at")) AS week, COUNT(DISTINCT cooperative) AS n FROM decision
            WHERE exercise = :exercise AND action = 'approve' GROUP BY week
            """, \.validated
        ),
        (
            """
            SELECT \(week("created_at")) AS week, COUNT(DISTINCT cooperative) AS n FROM decision
            WHERE exercise = :exercise AND action = 'reject' GROUP BY week
            """, \.rejected
        ),
    ]

    /// One processed mail, as the generated stores hold them.
    static func insertMail(_ db: Database, key: String, receivedAt: String, exercise: String, nature: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO message (key, raw_sha256, raw_size, received_at, headers, body_text, source, exercise, status, nature, created_at)
                VALUES (?, '0', 1, ?, '[]', '', 't', ?, 'processed', ?, 'now')
                """, arguments: [key, receivedAt, exercise, nature])
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func indexWalksGiveWhatThePlainQueriesGive(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("season-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let exercises = ["2019-2020", "2020-2021", "2021-2022"].shuffled(using: &rng).prefix(
            Int.random(in: 1...3, using: &rng))
        func stamp() -> String {
            let day = String(
                format: "2021-%02d-%02d", Int.random(in: 8...12, using: &rng), Int.random(in: 1...28, using: &rng))
            switch Int.random(in: 0..<20, using: &rng) {
            case 0: return day  // a day alone
            case 1: return String(day.prefix(7))  // no day: counted nowhere, as before
            case 2: return day + " 10:00"
            default:
                return day
                    + String(
                        format: "T%02d:%02d:%02dZ", Int.random(in: 0...23, using: &rng),
                        Int.random(in: 0...59, using: &rng), Int.random(in: 0...59, using: &rng))
            }
        }
        let natures: [String?] = [nil, "message", "documents", "automatic", "zz"]
        let statuses = ["incomplete", "to_review", "validated", "rejected", "zz"]
        let kinds = [
            "reminder_nothing_received", "reminder_incomplete", "acknowledgment", "Reminder_x", "reminders",
            "validated",
        ]
        try store.db.write { db in
            for i in 0..<Int.random(in: 0...120, using: &rng) {
                try Self.insertMail(
                    db, key: "<m\(i)@t>", receivedAt: stamp(), exercise: exercises.randomElement(using: &rng) ?? "",
                    nature: natures.randomElement(using: &rng) ?? nil)
            }
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at, completed_at)
                        VALUES (?, ?, ?, 'incomplete', '[]', 'now', ?)
                        """,
                    arguments: [
                        String(format: "075-%04d", Int.random(in: 0..<40, using: &rng)),
                        exercises.randomElement(using: &rng), statuses.randomElement(using: &rng),
                        Bool.random(using: &rng) ? stamp() : nil,
                    ])
            }
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                try db.execute(
                    sql:
                        "INSERT INTO decision (cooperative, exercise, action, actor, created_at) VALUES (?, ?, ?, 'x', ?)",
                    arguments: [
                        String(format: "075-%04d", Int.random(in: 0..<20, using: &rng)),
                        exercises.randomElement(using: &rng), ["approve", "reject", "note"].randomElement(using: &rng),
                        stamp(),
                    ])
            }
            for n in 0..<60 where Bool.random(using: &rng) {
                try db.execute(
                    sql: """
                        INSERT INTO cooperative (number, school, town, mandataire, emails, updated_at)
                        VALUES (?, 's', 't', 'm', '[]', 'now')
                        """, arguments: [String(format: "075-%04d", n)])
            }
            for i in 0..<Int.random(in: 0...60, using: &rng) {
                let state = ["sent", "queued", "failed"].randomElement(using: &rng) ?? "sent"
                try db.execute(
                    sql: """
                        INSERT INTO outbox (dedupe_key, kind, exercise, envelope_from, recipients, subject, raw_sha256, message_id, state, next_attempt_at, created_at, sent_at)
                        VALUES (?, ?, ?, 'a@t', '[]', 's', '0', ?, ?, 'now', 'now', ?)
                        """,
                    arguments: [
                        "k\(i)", kinds.randomElement(using: &rng), exercises.randomElement(using: &rng), "<o\(i)@t>",
                        state,
                        state == "sent" && Int.random(in: 0..<8, using: &rng) > 0 ? stamp() : nil,
                    ])
            }
        }
        // Mails and dossiers change afterwards (nature decided, dates, exercises, deletions, statuses, completions):
        // the counts the triggers keep follow them.
        try store.db.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM message")
            for id in ids where Int.random(in: 0..<3, using: &rng) == 0 {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    try db.execute(
                        sql: "UPDATE message SET nature = ? WHERE id = ?",
                        arguments: [natures.randomElement(using: &rng) ?? nil, id])
                case 1:
                    try db.execute(sql: "UPDATE message SET received_at = ? WHERE id = ?", arguments: [stamp(), id])
                case 2:
                    try db.execute(
                        sql: "UPDATE message SET exercise = ? WHERE id = ?",
                        arguments: [exercises.randomElement(using: &rng), id])
                default: try db.execute(sql: "DELETE FROM message WHERE id = ?", arguments: [id])
                }
            }
            let keys = try Row.fetchAll(db, sql: "SELECT cooperative, exercise FROM dossier")
            for key in keys where Int.random(in: 0..<3, using: &rng) == 0 {
                let c: String = key["cooperative"]
                let e: String = key["exercise"]
                switch Int.random(in: 0..<3, using: &rng) {
                case 0:
                    try db.execute(
                        sql: "UPDATE dossier SET status = ? WHERE cooperative = ? AND exercise = ?",
                        arguments: [statuses.randomElement(using: &rng), c, e])
                case 1:
                    try db.execute(
                        sql: "UPDATE dossier SET completed_at = ? WHERE cooperative = ? AND exercise = ?",
                        arguments: [Bool.random(using: &rng) ? stamp() : nil, c, e])
                default:
                    try db.execute(
                        sql: "DELETE FROM dossier WHERE cooperative = ? AND exercise = ?", arguments: [c, e])
                }
            }
        }
        let plainExercises = try store.db.read {
            try String.fetchSet(
                $0, sql: "SELECT DISTINCT exercise FROM message UNION SELECT DISTINCT exercise FROM dossier")
        }
        #expect(Set(try store.exercises()) == plainExercises, "seed \(seed)")
        for exercise in ["2019-2020", "2020-2021", "2021-2022"] {
            let latest = try store.db.read {
                try String.fetchOne(
                    $0,
                    sql:
                        "SELECT MAX(received_at) FROM message WHERE exercise = ? AND (nature IS NULL OR nature != 'automatic')",
                    arguments: [exercise])
            }
            #expect(try store.latestMailReceived(exercise: exercise) == latest, "\(exercise) seed \(seed)")
            let plainStatus = try store.db.read {
                try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(
                        $0, sql: "SELECT status, COUNT(*) AS n FROM dossier WHERE exercise = ? GROUP BY status",
                        arguments: [exercise]
                    ).map { ($0["status"] as String, $0["n"] as Int) })
            }
            #expect(
                try store.db.read { try DossierRecord.countByStatus($0, exercise: exercise) } == plainStatus,
                "\(exercise) seed \(seed)")
            let plainSilent = try store.db.read {
                try String.fetchAll(
                    $0,
                    sql: """
                        SELECT number FROM cooperative c
                        WHERE NOT EXISTS (SELECT 1 FROM dossier d WHERE d.cooperative = c.number AND d.exercise = ?)
                        ORDER BY number
                        """, arguments: [exercise])
            }
            #expect(
                try store.db.read { try DossierRecord.silentCooperatives($0, exercise: exercise) } == plainSilent,
                "\(exercise) seed \(seed)")
            for start in ["2021-09-01", "2021-10-04"] {
                var want: [Int: SeasonWeekCounts] = [:]
                try store.db.read { db in
                    for (sql, field) in Self.plain {
                        for row in try Row.fetchAll(db, sql: sql, arguments: ["exercise": exercise, "start": start]) {
                            guard let week = row["week"] as Int?, let n = row["n"] as Int? else { continue }
                            want[week, default: SeasonWeekCounts(week: week)][keyPath: field] += n
                        }
                    }
                }
                #expect(
                    try store.seasonWeeks(exercise: exercise, start: start) == want, "\(exercise) \(start) seed \(seed)"
                )
            }
        }
    }

    /// A store that had mails and dossiers before `season_count` existed: the migration counts them as the triggers
    /// would have.
    @Test(arguments: [UInt64(7), 8, 9])
    func theMigrationCountsWhatIsAlreadyStored(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v26-scale")
        try queue.write { db in
            for i in 0..<Int.random(in: 0...80, using: &rng) {
                try Self.insertMail(
                    db, key: "<m\(i)@t>",
                    receivedAt: String(
                        format: "2021-%02d-%02dT10:00:00Z", Int.random(in: 8...12, using: &rng),
                        Int.random(in: 1...28, using: &rng)),
                    exercise: ["2020-2021", "2021-2022"].randomElement(using: &rng) ?? "",
                    nature: ([nil, "automatic", "documents"] as [String?]).randomElement(using: &rng) ?? nil)
            }
            for i in 0..<Int.random(in: 0...40, using: &rng) {
                try db.execute(
                    sql: """
                        INSERT INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at, completed_at)
                        VALUES (?, '2020-2021', ?, 'incomplete', '[]', 'now', ?)
                        """,
                    arguments: [
                        String(format: "075-%04d", i), ["incomplete", "validated"].randomElement(using: &rng),
                        Bool.random(using: &rng) ? "2021-10-0\(Int.random(in: 1...9, using: &rng))T08:00:00Z" : nil,
                    ])
            }
        }
        let counted = "SELECT series, exercise, part, day, n FROM season_count WHERE n > 0 ORDER BY 1, 2, 3, 4"
        try Migrations.migrator.migrate(queue)
        let migrated = try queue.read { try Row.fetchAll($0, sql: counted) }
        // The same rows inserted again, through the triggers this time.
        try queue.write { db in
            try db.execute(sql: "DELETE FROM season_count")
            try db.execute(sql: "CREATE TEMP TABLE m AS SELECT * FROM message; DELETE FROM message")
            try db.execute(sql: "INSERT INTO message SELECT * FROM m")
            try db.execute(sql: "CREATE TEMP TABLE d AS SELECT * FROM dossier; DELETE FROM dossier")
            try db.execute(sql: "INSERT INTO dossier SELECT * FROM d")
        }
        #expect(try queue.read { try Row.fetchAll($0, sql: counted) } == migrated, "seed \(seed)")
    }
}

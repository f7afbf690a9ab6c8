import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The season's queries of `status` walk indexes (per day, per nature, per kind) instead of reading the season: on
/// generated stores (odd timestamps, nature NULL, several exercises, reminder kinds in any case) they give what the
/// plain queries they replace give.
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
    ]

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
        let kinds = [
            "reminder_nothing_received", "reminder_incomplete", "acknowledgment", "Reminder_x", "reminders",
            "validated",
        ]
        try store.db.write { db in
            for i in 0..<Int.random(in: 0...120, using: &rng) {
                try db.execute(
                    sql: """
                        INSERT INTO message (key, raw_sha256, raw_size, received_at, headers, body_text, source, exercise, status, nature, created_at)
                        VALUES (?, '0', 1, ?, '[]', '', 't', ?, 'processed', ?, 'now')
                        """,
                    arguments: [
                        "<m\(i)@t>", stamp(), exercises.randomElement(using: &rng),
                        natures.randomElement(using: &rng) ?? nil,
                    ])
            }
            for i in 0..<Int.random(in: 0...60, using: &rng) {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at, completed_at)
                        VALUES (?, ?, 'incomplete', 'incomplete', '[]', 'now', ?)
                        """,
                    arguments: [
                        String(format: "075-%04d", i), exercises.randomElement(using: &rng),
                        Bool.random(using: &rng) ? stamp() : nil,
                    ])
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
                // No decision here: the decided weeks (unchanged query) are left out of the comparison.
                #expect(
                    try store.seasonWeeks(exercise: exercise, start: start) == want, "\(exercise) \(start) seed \(seed)"
                )
            }
        }
    }
}

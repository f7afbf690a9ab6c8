import GRDB

extension Migrations {
    /// National size, fifth step: `season_count`, the season's counts kept by triggers, so that `status` reads a few
    /// hundred rows instead of walking the season's 100,000 mails and 50,000 dossiers on every run. Each row counts
    /// the rows of one series in one exercise, for one part and one day (the first 10 characters of the timestamp):
    /// - `received`: mails, by arrival day; part `automatic` for automatic mails, '' for every other (nature NULL too);
    /// - `completed`: dossiers by the day they became complete (those with a `completed_at`); part '';
    /// - `status`: dossiers by status (part); day ''.
    /// A row may fall to 0 (read as absent). The migration counts what is already stored.
    static func v27SeasonCounts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE season_count (
                    series TEXT NOT NULL,
                    exercise TEXT NOT NULL,
                    part TEXT NOT NULL,
                    day TEXT NOT NULL,
                    n INTEGER NOT NULL,
                    PRIMARY KEY (series, exercise, part, day)
                ) WITHOUT ROWID;
                INSERT INTO season_count (series, exercise, part, day, n)
                SELECT 'received', exercise, \(SeasonCount.messagePart("")), substr(received_at, 1, 10), COUNT(*)
                FROM message GROUP BY 2, 3, 4;
                INSERT INTO season_count (series, exercise, part, day, n)
                SELECT 'completed', exercise, '', substr(completed_at, 1, 10), COUNT(*)
                FROM dossier WHERE completed_at IS NOT NULL GROUP BY 2, 4;
                INSERT INTO season_count (series, exercise, part, day, n)
                SELECT 'status', exercise, status, '', COUNT(*) FROM dossier GROUP BY 2, 3;
                \(SeasonCount.triggers(on: "message", columns: "exercise, received_at, nature", SeasonCount.received))
                \(SeasonCount.triggers(on: "dossier", columns: "exercise, status, completed_at", SeasonCount.dossier))
                """)
    }
}

/// The trigger statements of ``Migrations/v27SeasonCounts(_:)``.
enum SeasonCount {
    /// The three triggers that keep a table's counts: a new row adds (`NEW.`), a deleted one takes away (`OLD.`), an
    /// update of one of `columns` does both.
    static func triggers(on table: String, columns: String, _ count: (String, Int) -> String) -> String {
        """
        CREATE TRIGGER \(table)_season_insert AFTER INSERT ON \(table) BEGIN \(count("NEW.", 1)) END;
        CREATE TRIGGER \(table)_season_delete AFTER DELETE ON \(table) BEGIN \(count("OLD.", -1)) END;
        CREATE TRIGGER \(table)_season_update AFTER UPDATE OF \(columns) ON \(table) BEGIN
            \(count("OLD.", -1))
            \(count("NEW.", 1))
        END;
        """
    }

    /// The part of a mail (`row` is `NEW.`, `OLD.` or '' for the table's own columns).
    static func messagePart(_ row: String) -> String {
        "CASE WHEN \(row)nature IS 'automatic' THEN 'automatic' ELSE '' END"
    }

    /// Adds `by` to the count of one series, exercise, part and day, when `condition` holds.
    static func add(series: String, exercise: String, part: String, day: String, by: Int, condition: String = "1")
        -> String
    {
        by > 0
            ? """
            INSERT INTO season_count (series, exercise, part, day, n) SELECT '\(series)', \(exercise), \(part), \(day), \(by)
            WHERE \(condition) ON CONFLICT (series, exercise, part, day) DO UPDATE SET n = n + \(by);
            """
            : """
            UPDATE season_count SET n = n - \(-by)
            WHERE series = '\(series)' AND exercise = \(exercise) AND part = \(part) AND day = \(day) AND \(condition);
            """
    }

    static func received(_ row: String, by: Int) -> String {
        add(
            series: "received", exercise: "\(row)exercise", part: messagePart(row),
            day: "substr(\(row)received_at, 1, 10)", by: by)
    }

    static func dossier(_ row: String, by: Int) -> String {
        add(series: "status", exercise: "\(row)exercise", part: "\(row)status", day: "''", by: by)
            + "\n"
            + add(
                series: "completed", exercise: "\(row)exercise", part: "''", day: "substr(\(row)completed_at, 1, 10)",
                by: by, condition: "\(row)completed_at IS NOT NULL")
    }
}

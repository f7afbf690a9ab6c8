import GRDB

extension Migrations {
    /// When each dossier became complete (the arrival of the later of its first quitus and its first bank statement),
    /// kept on the dossier row by the dossier stage, so that the season chart's « dossiers complets » is one grouped
    /// read of an index instead of a pass over every document of the season. Backfilled here in one grouped pass.
    static func v21Completion(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE dossier ADD COLUMN completed_at TEXT;
                UPDATE dossier SET completed_at = done.at FROM (
                    SELECT coop, exercise, MAX(q, s) AS at FROM (
                        SELECT COALESCE(d.cooperative, m.cooperative) AS coop, m.exercise AS exercise,
                               MIN(CASE WHEN d.kind = 'quitus' THEN m.received_at END) AS q,
                               MIN(CASE WHEN d.kind = 'bank_statement' THEN m.received_at END) AS s
                        FROM document d JOIN message m ON m.id = d.message
                        WHERE m.status <> 'quarantined' AND COALESCE(d.cooperative, m.cooperative) IS NOT NULL
                        GROUP BY coop, m.exercise)
                    WHERE q IS NOT NULL AND s IS NOT NULL) AS done
                WHERE dossier.cooperative = done.coop AND dossier.exercise = done.exercise;
                CREATE INDEX dossier_completed ON dossier(exercise, completed_at);
                """)
    }
}

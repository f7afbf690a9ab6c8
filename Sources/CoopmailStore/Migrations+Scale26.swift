import GRDB

extension Migrations {
    /// National size, fourth step: the review page in its default order (oldest submission first) read from an
    /// index in that order, `dossier_age`, so that the first 100 dossiers of 50,000 are the first 100 entries of the
    /// index instead of a sort of the whole exercise; and the decisions by exercise and action with their date and
    /// cooperative, `decision_exercise_action`, so that the season chart's approvals and rejections per week read the
    /// index alone instead of every decision of every exercise.
    static func v26Scale(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX dossier_age ON dossier(exercise, COALESCE(last_submission_at, '9999'), cooperative, status);
                CREATE INDEX decision_exercise_action ON decision(exercise, action, created_at, cooperative);
                """)
    }
}

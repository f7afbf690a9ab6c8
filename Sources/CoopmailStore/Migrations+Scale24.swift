import GRDB

extension Migrations {
    /// National size, third step: the outbox by exercise and state, so that the season chart's « relances envoyées »
    /// reads the few thousand sent rows of the exercise from an index (with their kind and date) instead of every row
    /// of the outbox (an answer per mail: over 100,000 rows at 50,000 dossiers); and the outbox by cooperative, so that
    /// `show` finds a dossier's answers, decisions and reminders without reading the whole outbox.
    static func v24Scale(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX outbox_exercise_state ON outbox(exercise, state, kind, sent_at);
                CREATE INDEX outbox_cooperative ON outbox(cooperative, exercise, id);
                """)
    }
}

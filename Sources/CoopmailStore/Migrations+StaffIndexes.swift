import GRDB

extension Migrations {
    /// National size, second step: the mails of an exercise by lowercased sender, so that « a écrit, rien de
    /// rattaché » (`status`) and the mails from a cooperative's registered addresses (`show`) are index look-ups
    /// instead of a scan of every mail of the season; and the mails of an exercise by status, so that the quarantined,
    /// set-aside and unattached mails `review` and `status` list are found without reading the whole season; and
    /// `message_nature` widened with the arrival, so that the season chart (its latest mail, its mails per day) reads
    /// the index alone. No index starts with (exercise, received_at): SQLite, without statistics, would walk such an
    /// index for any query ordered by arrival (the whole season) rather than look up its few rows by status.
    static func v20Scale(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX message_sender ON message(lower(from_address), exercise);
                CREATE INDEX message_exercise_status ON message(exercise, status, cooperative, received_at);
                DROP INDEX message_nature;
                CREATE INDEX message_nature_received ON message(exercise, nature, received_at);
                """)
    }
}

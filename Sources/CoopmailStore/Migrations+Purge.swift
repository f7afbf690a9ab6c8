import GRDB

extension Migrations {
    /// Retention: the raw mails, attachments and answers of old exercises can be purged while their rows (metadata,
    /// figures read, matches) stay, marked by `purged_at`; each purge is logged.
    static func v14Purge(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message ADD COLUMN purged_at TEXT;
                ALTER TABLE document ADD COLUMN purged_at TEXT;
                ALTER TABLE outbox ADD COLUMN purged_at TEXT;
                CREATE TABLE purge_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    before_exercise TEXT NOT NULL,      -- exercises strictly before this one were purged
                    actor TEXT NOT NULL,
                    messages INTEGER NOT NULL,
                    documents INTEGER NOT NULL,
                    answers INTEGER NOT NULL,
                    blobs_removed INTEGER NOT NULL,
                    bytes_removed INTEGER NOT NULL,
                    created_at TEXT NOT NULL
                );
                """)
    }
}

import GRDB

extension Migrations {
    /// Questions (mails of nature `message`) that staff marked answered: who, when. A row per message; a question
    /// without a row is waiting. The outbox's Message-IDs are indexed: a reply names ours and is threaded to it.
    static func v18Questions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE message_answer (
                    message INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
                    actor TEXT NOT NULL,
                    answered_at TEXT NOT NULL
                );
                CREATE INDEX outbox_message_id ON outbox(message_id);
                """)
    }
}

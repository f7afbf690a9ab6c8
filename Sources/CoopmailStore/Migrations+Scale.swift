import GRDB

extension Migrations {
    /// National size (50,000 cooperatives and dossiers): indexes the staff commands read through (`dossier_queue`
    /// covers the counts by status, the cooperatives without a dossier and the choice of a review page;
    /// `message_authentication` the few mails that carry an Authentication-Results header), and the outbox's
    /// recipients one per row (kept by triggers) so that the per-address daily limit is an index look-up instead of
    /// a scan of every outbox row's JSON.
    static func v16ScaleIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX dossier_queue ON dossier(exercise, status, last_submission_at, cooperative, failed_count);
                CREATE INDEX outbox_created ON outbox(created_at);
                CREATE INDEX message_authentication ON message(exercise, id) WHERE instr(lower(headers), 'authentication-results') > 0;
                CREATE TABLE outbox_recipient (
                    outbox INTEGER NOT NULL,            -- outbox(id); removed with it by a trigger
                    address TEXT NOT NULL,              -- lower-case, as in the outbox row's JSON recipients
                    created_at TEXT NOT NULL            -- the outbox row's
                );
                CREATE INDEX outbox_recipient_address ON outbox_recipient(address, created_at);
                CREATE INDEX outbox_recipient_outbox ON outbox_recipient(outbox);
                INSERT INTO outbox_recipient(outbox, address, created_at)
                    SELECT o.id, lower(r.value), o.created_at FROM outbox o, json_each(CASE WHEN json_valid(o.recipients) THEN o.recipients ELSE '[]' END) r
                    WHERE r.type = 'text';
                CREATE TRIGGER outbox_recipient_insert AFTER INSERT ON outbox BEGIN
                    INSERT INTO outbox_recipient(outbox, address, created_at)
                    SELECT NEW.id, lower(r.value), NEW.created_at FROM json_each(CASE WHEN json_valid(NEW.recipients) THEN NEW.recipients ELSE '[]' END) r
                    WHERE r.type = 'text';
                END;
                CREATE TRIGGER outbox_recipient_update AFTER UPDATE OF recipients, created_at ON outbox BEGIN
                    DELETE FROM outbox_recipient WHERE outbox = OLD.id;
                    INSERT INTO outbox_recipient(outbox, address, created_at)
                    SELECT NEW.id, lower(r.value), NEW.created_at FROM json_each(CASE WHEN json_valid(NEW.recipients) THEN NEW.recipients ELSE '[]' END) r
                    WHERE r.type = 'text';
                END;
                CREATE TRIGGER outbox_recipient_delete AFTER DELETE ON outbox BEGIN
                    DELETE FROM outbox_recipient WHERE outbox = OLD.id;
                END;
                """)
    }
}

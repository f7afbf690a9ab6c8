import GRDB

/// Versioned schema migrations. A migration is never edited once released: add a new one.
public enum Migrations {
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation", migrate: v1Foundation)
        m.registerMigration("v2-dossiers", migrate: v2Dossiers)
        m.registerMigration("v3-reading-and-imap", migrate: v3ReadingAndIMAP)
        m.registerMigration("v4-outbox", migrate: v4Outbox)
        m.registerMigration("v5-health", migrate: v5Health)
        m.registerMigration("v6-message-digest-index", migrate: v6MessageDigestIndex)
        m.registerMigration("v7-acknowledged", migrate: v7Acknowledged)
        m.registerMigration("v8-message-collisions", migrate: v8MessageCollisions)
        m.registerMigration("v9-set-aside", migrate: v9SetAside)
        m.registerMigration("v10-nature", migrate: v10Nature)
        m.registerMigration("v11-salvage", migrate: v11Salvage)
        m.registerMigration("v12-oversized", migrate: v12Oversized)
        m.registerMigration("v14-purge", migrate: v14Purge)
        m.registerMigration("v15-unchecked", migrate: v15Unchecked)
        m.registerMigration("v16-scale-indexes", migrate: v16ScaleIndexes)
        m.registerMigration("v17-address-failures", migrate: v17AddressFailures)
        m.registerMigration("v18-questions", migrate: v18Questions)
        m.registerMigration("v20-scale", migrate: v20Scale)
        m.registerMigration("v21-completion", migrate: v21Completion)
        m.registerMigration("v24-scale", migrate: v24Scale)
        m.registerMigration("v26-scale", migrate: v26Scale)
        m.registerMigration("v27-season-counts", migrate: v27SeasonCounts)
        return m
    }

    static func v1Foundation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE cooperative (
                    number TEXT PRIMARY KEY,            -- 075-0123
                    school TEXT NOT NULL,
                    town TEXT NOT NULL,
                    mandataire TEXT NOT NULL,
                    emails TEXT NOT NULL,               -- JSON array of lower-case addresses
                    iban TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE declaration (
                    cooperative TEXT NOT NULL,
                    exercise TEXT NOT NULL,             -- 2020-2021
                    opening_balance INTEGER NOT NULL,   -- cents
                    income INTEGER NOT NULL,
                    expenses INTEGER NOT NULL,
                    book_bank_balance INTEGER NOT NULL,
                    cash_balance INTEGER NOT NULL,
                    outstanding_cheques INTEGER NOT NULL,
                    deposits_in_transit INTEGER NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (cooperative, exercise)
                );
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,           -- Message-ID, or sha256:<raw digest> when absent
                    message_id TEXT,
                    raw_sha256 TEXT NOT NULL,
                    raw_size INTEGER NOT NULL,
                    from_address TEXT,
                    from_name TEXT,
                    return_path TEXT,
                    subject TEXT,
                    sent_at TEXT,                       -- Date header, ISO-8601
                    received_at TEXT NOT NULL,          -- ISO-8601
                    in_reply_to TEXT,
                    "references" TEXT,
                    headers TEXT NOT NULL DEFAULT '[]', -- JSON [[name, value]] of the headers that matter for replies
                    body_text TEXT NOT NULL DEFAULT '',
                    source TEXT NOT NULL,               -- where it came from (file, maildir, mbox, imap)
                    exercise TEXT NOT NULL,
                    status TEXT NOT NULL,               -- received | processed | quarantined
                    quarantine_reason TEXT,
                    cooperative TEXT,
                    match_confidence REAL,
                    match_evidence TEXT NOT NULL DEFAULT '[]',
                    created_at TEXT NOT NULL
                );
                CREATE INDEX message_status ON message(status);
                CREATE INDEX message_exercise ON message(exercise);
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,          -- order within the message
                    filename TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    media_type TEXT NOT NULL,
                    kind TEXT NOT NULL DEFAULT 'other',
                    pages TEXT,                         -- JSON [1,2] when the attachment holds several documents
                    cooperative TEXT,
                    match_confidence REAL,
                    match_evidence TEXT NOT NULL DEFAULT '[]',
                    statement TEXT,                     -- JSON BankStatement
                    quitus TEXT,                        -- JSON Quitus
                    read_status TEXT NOT NULL DEFAULT 'pending', -- pending | read | unreadable
                    note TEXT
                );
                CREATE INDEX document_message ON document(message);
                CREATE INDEX document_sha ON document(sha256);
                CREATE INDEX document_cooperative ON document(cooperative);
                """)
    }

    /// The reading cache (one row per distinct attachment bytes) and the IMAP poller's position.
    static func v3ReadingAndIMAP(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reading (
                    sha256 TEXT PRIMARY KEY,
                    result TEXT NOT NULL,               -- JSON: parts with kind, pages, text, statement, quitus
                    read_at TEXT NOT NULL
                );
                CREATE TABLE imap_state (
                    account TEXT PRIMARY KEY,           -- user@url
                    uid_validity INTEGER NOT NULL,
                    last_uid INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                );
                """)
    }

    /// Outcome mails waiting to be sent, being sent, sent or failed.
    static func v4Outbox(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    dedupe_key TEXT NOT NULL UNIQUE,    -- one outcome, one row: ack:<message key>, decision:<id>
                    kind TEXT NOT NULL,                 -- acknowledgment | validated | to_correct | missing_documents | sender_unknown
                    cooperative TEXT,
                    exercise TEXT,
                    message INTEGER REFERENCES message(id),
                    envelope_from TEXT NOT NULL,
                    recipients TEXT NOT NULL,           -- JSON array
                    subject TEXT NOT NULL,
                    raw_sha256 TEXT NOT NULL,           -- the rendered message, fixed when queued
                    message_id TEXT NOT NULL,           -- stable Message-ID of the outcome
                    state TEXT NOT NULL,                -- queued | retry | committing | sent | failed | uncertain | refused
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT NOT NULL,
                    last_error TEXT,
                    created_at TEXT NOT NULL,
                    sent_at TEXT
                );
                CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
                """)
    }

    /// Since when a mail server has been failing, so that cron stays quiet through short outages.
    static func v5Health(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE service_health (
                    service TEXT PRIMARY KEY,           -- imap | smtp
                    failing_since TEXT NOT NULL,
                    last_error TEXT NOT NULL
                );
                """)
    }

    /// Ingest looks every incoming mail up by the digest of its bytes: without an index that is a scan of every stored
    /// message, per mail.
    static func v6MessageDigestIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX message_raw_sha256 ON message(raw_sha256)")
    }

    /// When the answer to a processed message was decided (queued, or refused by the reply rules). A run killed
    /// between processing a message and queuing its answer leaves it empty; the next run answers it then.
    /// Messages processed before this column existed were answered then.
    static func v7Acknowledged(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message ADD COLUMN acknowledged_at TEXT;
                UPDATE message SET acknowledged_at = created_at WHERE status <> 'received';
                CREATE INDEX message_unacknowledged ON message(status) WHERE acknowledged_at IS NULL;
                """)
    }

    /// Two different mails may carry one Message-ID (a careless mail program, a forger): the second is stored under
    /// `<id>#sha256:<raw digest>` and points at the first (`collides_with`) so that staff see it. Ingest looks a
    /// Message-ID up through its index to tell such a mail from a re-sent copy of a stored one.
    static func v8MessageCollisions(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message ADD COLUMN collides_with INTEGER REFERENCES message(id);
                CREATE INDEX message_message_id ON message(message_id);
                """)
    }

    /// Poison-mail isolation: which message is being read (set before, cleared after), how many attempts failed
    /// (a throw, or a process that died with the marker set), and the last error. Two failed attempts: status
    /// `set_aside`, for staff.
    static func v9SetAside(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message ADD COLUMN processing_started_at TEXT;
                ALTER TABLE message ADD COLUMN processing_attempts INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE message ADD COLUMN processing_error TEXT;
                CREATE INDEX message_processing ON message(processing_started_at) WHERE processing_started_at IS NOT NULL;
                """)
    }

    /// What each message is: `documents`, `message` (a human mail without documents) or `automatic` (bounce,
    /// auto-reply, read receipt, list mail). Set when a message is processed; messages processed before stay NULL and
    /// read as `documents` when they carry any, `message` otherwise.
    static func v10Nature(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message ADD COLUMN nature TEXT;
                CREATE INDEX message_nature ON message(exercise, nature);
                """)
    }

    /// Mails the IMAP poller left on the server for their size, listed for staff until they are gone.
    static func v12Oversized(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE oversized_mail (
                    account TEXT NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    uid INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    first_seen_at TEXT NOT NULL,
                    PRIMARY KEY (account, uid_validity, uid)
                );
                """)
    }

    /// The rules each dossier could not check (shown in the queue as « non vérifié »); every snapshot is recomputed.
    static func v15Unchecked(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE dossier ADD COLUMN unchecked_checks TEXT NOT NULL DEFAULT '[]';
                INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) SELECT cooperative, exercise FROM dossier;
                """)
    }

    /// What could not be read in a message that was kept (a part cut short, invalid base64, a hostile name replaced):
    /// a JSON array of French phrases, shown to staff and told to the mandataire.
    static func v11Salvage(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE message ADD COLUMN salvage_notes TEXT NOT NULL DEFAULT '[]'")
    }

    /// Registered addresses a bounce said are failing (« User unknown »…): answers and reminders avoid them until a
    /// later mail from the address, or a registry import changing it, clears the mark.
    static func v17AddressFailures(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE address_failure (
                    address TEXT PRIMARY KEY NOT NULL,
                    status TEXT,
                    reason TEXT NOT NULL,
                    failed_at TEXT NOT NULL,
                    message INTEGER REFERENCES message(id) ON DELETE SET NULL
                );
                """)
    }
}

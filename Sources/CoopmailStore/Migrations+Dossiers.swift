import GRDB

extension Migrations {
    /// Dossier snapshots for the review queue, staff decisions, and the triggers that mark a dossier for
    /// recomputation whenever one of its documents, matches, declaration or registry row changes.
    static func v2Dossiers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dossier (
                    cooperative TEXT NOT NULL,
                    exercise TEXT NOT NULL,
                    status TEXT NOT NULL,               -- effective status: automatic unless staff decided
                    automatic_status TEXT NOT NULL,     -- what the checks alone give
                    checks TEXT NOT NULL,               -- JSON [Check]
                    failed_checks TEXT NOT NULL DEFAULT '[]', -- JSON [Check]: the failed ones only, for the queue
                    failed_count INTEGER NOT NULL DEFAULT 0,
                    documents TEXT NOT NULL DEFAULT '[]',    -- JSON sorted distinct sha256 of the dossier's documents
                    document_count INTEGER NOT NULL DEFAULT 0,
                    submission_count INTEGER NOT NULL DEFAULT 0,
                    last_submission_at TEXT,            -- ISO-8601, the latest received_at
                    match_confidence REAL,              -- lowest confidence among its submissions and documents
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (cooperative, exercise)
                );
                CREATE INDEX dossier_exercise ON dossier(exercise, last_submission_at);
                CREATE TABLE decision (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    cooperative TEXT NOT NULL,
                    exercise TEXT NOT NULL,
                    action TEXT NOT NULL,               -- approve | reject | reassign | note | reopen
                    actor TEXT NOT NULL,                -- Unix user, or "coopmail" for automatic entries
                    reason TEXT,                        -- motif, note text
                    document INTEGER,                   -- the document reassigned
                    documents TEXT NOT NULL DEFAULT '[]', -- JSON sorted sha256 of the dossier's documents when decided
                    details TEXT,                       -- JSON, e.g. {"from": "075-0123", "to": "075-0124"}
                    created_at TEXT NOT NULL
                );
                CREATE INDEX decision_dossier ON decision(cooperative, exercise, id);
                CREATE TABLE dossier_dirty (
                    cooperative TEXT NOT NULL,
                    exercise TEXT NOT NULL,
                    PRIMARY KEY (cooperative, exercise)
                ) WITHOUT ROWID;
                CREATE INDEX message_cooperative ON message(cooperative, exercise);

                CREATE TRIGGER document_dirty_insert AFTER INSERT ON document BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT COALESCE(NEW.cooperative, m.cooperative), m.exercise FROM message m
                    WHERE m.id = NEW.message AND COALESCE(NEW.cooperative, m.cooperative) IS NOT NULL;
                END;
                CREATE TRIGGER document_dirty_update AFTER UPDATE ON document BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT COALESCE(OLD.cooperative, m.cooperative), m.exercise FROM message m
                    WHERE m.id = OLD.message AND COALESCE(OLD.cooperative, m.cooperative) IS NOT NULL;
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT COALESCE(NEW.cooperative, m.cooperative), m.exercise FROM message m
                    WHERE m.id = NEW.message AND COALESCE(NEW.cooperative, m.cooperative) IS NOT NULL;
                END;
                CREATE TRIGGER document_dirty_delete BEFORE DELETE ON document BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT COALESCE(OLD.cooperative, m.cooperative), m.exercise FROM message m
                    WHERE m.id = OLD.message AND COALESCE(OLD.cooperative, m.cooperative) IS NOT NULL;
                END;
                CREATE TRIGGER message_dirty_insert AFTER INSERT ON message WHEN NEW.cooperative IS NOT NULL BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) VALUES (NEW.cooperative, NEW.exercise);
                END;
                CREATE TRIGGER message_dirty_update AFTER UPDATE ON message BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT OLD.cooperative, OLD.exercise WHERE OLD.cooperative IS NOT NULL;
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT NEW.cooperative, NEW.exercise WHERE NEW.cooperative IS NOT NULL;
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT d.cooperative, NEW.exercise FROM document d WHERE d.message = NEW.id AND d.cooperative IS NOT NULL;
                END;
                CREATE TRIGGER message_dirty_delete BEFORE DELETE ON message BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT OLD.cooperative, OLD.exercise WHERE OLD.cooperative IS NOT NULL;
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT d.cooperative, OLD.exercise FROM document d WHERE d.message = OLD.id AND d.cooperative IS NOT NULL;
                END;
                CREATE TRIGGER declaration_dirty_insert AFTER INSERT ON declaration BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) VALUES (NEW.cooperative, NEW.exercise);
                END;
                CREATE TRIGGER declaration_dirty_update AFTER UPDATE ON declaration BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) VALUES (OLD.cooperative, OLD.exercise);
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) VALUES (NEW.cooperative, NEW.exercise);
                END;
                CREATE TRIGGER declaration_dirty_delete AFTER DELETE ON declaration BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise) VALUES (OLD.cooperative, OLD.exercise);
                END;
                CREATE TRIGGER cooperative_dirty_insert AFTER INSERT ON cooperative BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT DISTINCT cooperative, exercise FROM message WHERE cooperative = NEW.number;
                END;
                CREATE TRIGGER cooperative_dirty_update AFTER UPDATE ON cooperative BEGIN
                    INSERT OR IGNORE INTO dossier_dirty(cooperative, exercise)
                    SELECT cooperative, exercise FROM dossier WHERE cooperative = NEW.number;
                END;
                """)
    }
}

import CoopmailDomain
import GRDB

/// Named requests for what staff type on a command line: a document by id or SHA-256 prefix, a message, a known
/// cooperative.
extension DocumentRecord {
    /// Documents whose SHA-256 starts with `prefix` (lowercase hexadecimal), oldest first, at most `limit`.
    public static func withSHA256Prefix(_ prefix: String, limit: Int = 20) -> QueryInterfaceRequest<DocumentRecord> {
        DocumentRecord.filter(Column("sha256").like(prefix + "%")).order(Column("id")).limit(limit)
    }
}

extension CooperativeRecord {
    /// The registry, by number.
    public static func byNumber() -> QueryInterfaceRequest<CooperativeRecord> {
        CooperativeRecord.order(Column("number"))
    }
}

extension Store {
    public func document(id: Int64) throws -> DocumentRecord? {
        try db.read { db in try DocumentRecord.fetchOne(db, key: id) }
    }

    public func documents(sha256Prefix prefix: String) throws -> [DocumentRecord] {
        try db.read { db in try DocumentRecord.withSHA256Prefix(prefix).fetchAll(db) }
    }

    public func message(id: Int64) throws -> MessageRecord? {
        try db.read { db in try MessageRecord.fetchOne(db, key: id) }
    }

    /// A cooperative coopmail knows: registered, or named by a mail or a document.
    public func isKnownCooperative(_ number: String) throws -> Bool {
        try db.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS(SELECT 1 FROM cooperative WHERE number = ?) OR EXISTS(SELECT 1 FROM message WHERE cooperative = ?)
                        OR EXISTS(SELECT 1 FROM document WHERE cooperative = ?)
                    """, arguments: [number, number, number]) ?? false
        }
    }

    /// The registered cooperatives, by number.
    public func registeredCooperatives() throws -> [CooperativeRecord] {
        try db.read { db in try CooperativeRecord.byNumber().fetchAll(db) }
    }
}

extension MessageRecord {
    /// The mails attached to a cooperative in an exercise, newest first.
    public static func of(cooperative: String, exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        MessageRecord.filter(Column("cooperative") == cooperative && Column("exercise") == exercise)
            .order(Column("received_at").desc)
    }
}

extension Store {
    public func cooperative(number: String) throws -> CooperativeRecord? {
        try db.read { db in try CooperativeRecord.fetchOne(db, key: number) }
    }

    /// ``MessageRecord/of(cooperative:exercise:)``.
    public func mails(cooperative: String, exercise: String) throws -> [MessageRecord] {
        try db.read { db in try MessageRecord.of(cooperative: cooperative, exercise: exercise).fetchAll(db) }
    }

    /// The cooperatives sent a reminder (not cancelled) for the exercise since `since` (ISO-8601).
    public func remindedCooperatives(exercise: String, since: String) throws -> [String] {
        try db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT cooperative FROM outbox WHERE exercise = ? AND kind LIKE 'reminder_%' AND created_at >= ?
                      AND state NOT IN ('cancelled') AND cooperative IS NOT NULL
                    """, arguments: [exercise, since])
        }
    }
}

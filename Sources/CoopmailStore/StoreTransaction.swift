import GRDB

/// One read or write transaction of the store, for the stages that need several reads and writes to happen together
/// (a dossier's refresh and its decisions, a message's documents and matches) without speaking SQL.
///
/// Only ``Store/read(_:)`` and ``Store/write(_:)`` make one; it must not outlive their closure. Everything a
/// transaction does is committed together when the closure returns, or rolled back when it throws.
public struct StoreTransaction {
    let db: Database

    init(_ db: Database) { self.db = db }
}

extension Store {
    /// Runs `body` in one read transaction (a snapshot of the database: concurrent writes are not seen).
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try db.read { db in try body(StoreTransaction(db)) }
    }

    /// Runs `body` in one write transaction: all of it is committed durably when it returns, none of it if it throws.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try db.write { db in try body(StoreTransaction(db)) }
    }
}

// MARK: rows by key, and saving them

extension StoreTransaction {
    public func message(id: Int64) throws -> MessageRecord? { try MessageRecord.fetchOne(db, key: id) }
    public func document(id: Int64) throws -> DocumentRecord? { try DocumentRecord.fetchOne(db, key: id) }
    public func cooperative(number: String) throws -> CooperativeRecord? {
        try CooperativeRecord.fetchOne(db, key: number)
    }
    public func declaration(cooperative: String, exercise: String) throws -> DeclarationRecord? {
        try DeclarationRecord.fetchOne(db, key: ["cooperative": cooperative, "exercise": exercise])
    }
    /// Every cooperative's declaration for `exercise`.
    public func declarations(exercise: String) throws -> [DeclarationRecord] {
        try DeclarationRecord.filter(Column("exercise") == exercise).fetchAll(db)
    }
    /// How many cooperatives the registry holds.
    public func cooperativeCount() throws -> Int { try CooperativeRecord.fetchCount(db) }
    /// The registry's name of a cooperative's school.
    public func school(of cooperative: String) throws -> String? {
        try CooperativeRecord.select(Column("school"), as: String.self).filter(key: cooperative).fetchOne(db)
    }

    public func insert(_ message: inout MessageRecord) throws { try message.insert(db) }
    public func update(_ message: MessageRecord) throws { try message.update(db) }
    public func insert(_ document: inout DocumentRecord) throws { try document.insert(db) }
    public func update(_ document: DocumentRecord) throws { try document.update(db) }
    public func insert(_ decision: inout DecisionRecord) throws { try decision.insert(db) }
    /// Inserts or replaces the snapshot of a dossier.
    public func save(_ dossier: DossierRecord) throws { try dossier.save(db) }
}

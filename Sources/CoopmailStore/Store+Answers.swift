import GRDB

/// What the outbox asks of the store: messages to acknowledge, answers already queued, the queueing itself.
extension MessageRecord {
    /// Processed messages whose answer has not been decided yet, oldest first.
    public static func unacknowledged() -> QueryInterfaceRequest<MessageRecord> {
        MessageRecord.filter(Column("acknowledged_at") == nil && Column("status") == MessageStatus.processed)
            .order(Column("id"))
    }
}

extension DocumentRecord {
    /// The documents of one message, in their order in it.
    public static func of(message id: Int64) -> QueryInterfaceRequest<DocumentRecord> {
        DocumentRecord.filter(Column("message") == id).order(Column("position"))
    }
}

extension OutboxRecord {
    /// The answer queued under a deduplication key (at most one).
    public static func withDedupeKey(_ key: String) -> QueryInterfaceRequest<OutboxRecord> {
        OutboxRecord.filter(Column("dedupe_key") == key)
    }
}

extension Store {
    /// Marks a message's answer decided (once: a later call keeps the first time).
    public func markAcknowledged(message id: Int64, at time: String) throws {
        try db.write { db in
            try db.execute(
                sql: "UPDATE message SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL",
                arguments: [time, id])
        }
    }

    /// ``MessageRecord/unacknowledged()``, by id.
    public func unacknowledgedMessageIDs() throws -> [Int64] {
        try db.read { db in try Int64.fetchAll(db, MessageRecord.unacknowledged().select(Column("id"), as: Int64.self))
        }
    }

    /// ``DocumentRecord/of(message:)``.
    public func documents(ofMessage id: Int64) throws -> [DocumentRecord] {
        try db.read { db in try DocumentRecord.of(message: id).fetchAll(db) }
    }

    /// The registered cooperatives among `numbers`, in their order.
    public func cooperatives(numbers: [String]) throws -> [CooperativeRecord] {
        try db.read { db in try numbers.compactMap { try CooperativeRecord.fetchOne(db, key: $0) } }
    }

    /// Whether an answer is queued under `key`.
    public func isQueued(dedupeKey key: String) throws -> Bool {
        try db.read { db in try OutboxRecord.withDedupeKey(key).fetchCount(db) > 0 }
    }

    /// Inserts the answer unless one is already queued under its key (checked in the same transaction); whether it
    /// was inserted.
    public func queueAnswer(_ row: inout OutboxRecord) throws -> Bool {
        var inserted = row
        let done = try db.write { db -> Bool in
            if try OutboxRecord.withDedupeKey(inserted.dedupeKey).fetchCount(db) > 0 { return false }
            try inserted.insert(db)
            return true
        }
        if done { row = inserted }
        return done
    }

    /// Answers queued for `address` since `since` (ISO-8601).
    public func answersAddressed(to address: String, since: String) throws -> Int {
        try db.read { db in try OutboxRecord.countAddressed(db, to: address, since: since) }
    }
}

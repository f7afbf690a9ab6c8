import GRDB

extension MessageRecord {
    /// The messages waiting to be read, in arrival order.
    public static func received() -> QueryInterfaceRequest<MessageRecord> {
        MessageRecord.filter(Column("status") == MessageStatus.received).order(Column("id"))
    }
}

extension DocumentRecord {
    /// The documents of the messages waiting to be read, by message and position.
    public static func ofReceivedMessages() -> SQLRequest<DocumentRecord> {
        SQLRequest(
            sql: """
                SELECT document.* FROM document JOIN message ON message.id = document.message
                WHERE message.status = ? ORDER BY document.message, document.position
                """, arguments: [MessageStatus.received])
    }
}

extension StoreError {
    /// Whether `error` is a failure of the store itself (disk full, I/O, database locked, read-only, unreadable or out
    /// of memory) rather than of what was being stored: the batch stops instead of blaming a mail.
    public static func isEnvironmental(_ error: Error) -> Bool {
        if error is StoreError { return true }
        if let e = error as? DatabaseError {
            return [
                .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_CANTOPEN,
                .SQLITE_NOMEM, .SQLITE_CORRUPT, .SQLITE_NOTADB,
            ].contains(e.resultCode)
        }
        return false
    }
}

extension Store {
    /// The messages waiting to be read and their documents, read together.
    public func pendingWork() throws -> (messages: [MessageRecord], documents: [DocumentRecord]) {
        try db.read { db in
            (try MessageRecord.received().fetchAll(db), try DocumentRecord.ofReceivedMessages().fetchAll(db))
        }
    }

    /// Every registered cooperative, in the table's order.
    public func cooperatives() throws -> [CooperativeRecord] {
        try db.read { db in try CooperativeRecord.fetchAll(db) }
    }

    /// The cached readings (JSON, the App's format) of these attachments, by SHA-256; absent when not read yet.
    public func cachedReadings(_ digests: [String]) throws -> [String: String] {
        try db.read { db in
            var out: [String: String] = [:]
            for sha in Set(digests) {
                if let text = try String.fetchOne(
                    db, sql: "SELECT result FROM reading WHERE sha256 = ?", arguments: [sha])
                {
                    out[sha] = text
                }
            }
            return out
        }
    }

    /// Caches the reading (JSON) of an attachment, replacing any older one.
    public func saveReading(sha256: String, result: String, at now: String) throws {
        try db.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO reading (sha256, result, read_at) VALUES (?, ?, ?)",
                arguments: [sha256, result, now])
        }
    }

    /// The cooperatives that register `address` (exactly, not only as part of another address), by number.
    public func cooperativesRegistering(_ address: String) throws -> [CooperativeRecord] {
        try db.read { db in
            try CooperativeRecord.registering(address).fetchAll(db)
                .filter { (JSON.decode([String].self, $0.emails) ?? []).contains(address) }
        }
    }
}

extension StoreTransaction {
    // MARK: ingesting

    /// The first message stored with these raw bytes.
    public func messageID(rawSha256: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM message WHERE raw_sha256 = ? LIMIT 1"), arguments: [rawSha256])
    }

    /// The messages stored with this Message-ID, oldest first.
    public func messages(withMessageID messageID: String) throws -> [(id: Int64, rawSha256: String)] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, raw_sha256 FROM message WHERE message_id = ? ORDER BY id"),
            arguments: [messageID]
        ).map { (id: $0["id"], rawSha256: $0["raw_sha256"]) }
    }

    // MARK: failing addresses

    /// The outbox rows with `address` among their recipients (exactly, not only as part of another address).
    public func outbox(addressedTo address: String) throws -> [OutboxRecord] {
        try OutboxRecord.addressedTo(address).fetchAll(db)
            .filter { (JSON.decode([String].self, $0.recipients) ?? []).contains(address) }
    }

    /// ``AddressFailureRecord/mark(_:_:)``.
    public func mark(_ failure: AddressFailureRecord) throws { try AddressFailureRecord.mark(db, failure) }

    /// ``AddressFailureRecord/clear(_:address:before:)``.
    @discardableResult
    public func clearAddressFailure(address: String, before at: String? = nil) throws -> Bool {
        try AddressFailureRecord.clear(db, address: address, before: at)
    }

    // MARK: what staff see of the mails

    /// ``MessageRecord/automaticMails(exercise:)``: the automatic mails the nature rules recognised.
    public func automaticByNature(exercise: String, limit: Int? = nil) throws -> [MessageRecord] {
        let request = MessageRecord.automaticMails(exercise: exercise)
        return try (limit.map { request.limit(max(0, $0)) } ?? request).fetchAll(db)
    }
    /// How many ``MessageRecord/automaticMails(exercise:)`` there are.
    public func automaticByNatureCount(exercise: String) throws -> Int {
        try MessageRecord.automaticMails(exercise: exercise).fetchCount(db)
    }
    /// ``MessageRecord/waitingQuestions(exercise:)``.
    public func waitingQuestions(exercise: String, limit: Int? = nil) throws -> [MessageRecord] {
        let request = MessageRecord.waitingQuestions(exercise: exercise)
        return try (limit.map { request.limit(max(0, $0)) } ?? request).fetchAll(db)
    }
    /// How many ``MessageRecord/waitingQuestions(exercise:)`` there are (`status` shows only the count).
    public func waitingQuestionCount(exercise: String) throws -> Int {
        try MessageRecord.waitingQuestions(exercise: exercise).fetchCount(db)
    }
    /// ``MessageRecord/questions(exercise:cooperative:)``.
    public func questions(exercise: String, cooperative: String) throws -> [MessageRecord] {
        try MessageRecord.questions(exercise: exercise, cooperative: cooperative).fetchAll(db)
    }
    /// ``MessageAnswerRecord/of(_:)``.
    public func answers(of messages: [Int64]) throws -> [MessageAnswerRecord] {
        try MessageAnswerRecord.of(messages).fetchAll(db)
    }
    /// ``MessageRecord/from(_:exercise:)``.
    public func mails(from addresses: [String], exercise: String) throws -> [MessageRecord] {
        try MessageRecord.from(addresses, exercise: exercise).fetchAll(db)
    }
    /// ``MessageRecord/wroteAmong(_:cooperatives:exercise:)``.
    public func wroteAmong(cooperatives: [String], exercise: String) throws -> Set<String> {
        try MessageRecord.wroteAmong(db, cooperatives: cooperatives, exercise: exercise)
    }
    /// ``MessageRecord/documentCooperatives(_:message:)``.
    public func documentCooperatives(message id: Int64) throws -> [String] {
        try MessageRecord.documentCooperatives(db, message: id)
    }
    /// ``MessageRecord/processingError(_:message:)``.
    public func processingError(message id: Int64) throws -> String? {
        try MessageRecord.processingError(db, message: id)
    }
}

import GRDB

/// A registered address that a bounce of one of our mails said is failing (migration v17-address-failures).
/// Answers and reminders are not queued to it; a later mail from the address, or a registry import that changes
/// it, clears the mark.
public struct AddressFailureRecord: Codable, Equatable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "address_failure"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Lowercased address.
    public var address: String
    /// The DSN status (`5.1.1`), when the bounce gave one.
    public var status: String?
    /// What the remote server said (« User unknown »…), as short as it can be read.
    public var reason: String
    /// When the bounce arrived (ISO-8601).
    public var failedAt: String
    /// The bounce itself.
    public var message: Int64?

    public init(address: String, status: String?, reason: String, failedAt: String, message: Int64?) {
        self.address = address.lowercased()
        self.status = status
        self.reason = reason
        self.failedAt = failedAt
        self.message = message
    }

    /// The marks of `addresses` (any case).
    public static func of(_ addresses: [String]) -> QueryInterfaceRequest<AddressFailureRecord> {
        AddressFailureRecord.filter(addresses.map { $0.lowercased() }.contains(Column("address"))).order(
            Column("address"))
    }

    /// Records (or refreshes) the mark of an address.
    public static func mark(_ db: Database, _ failure: AddressFailureRecord) throws {
        try failure.save(db)
    }

    /// Clears the mark of `address` when it is older than `at` (a mail from the address arrived after the bounce);
    /// every mark of the address when `at` is nil. Returns whether one was cleared.
    @discardableResult
    public static func clear(_ db: Database, address: String, before at: String? = nil) throws -> Bool {
        var request = AddressFailureRecord.filter(Column("address") == address.lowercased())
        if let at { request = request.filter(Column("failed_at") < at) }
        return try request.deleteAll(db) > 0
    }
}

extension OutboxRecord {
    /// Outbox rows addressed to `address` (recipients are a JSON array of lowercased addresses).
    public static func addressedTo(_ address: String) -> QueryInterfaceRequest<OutboxRecord> {
        OutboxRecord.filter(Column("recipients").like("%\"" + address.lowercased() + "\"%"))
    }
}

extension CooperativeRecord {
    /// Cooperatives that register `address` (emails are a JSON array of lowercased addresses).
    public static func registering(_ address: String) -> QueryInterfaceRequest<CooperativeRecord> {
        CooperativeRecord.filter(Column("emails").like("%\"" + address.lowercased() + "\"%")).order(Column("number"))
    }
}

extension Store {
    /// Every failing address, by address.
    public func addressFailures() throws -> [AddressFailureRecord] {
        try db.read { db in try AddressFailureRecord.order(Column("address")).fetchAll(db) }
    }

    /// The marks of `addresses`, by lowercased address.
    public func addressFailures(of addresses: [String]) throws -> [String: AddressFailureRecord] {
        guard !addresses.isEmpty else { return [:] }
        return try db.read { db in
            Dictionary(
                try AddressFailureRecord.of(addresses).fetchAll(db).map { ($0.address, $0) },
                uniquingKeysWith: { a, _ in a })
        }
    }
}

import GRDB

/// A mail the IMAP poller left on the server because it is over the size limit. It stays listed for staff (in
/// `review`) on every run until it is gone from the server, since the poller's last UID has moved past it and it
/// would otherwise be mentioned only once.
public struct OversizedMailRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "oversized_mail"

    public var account: String
    public var uidValidity: Int64
    public var uid: Int64
    public var size: Int64
    public var firstSeenAt: String

    enum CodingKeys: String, CodingKey {
        case account, uid, size
        case uidValidity = "uid_validity"
        case firstSeenAt = "first_seen_at"
    }

    public init(account: String, uidValidity: Int64, uid: Int64, size: Int64, firstSeenAt: String) {
        self.account = account
        self.uidValidity = uidValidity
        self.uid = uid
        self.size = size
        self.firstSeenAt = firstSeenAt
    }
}

extension Store {
    /// Records mails left on the server for their size (a mail already recorded keeps its first sighting).
    public func recordOversized(_ mails: [OversizedMailRecord]) throws {
        guard !mails.isEmpty else { return }
        try db.write { db in
            for m in mails { try m.insert(db, onConflict: .ignore) }
        }
    }

    /// The oversized mails recorded for `account`.
    public func oversizedMails(account: String) throws -> [OversizedMailRecord] {
        try db.read { db in
            try OversizedMailRecord.filter(Column("account") == account).order(Column("uid")).fetchAll(db)
        }
    }

    /// Every oversized mail still recorded, all accounts.
    public func oversizedMails() throws -> [OversizedMailRecord] {
        try db.read { db in try OversizedMailRecord.order(Column("account"), Column("uid")).fetchAll(db) }
    }

    /// Forgets the recorded mails of `account` that are no longer on the server (or belong to an older UIDVALIDITY).
    public func forgetOversized(account: String, keeping present: Set<Int64>, uidValidity: Int64) throws {
        try db.write { db in
            for m in try OversizedMailRecord.filter(Column("account") == account).fetchAll(db)
            where m.uidValidity != uidValidity || !present.contains(m.uid) {
                try m.delete(db)
            }
        }
    }
}

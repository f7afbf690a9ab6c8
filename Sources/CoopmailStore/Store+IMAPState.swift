import GRDB

/// Where the poller stopped in each IMAP account: its UIDVALIDITY and the last UID stored.
extension Store {
    public func imapState(account: String) throws -> (uidValidity: Int64, lastUID: Int64)? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "SELECT uid_validity, last_uid FROM imap_state WHERE account = ?", arguments: [account])
        }.map { row -> (uidValidity: Int64, lastUID: Int64) in (row["uid_validity"], row["last_uid"]) }
    }

    /// Saves the account's position; within one UIDVALIDITY the last UID never goes back.
    public func saveIMAPState(account: String, uidValidity: Int64, lastUID: Int64) throws {
        try db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO imap_state (account, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(account) DO UPDATE SET uid_validity = excluded.uid_validity,
                        last_uid = MAX(CASE WHEN imap_state.uid_validity = excluded.uid_validity THEN imap_state.last_uid ELSE 0 END, excluded.last_uid),
                        updated_at = excluded.updated_at
                    """, arguments: [account, uidValidity, lastUID, Timestamp.now()])
        }
    }
}

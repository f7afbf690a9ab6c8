import GRDB

/// The blobs the database refers to: raw messages, attachments and rendered answers, except those purged.
/// Backup copies exactly these; verify expects exactly these.
public enum BlobReferences {
    static let sql = """
        SELECT raw_sha256 FROM message WHERE purged_at IS NULL
        UNION SELECT sha256 FROM document WHERE purged_at IS NULL
        UNION SELECT raw_sha256 FROM outbox WHERE purged_at IS NULL
        """

    /// Every referenced digest (only well-formed ones: anything else could never name a file).
    public static func digests(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: sql).filter(SHA256.isDigest))
    }
}

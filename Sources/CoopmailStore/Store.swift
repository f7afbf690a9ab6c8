import Foundation
import GRDB

/// The one shared state of coopmail: a SQLite database in WAL mode (through GRDB) beside a content-addressed
/// ``BlobStore``, both in one ``DataFolder``.
///
/// Every stage reads and writes through it; migrations (``Migrations``) bring any older database up to date
/// when it opens.
public final class Store: @unchecked Sendable {
    public let folder: DataFolder
    public let blobs: BlobStore
    public let db: DatabasePool

    public init(folder: DataFolder) throws {
        self.folder = folder
        self.blobs = BlobStore(folder: folder)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        db = try PrivateCreation.run { try Self.openPool(folder: folder, configuration: config) }
    }

    /// The database pool, migrated. A database already up to date (every staff command, every cron run but the first
    /// after an upgrade) opens without the migrations lock and without the migrator's write transaction: one read
    /// checks it.
    private static func openPool(folder: DataFolder, configuration config: Configuration) throws -> DatabasePool {
        if let ready = openUpToDate(path: folder.databasePath, configuration: config) {
            return ready
        }
        do {
            // Two processes opening a new or older database (cron and a staff command) must not both turn WAL on or
            // run a migration: GRDB's migrator does not lock across processes.
            let lock = open(
                folder.locksURL.appendingPathComponent("migrations.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            defer { if lock >= 0 { close(lock) } }
            if lock >= 0 { _ = flock(lock, LOCK_EX) }
            let pool = try DatabasePool(path: folder.databasePath, configuration: config)
            try Migrations.migrator.migrate(pool)
            return pool
        } catch {
            if let full = StoreError.diskFull(from: error) { throw full }
            throw StoreError.databaseUnusable(path: folder.databasePath, reason: "\(error)")
        }
    }

    /// The pool of an existing database whose migrations are all applied, nil otherwise (new, older or unreadable:
    /// the caller then takes the lock and migrates). WAL mode is persistent, so an existing database is already in it.
    static func openUpToDate(path: String, configuration: Configuration) -> DatabasePool? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
            size.intValue > 0,
            let pool = try? DatabasePool(path: path, configuration: configuration),
            (try? pool.read({ try Migrations.migrator.hasCompletedMigrations($0) })) == true
        else { return nil }
        return pool
    }

    /// Opens the store in the data folder at `path`, creating both if needed.
    public convenience init(path: String) throws {
        try self.init(folder: DataFolder(path: path))
    }
}

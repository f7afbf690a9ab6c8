import CLinux
import Foundation
import GRDB

/// What a backup copied.
public struct BackupReport: Sendable {
    public var destination: String
    public var blobs: Int
    public var bytes: Int64
}

/// A consistent copy of a data folder, taken while other commands (cron) may be writing to it.
///
/// The database is copied first with SQLite's online backup (one snapshot, through GRDB); then every blob that
/// snapshot refers to is copied and checked against its digest. Blobs are always made durable before the rows that
/// refer to them are committed, so every blob the snapshot names is already on disk. The copy is itself a data
/// folder: restoring is copying it back in place of the data folder (with coopmail stopped).
public enum StoreBackup {
    /// `whileSnapshotHeld` runs once, inside the database copy, while its snapshot is held: other commands go on
    /// writing meanwhile (the tests use it to ingest during a backup).
    public static func backup(
        _ store: Store, to destination: String,
        whileSnapshotHeld: (() throws -> Void)? = nil
    ) throws -> BackupReport {
        let dest = URL(fileURLWithPath: destination, isDirectory: true).standardizedFileURL
        guard dest.path != store.folder.url.path else {
            throw StoreError.backupIntoDataFolder
        }
        // Created private; what is written later lands inside the 0700 folder. The umask is not held during the copy,
        // whose hook may run other work.
        let (target, queue) = try PrivateCreation.run { () throws -> (DataFolder, DatabaseQueue) in
            try prepareEmptyFolder(dest)
            let target = try DataFolder(path: dest.path)
            do {
                return (target, try DatabaseQueue(path: target.databasePath))
            } catch {
                throw StoreError.backupCopyFailed(path: target.databasePath, reason: "\(error)")
            }
        }
        do {
            var hook = whileSnapshotHeld
            try store.db.backup(to: queue, pagesPerStep: 64) { _ in
                let once = hook
                hook = nil
                try once?()
            }
        } catch {
            throw StoreError.backupCopyFailed(path: target.databasePath, reason: "\(error)")
        }
        let digests = try queue.read { try BlobReferences.digests($0) }
        try queue.close()

        let copy = BlobStore(folder: target)
        var bytes: Int64 = 0
        var damaged: [String] = []
        for digest in digests.sorted() {
            guard let data = try? store.blobs.get(digest), SHA256.hex(data) == digest else {
                damaged.append(digest)
                continue
            }
            try copy.put(data, digest: digest, durable: false)
            bytes += Int64(data.count)
        }
        try copy.sync()
        try fsyncPath(target.databasePath, directory: false)
        try fsyncPath(dest.path, directory: true)
        if !damaged.isEmpty {
            throw StoreError.backupIncomplete(path: dest.path, damaged: damaged)
        }
        return BackupReport(destination: dest.path, blobs: digests.count - damaged.count, bytes: bytes)
    }

    /// Creates `url` private (0700), or accepts it if it exists and is an empty folder: a backup never mixes with
    /// older files.
    static func prepareEmptyFolder(_ url: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue, (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true else {
                throw StoreError.backupTargetNotEmpty(path: url.path)
            }
            guard chmod(url.path, 0o700) == 0 else { throw StoreError.cannotMakePrivate(path: url.path) }
            return
        }
        try PrivateCreation.run {
            do {
                try fm.createDirectory(
                    at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreateBackupFolder(path: url.path, reason: error.localizedDescription)
            }
        }
    }

    static func fsyncPath(_ path: String, directory: Bool) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard fd >= 0 else { throw StoreError.unreadableFile(path: path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.fileSyncFailed(path: path, errno: errno) }
    }
}

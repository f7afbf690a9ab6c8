import Foundation
import GRDB

/// The one folder that holds everything coopmail knows: the SQLite database and the stored files.
///
/// Layout:
/// ```
/// DATA/                 (mode 0700)
///   coopmail.sqlite     the database (WAL: also -wal and -shm files)
///   blobs/ab/abcdef…    raw messages and attachments, named by the SHA-256 of their bytes (mode 0600)
///   tmp/                scratch of the extractors, state files being written
///   locks/              lock files of running commands (poll, run)
/// ```
/// Nothing is ever written under a name taken from a mail.
public struct DataFolder: Sendable {
    public let url: URL

    /// Opens (creating if needed) a data folder, private to its owner.
    public init(path: String) throws {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        try PrivateCreation.run {
            for sub in ["", "blobs", "tmp", "locks"] {
                let dir = sub.isEmpty ? url : url.appendingPathComponent(sub, isDirectory: true)
                do {
                    try FileManager.default.createDirectory(
                        at: dir, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.cannotCreateDataFolder(path: dir.path, reason: error.localizedDescription)
                }
            }
        }
        // A folder made by someone else (or before) must still not be readable by others.
        if chmod(url.path, 0o700) != 0 {
            throw StoreError.cannotMakeDataFolderPrivate(path: url.path)
        }
    }

    public var databasePath: String { url.appendingPathComponent("coopmail.sqlite").path }
    public var blobsURL: URL { url.appendingPathComponent("blobs", isDirectory: true) }
    public var tmpURL: URL { url.appendingPathComponent("tmp", isDirectory: true) }
    public var locksURL: URL { url.appendingPathComponent("locks", isDirectory: true) }
}

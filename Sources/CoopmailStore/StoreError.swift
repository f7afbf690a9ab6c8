import Foundation
import GRDB

/// Errors of the store. They carry data only; the French staff read is written by CoopmailApp (`StoreError+French`).
/// ``description`` is for developers (logs, test failures).
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The data folder (or one of its subfolders) could not be created.
    case cannotCreateDataFolder(path: String, reason: String)
    /// The data folder could not be made private (mode 0700).
    case cannotMakeDataFolderPrivate(path: String)
    /// A folder other than the data folder (a backup's) could not be made private.
    case cannotMakePrivate(path: String)
    /// A file could not be created in a folder; `errno` when the system gave one.
    case writeFailed(folder: String, errno: Int32?)
    /// A stored file could not be written.
    case blobWriteFailed(digest: String, errno: Int32)
    /// A file could not be written or renamed in place.
    case fileWriteFailed(path: String)
    case unreadableFolder(path: String)
    case unreadableFile(path: String)
    /// The file system could not be synced (`syncfs`).
    case syncFailed(errno: Int32)
    /// One file could not be synced (`fsync`).
    case fileSyncFailed(path: String, errno: Int32)
    /// Not a SHA-256 in hexadecimal.
    case invalidBlobID(String)
    /// No stored file with this digest.
    case blobMissing(String)
    /// The database could not be opened or migrated.
    case databaseUnusable(path: String, reason: String)
    case backupIntoDataFolder
    case backupCopyFailed(path: String, reason: String)
    /// A backup whose database is copied, but some stored files were missing or damaged (`damaged` is never empty).
    case backupIncomplete(path: String, damaged: [String])
    case backupTargetNotEmpty(path: String)
    case cannotCreateBackupFolder(path: String, reason: String)
    /// The purge is recorded, but `failed` files could not be removed from `folder`.
    case purgeIncomplete(failed: Int, folder: String)
    case lockFailed(path: String)
    /// A mail's source (file, server) could not be read.
    case unreadableSource(String)
    /// No space left where the data folder is (`ENOSPC`, `EDQUOT`, `SQLITE_FULL`).
    case diskFull(DiskFullPlace)
    /// A text column holds a value this version does not know (written by a newer version, or by hand): the row is not
    /// read, rather than crash or be read as something else (and later written back as that).
    case unknownValue(column: String, value: String)

    /// Where the disk was full.
    public enum DiskFullPlace: Equatable, Sendable {
        case database
        case dataFolder
        /// Writing into this folder.
        case folder(String)
        /// Writing this file.
        case file(String)
    }

    public var description: String {
        switch self {
        case .cannotCreateDataFolder(let path, let reason): return "cannot create data folder \(path): \(reason)"
        case .cannotMakeDataFolderPrivate(let path): return "cannot make data folder \(path) private"
        case .cannotMakePrivate(let path): return "cannot make \(path) private"
        case .writeFailed(let folder, let errno):
            return "cannot write in \(folder) (errno \(errno.map { "\($0)" } ?? "-"))"
        case .blobWriteFailed(let digest, let errno): return "cannot write stored file \(digest) (errno \(errno))"
        case .fileWriteFailed(let path): return "cannot write \(path)"
        case .unreadableFolder(let path): return "unreadable folder \(path)"
        case .unreadableFile(let path): return "unreadable file \(path)"
        case .syncFailed(let errno): return "syncfs failed (errno \(errno))"
        case .fileSyncFailed(let path, let errno): return "fsync of \(path) failed (errno \(errno))"
        case .invalidBlobID(let digest): return "invalid stored file id \(digest)"
        case .blobMissing(let digest): return "stored file \(digest) missing"
        case .databaseUnusable(let path, let reason): return "database \(path) unusable: \(reason)"
        case .backupIntoDataFolder: return "backup into the data folder itself"
        case .backupCopyFailed(let path, let reason): return "database copy to \(path) failed: \(reason)"
        case .backupIncomplete(let path, let damaged):
            return "backup \(path) incomplete: \(damaged.count) files damaged"
        case .backupTargetNotEmpty(let path): return "backup target \(path) is not an empty folder"
        case .cannotCreateBackupFolder(let path, let reason): return "cannot create backup folder \(path): \(reason)"
        case .purgeIncomplete(let failed, let folder): return "purge recorded, \(failed) files left in \(folder)"
        case .lockFailed(let path): return "cannot create lock \(path)"
        case .unreadableSource(let source): return "cannot read \(source)"
        case .diskFull(let place): return "disk full (\(place))"
        case .unknownValue(let column, let value):
            return "unknown value \"\(value)\" in column \(column) of the database"
        }
    }

    /// The one place where a full disk, however it shows (errno, SQLite, Foundation), becomes ``diskFull``; nil for any
    /// other error.
    public static func diskFull(from error: Error) -> StoreError? {
        if case .diskFull = error as? StoreError { return error as? StoreError }
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_FULL { return .diskFull(.database) }
            return nil
        }
        if let e = error as? POSIXError, isFull(e.code.rawValue) { return .diskFull(.dataFolder) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain, isFull(Int32(ns.code)) { return .diskFull(.dataFolder) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error { return diskFull(from: underlying) }
        if ns.domain == NSCocoaErrorDomain, ns.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return .diskFull(.dataFolder)
        }
        return nil
    }

    /// Whether `code` (an errno) says the file system is full.
    public static func isFull(_ code: Int32) -> Bool { code == ENOSPC || code == EDQUOT }

    /// `error` itself, or ``diskFull`` when it is a full disk.
    public static func mapped(_ error: Error) -> Error { diskFull(from: error) ?? error }
}

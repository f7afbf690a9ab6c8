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
        let previous = umask(0o077)
        defer { umask(previous) }
        for sub in ["", "blobs", "tmp", "locks"] {
            let dir = sub.isEmpty ? url : url.appendingPathComponent(sub, isDirectory: true)
            do {
                try FileManager.default.createDirectory(
                    at: dir, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.dataFolder(
                    "impossible de créer le dossier de données \(dir.path) : \(error.localizedDescription)")
            }
        }
        // A folder made by someone else (or before) must still not be readable by others.
        if chmod(url.path, 0o700) != 0 {
            throw StoreError.dataFolder("impossible de rendre privé le dossier de données \(url.path)")
        }
    }

    public var databasePath: String { url.appendingPathComponent("coopmail.sqlite").path }
    public var blobsURL: URL { url.appendingPathComponent("blobs", isDirectory: true) }
    public var tmpURL: URL { url.appendingPathComponent("tmp", isDirectory: true) }
    public var locksURL: URL { url.appendingPathComponent("locks", isDirectory: true) }
}

/// Errors of the store. Staff read them through CoopmailApp (`StoreError+French`), which writes the French of
/// ``unknownValue(column:value:)``.
public enum StoreError: Error, CustomStringConvertible, LocalizedError {
    case dataFolder(String)
    case io(String)
    case notFound(String)
    /// No space left where the data folder is (`ENOSPC`, `EDQUOT`, `SQLITE_FULL`); the text names what was being written.
    case diskFull(String)
    /// A text column holds a value this version does not know (written by a newer version, or by hand): the row is not
    /// read, rather than crash or be read as something else (and later written back as that).
    case unknownValue(column: String, value: String)

    public var description: String {
        switch self {
        case .dataFolder(let m), .io(let m), .notFound(let m): return m
        case .unknownValue(let column, let value):
            return "unknown value \"\(value)\" in column \(column) of the database"
        case .diskFull(let what):
            return
                "disque plein : plus de place pour écrire \(what). Rien n'a été perdu (ce qui n'a pas pu être enregistré "
                + "le sera à la prochaine exécution) : libérez de la place sur le disque du dossier de données, ou déplacez-le "
                + "sur un disque plus grand, puis relancez la commande."
        }
    }
    public var errorDescription: String? { description }

    /// The one place where a full disk, however it shows (errno, SQLite, Foundation), becomes ``diskFull``; nil for any
    /// other error.
    public static func diskFull(from error: Error) -> StoreError? {
        if case .diskFull = error as? StoreError { return error as? StoreError }
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_FULL { return .diskFull("dans la base de données") }
            return nil
        }
        if let e = error as? POSIXError, isFull(e.code.rawValue) { return .diskFull("dans le dossier de données") }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain, isFull(Int32(ns.code)) { return .diskFull("dans le dossier de données") }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error { return diskFull(from: underlying) }
        if ns.domain == NSCocoaErrorDomain, ns.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return .diskFull("dans le dossier de données")
        }
        return nil
    }

    /// Whether `code` (an errno) says the file system is full.
    public static func isFull(_ code: Int32) -> Bool { code == ENOSPC || code == EDQUOT }

    /// `error` itself, or ``diskFull`` when it is a full disk.
    public static func mapped(_ error: Error) -> Error { diskFull(from: error) ?? error }
}

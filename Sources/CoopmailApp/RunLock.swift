import CoopmailStore
import Foundation

/// An exclusive lock on a file of the data folder's `locks/`, so that two cron runs never overlap.
/// The kernel releases it when the process exits, however it exits.
public final class RunLock {
    private var fd: Int32

    public struct Busy: Error, CustomStringConvertible, LocalizedError {
        public var description: String {
            "une autre exécution de coopmail est en cours sur ce dossier de données : celle-ci s'arrête"
        }
        public var errorDescription: String? { description }
    }

    /// Takes the lock, or throws ``Busy`` at once when another process holds it.
    public init(folder: DataFolder, name: String) throws {
        let path = folder.locksURL.appendingPathComponent(name + ".lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.lockFailed(path: path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            fd = -1
            throw Busy()
        }
    }

    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

import Foundation

/// Runs code whose new files and folders must be private to their owner (umask 077).
///
/// The umask belongs to the whole process, not to a thread. Two threads that each set it and restore it on their own
/// can interleave so that the process keeps 077 for good (then a mail server started by the tests, or any file the
/// process makes later, is private by mistake) or goes back to 022 while a private file is being made. One recursive
/// lock orders them: the umask is 077 inside `run` and, once the outermost `run` returns, what it was before.
enum PrivateCreation {
    private static let lock = NSRecursiveLock()

    static func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }

    /// The process's umask outside any `run` (read under the lock, so never the 077 of another thread's `run`).
    static func maskOutside() -> mode_t {
        lock.lock()
        defer { lock.unlock() }
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}

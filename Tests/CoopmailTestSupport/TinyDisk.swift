import Foundation

/// A tmpfs of a few MB mounted on a fresh temporary folder (the tests run as root), for disk-full situations;
/// unmounted and removed when dropped. `init` fails when mounting is refused.
public final class TinyDisk {
    public let mountPoint: URL

    public init?(megabytes: Int) {
        mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-full-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard Self.sh(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", mountPoint.path]) == 0
        else {
            try? FileManager.default.removeItem(at: mountPoint)
            return nil
        }
    }

    /// Whether this machine lets the tests mount a tmpfs (checked once).
    public static let mountable: Bool = TinyDisk(megabytes: 1) != nil

    /// Makes the file system `megabytes` MB (more room: the "space freed" of a test).
    public func grow(megabytes: Int) -> Bool {
        Self.sh(["mount", "-o", "remount,size=\(megabytes)m", mountPoint.path]) == 0
    }

    /// Fills what is left with a file (`filler`), until the file system refuses a byte; returns its path.
    @discardableResult
    public func fill() -> String {
        let path = mountPoint.appendingPathComponent("filler").path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return path }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        var one: UInt8 = 0x5A
        while write(fd, &one, 1) == 1 {}
        return path
    }

    /// Callers keep the value alive (`withExtendedLifetime`) until they are done with the file system; a file still
    /// open then (a store not yet released) makes the plain unmount fail, and the lazy one detaches it all the same.
    deinit {
        if Self.sh(["umount", mountPoint.path]) != 0 { Self.sh(["umount", "-l", mountPoint.path]) }
        try? FileManager.default.removeItem(at: mountPoint)
    }

    @discardableResult
    static func sh(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

import CLinux
import Foundation

/// Content-addressed file store: every raw message and attachment is kept once, named by its SHA-256.
///
/// A blob is written to a temporary file, fsynced, renamed to `blobs/ab/<sha256>` and its folder fsynced, so that
/// after a crash a blob is either whole or absent. Writing the same bytes twice costs a hash and a `stat`.
public struct BlobStore: Sendable {
    public let folder: DataFolder
    private let blobsPath: String

    public init(folder: DataFolder) {
        self.folder = folder
        blobsPath = folder.blobsURL.path
    }

    /// Stores `data` durably and returns its SHA-256.
    @discardableResult
    public func put(_ data: Data) throws -> String {
        let digest = SHA256.hex(data)
        try put(data, digest: digest)
        return digest
    }

    /// Stores `data` whose digest the caller already computed.
    ///
    /// With `durable: false` the file is written but not fsynced: the caller must call ``sync()`` before it
    /// commits anything that refers to the blob (batching one `syncfs` over many files is much cheaper).
    /// The temporary file lives in the blob's own folder (`.<digest>.<pid>.<n>.tmp`): a rename within one folder
    /// does not take the file system's cross-folder rename lock, which two writers would otherwise queue on.
    /// A process killed while writing may leave such a file behind; no row ever refers to it.
    public func put(_ data: Data, digest: String, durable: Bool = true) throws {
        precondition(SHA256.isDigest(digest), "not a digest")
        let dir = blobsPath + "/" + digest.prefix(2)
        let final = dir + "/" + digest
        if access(final, F_OK) == 0 { return }
        let tmp = dir + "/.\(digest).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        var fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 && errno == ENOENT {
            guard mkdir(dir, 0o700) == 0 || errno == EEXIST else {
                if StoreError.isFull(errno) { throw StoreError.diskFull(.folder(blobsPath)) }
                throw StoreError.writeFailed(folder: blobsPath, errno: errno)
            }
            if durable { try fsyncDirectory(folder.blobsURL) }
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else {
            if StoreError.isFull(errno) { throw StoreError.diskFull(.folder(dir)) }
            throw StoreError.writeFailed(folder: dir, errno: errno)
        }
        var ok = true
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if errno == EINTR { continue }
                    failure = n < 0 ? errno : ENOSPC
                    ok = false
                    break
                }
                offset += n
            }
        }
        if ok && durable && fsync(fd) != 0 {
            failure = errno
            ok = false
        }
        if close(fd) != 0 && ok {
            failure = errno
            ok = false
        }
        guard ok, rename(tmp, final) == 0 else {
            if ok { failure = errno }
            unlink(tmp)
            if StoreError.isFull(failure) { throw StoreError.diskFull(.folder(dir)) }
            throw StoreError.blobWriteFailed(digest: digest, errno: failure)
        }
        if durable { try fsyncDirectory(URL(fileURLWithPath: dir)) }
    }

    /// Makes every blob written with `durable: false` durable: one `syncfs` of the data folder's file system.
    public func sync() throws {
        let fd = open(folder.blobsURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.unreadableFolder(path: folder.blobsURL.path) }
        defer { close(fd) }
        guard syncfs(fd) == 0 else {
            if StoreError.isFull(errno) { throw StoreError.diskFull(.folder(folder.blobsURL.path)) }
            throw StoreError.syncFailed(errno: errno)
        }
    }

    /// Writes a small state file of the data folder atomically and durably (temporary file, fsync, rename).
    public func writeDurably(_ data: Data, to url: URL) throws {
        let tmp = folder.tmpURL.appendingPathComponent("state.\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if StoreError.isFull(errno) { throw StoreError.diskFull(.folder(folder.tmpURL.path)) }
            throw StoreError.writeFailed(folder: folder.tmpURL.path, errno: nil)
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let failure = errno
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            if written != data.count && (written >= 0 || StoreError.isFull(failure)) {
                throw StoreError.diskFull(.file(url.path))
            }
            throw StoreError.fileWriteFailed(path: url.path)
        }
        try fsyncDirectory(url.deletingLastPathComponent())
    }

    /// The bytes of a stored blob.
    public func get(_ digest: String) throws -> Data {
        guard SHA256.isDigest(digest) else { throw StoreError.invalidBlobID(digest) }
        do { return try Data(contentsOf: url(for: digest)) } catch {
            throw StoreError.blobMissing(digest)
        }
    }

    public func contains(_ digest: String) -> Bool {
        SHA256.isDigest(digest) && access(blobsPath + "/" + digest.prefix(2) + "/" + digest, F_OK) == 0
    }

    /// Where a blob lives. Only digests (64 hex characters) are ever turned into paths.
    public func url(for digest: String) -> URL {
        precondition(SHA256.isDigest(digest), "not a digest")
        return folder.blobsURL.appendingPathComponent(String(digest.prefix(2)), isDirectory: true)
            .appendingPathComponent(digest)
    }

    func fsyncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.unreadableFolder(path: url.path) }
        defer { close(fd) }
        _ = fsync(fd)
    }
}

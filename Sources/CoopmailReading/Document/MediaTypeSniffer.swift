import CMagic
import Foundation

/// Names a file's media type from its bytes, never from its name: the common document signatures (PDF, JPEG, PNG,
/// GIF, TIFF) directly, anything else with libmagic (`magic_buffer`, `MAGIC_MIME_TYPE`).
/// Thread-safe: each caller borrows one of a small pool of libmagic handles, so two threads do not queue on one.
public final class MediaTypeSniffer: @unchecked Sendable {
    public static let shared = MediaTypeSniffer()

    private let lock = NSLock()
    private var idle: [magic_t] = []
    private var loadFailed = false

    public init() {}

    deinit {
        for handle in idle { magic_close(handle) }
    }

    /// The media type of `bytes`, such as `application/pdf` or `image/jpeg`; `application/octet-stream` when unknown.
    public func mediaType(of bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "application/x-empty" }
        return Self.signature(of: bytes) ?? libmagicType(of: bytes)
    }

    /// libmagic's answer alone.
    func libmagicType(of bytes: [UInt8]) -> String {
        guard let handle = borrow() else { return "application/octet-stream" }
        defer { giveBack(handle) }
        let result = bytes.withUnsafeBytes { raw -> String? in
            // libmagic needs the beginning only; scanning megabytes of image data costs milliseconds each.
            guard let c = magic_buffer(handle, raw.baseAddress, min(raw.count, Self.sampleBytes)) else { return nil }
            return String(cString: c)
        }
        guard let result, !result.isEmpty else { return "application/octet-stream" }
        return result
    }

    public func mediaType(of data: Data) -> String { mediaType(of: [UInt8](data.prefix(Self.sampleBytes))) }

    /// How much of a file libmagic looks at.
    public static let sampleBytes = 256 * 1024

    /// The types whose leading bytes alone decide, as libmagic names them (it costs up to half a millisecond a call).
    static func signature(of bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && bytes.starts(with: prefix) }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        return nil
    }

    private func borrow() -> magic_t? {
        lock.lock()
        if let handle = idle.popLast() {
            lock.unlock()
            return handle
        }
        let failed = loadFailed
        lock.unlock()
        guard !failed, let handle = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR) else { return nil }
        guard magic_load(handle, nil) == 0 else {
            magic_close(handle)
            lock.lock()
            loadFailed = true
            lock.unlock()
            return nil
        }
        return handle
    }

    private func giveBack(_ handle: magic_t) {
        lock.lock()
        idle.append(handle)
        lock.unlock()
    }
}

import CMagic
import Foundation

/// Names a file's media type from its bytes with libmagic (`magic_buffer`, `MAGIC_MIME_TYPE`), never from its name.
/// Thread-safe: one libmagic handle guarded by a lock.
public final class MediaTypeSniffer: @unchecked Sendable {
    public static let shared = MediaTypeSniffer()

    private let lock = NSLock()
    private var handle: magic_t?

    public init() {
        handle = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)
        if let handle, magic_load(handle, nil) != 0 {
            magic_close(handle)
            self.handle = nil
        }
    }

    deinit {
        if let handle { magic_close(handle) }
    }

    /// The media type of `bytes`, such as `application/pdf` or `image/jpeg`; `application/octet-stream` when unknown.
    public func mediaType(of bytes: [UInt8]) -> String {
        lock.lock()
        defer { lock.unlock() }
        guard let handle, !bytes.isEmpty else { return bytes.isEmpty ? "application/x-empty" : "application/octet-stream" }
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
}

import CMagic
import Foundation

/// libmagic's verdict on bytes: the media type is decided from content, never from the file name.
enum Sniffer {
    static let lock = NSLock()
    nonisolated(unsafe) static var cookie: magic_t? = {
        let c = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)
        if let c { magic_load(c, nil) }
        return c
    }()

    static func mediaType(_ data: Data) -> String {
        lock.lock(); defer { lock.unlock() }
        guard let cookie, !data.isEmpty else { return data.isEmpty ? "application/x-empty" : "application/octet-stream" }
        let sample = data.prefix(256 * 1024)
        let result = sample.withUnsafeBytes { magic_buffer(cookie, $0.baseAddress, $0.count) }
        return result.map { String(cString: $0) } ?? "application/octet-stream"
    }
}

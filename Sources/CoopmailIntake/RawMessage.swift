import Foundation

/// One message as it arrives, before parsing: its bytes and where it came from.
public struct RawMessage: Sendable {
    public enum Content: Sendable {
        /// A file holding exactly one message (an .eml, a Maildir entry).
        case file(String)
        /// Bytes in memory (an mbox entry, an IMAP fetch).
        case bytes(Data)
    }

    public var content: Content
    /// Human-readable origin, e.g. `mbox:/path/box.mbox#12`, `maildir:/path/cur/…`, `imap:INBOX;UIDVALIDITY=…;UID=…`.
    public var source: String
    /// When the transport says it arrived (IMAP INTERNALDATE); nil for local files, whose arrival is the ingest time
    /// or their Date header (see `Ingestor.arrivalTime`).
    public var arrivedAt: Date?

    public init(content: Content, source: String, arrivedAt: Date? = nil) {
        self.content = content
        self.source = source
        self.arrivedAt = arrivedAt
    }

    /// The size in bytes (0 when a file cannot be read).
    public var size: Int {
        switch content {
        case .bytes(let d): return d.count
        case .file(let path):
            var st = stat()
            return stat(path, &st) == 0 ? Int(st.st_size) : 0
        }
    }

    /// The bytes, memory-mapped for files.
    public func data() throws -> Data {
        switch content {
        case .bytes(let d): return d
        case .file(let path): return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        }
    }
}

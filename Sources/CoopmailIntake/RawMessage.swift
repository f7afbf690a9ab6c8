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
    /// When the transport says it arrived (IMAP INTERNALDATE, file modification time), if known.
    public var arrivedAt: Date?

    public init(content: Content, source: String, arrivedAt: Date? = nil) {
        self.content = content; self.source = source; self.arrivedAt = arrivedAt
    }

    /// The bytes, memory-mapped for files.
    public func data() throws -> Data {
        switch content {
        case .bytes(let d): return d
        case .file(let path): return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        }
    }
}

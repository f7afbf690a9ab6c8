import Foundation

/// One message of a mailbox listing: UID, size (RFC822.SIZE, CRLF line ends), flags and INTERNALDATE.
public struct IMAPMessageSummary: Equatable, Sendable {
    public var uid: UInt32
    public var size: Int
    public var flags: [String]
    /// When the server received it (INTERNALDATE), when the listing gave a readable one.
    public var internalDate: Date?

    public init(uid: UInt32, size: Int, flags: [String], internalDate: Date? = nil) {
        self.uid = uid
        self.size = size
        self.flags = flags
        self.internalDate = internalDate
    }

    public var isSeen: Bool { flags.contains { $0.caseInsensitiveCompare("\\Seen") == .orderedSame } }
}

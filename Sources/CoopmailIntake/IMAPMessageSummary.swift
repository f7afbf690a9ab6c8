/// One message of a mailbox listing: UID, size (RFC822.SIZE, CRLF line ends) and flags.
public struct IMAPMessageSummary: Equatable, Sendable {
    public var uid: UInt32
    public var size: Int
    public var flags: [String]

    public init(uid: UInt32, size: Int, flags: [String]) {
        self.uid = uid
        self.size = size
        self.flags = flags
    }

    public var isSeen: Bool { flags.contains { $0.caseInsensitiveCompare("\\Seen") == .orderedSame } }
}

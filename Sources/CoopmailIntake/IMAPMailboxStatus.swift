/// A mailbox's counters as the server reports them.
public struct IMAPMailboxStatus: Equatable, Sendable {
    public var mailbox: String
    /// Changes when the server renumbers UIDs; stored UIDs are then meaningless.
    public var uidValidity: UInt32
    /// The UID the next arriving message will get (every existing UID is smaller).
    public var uidNext: UInt32
    /// Number of messages (EXISTS / MESSAGES).
    public var exists: Int

    public init(mailbox: String, uidValidity: UInt32, uidNext: UInt32, exists: Int) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.exists = exists
    }
}

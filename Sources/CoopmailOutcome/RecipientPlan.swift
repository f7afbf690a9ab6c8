import CoopmailDomain

/// Who receives what for one incoming mail, after ``RecipientPolicy``'s privacy rules.
public struct RecipientPlan: Hashable, Sendable {
    /// The registered addresses (normalised, in registry order, the sender first when registered): the only
    /// recipients of financial content.
    public var financialRecipients: [String]
    /// The sender's normalised address, when it is a valid address.
    public var sender: String?
    public var senderIsRegistered: Bool
    /// The mail the sender gets in answer: `acknowledgment` (without figures) when the sender is registered for the
    /// cooperative, otherwise `senderUnknown`.
    public var senderReply: OutcomeKind

    public init(financialRecipients: [String], sender: String?, senderIsRegistered: Bool, senderReply: OutcomeKind) {
        self.financialRecipients = financialRecipients
        self.sender = sender
        self.senderIsRegistered = senderIsRegistered
        self.senderReply = senderReply
    }

    /// The recipients of a mail of `kind`: registered addresses for financial kinds; the sender for the answers
    /// without figures it may receive (an acknowledgment only when it is registered).
    public func recipients(for kind: OutcomeKind) -> [String] {
        if kind.carriesFigures { return financialRecipients }
        switch kind {
        case .acknowledgment:
            if let sender, senderIsRegistered { return [sender] }
            return []
        case .senderUnknown:
            if let sender, !senderIsRegistered { return [sender] }
            return []
        default:
            return []
        }
    }

    /// Whether `address` may receive a mail of `kind`.
    public func mayReceive(_ kind: OutcomeKind, address: String) -> Bool {
        recipients(for: kind).contains(Mailbox.normalize(address))
    }
}

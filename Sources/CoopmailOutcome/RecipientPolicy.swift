import CoopmailDomain

/// Privacy: financial details of a cooperative go to its registered addresses only. An unregistered sender gets only
/// an acknowledgment without figures, or the `sender_unknown` mail asking for the cooperative number.
public struct RecipientPolicy: Hashable, Sendable {
    public init() {}

    /// - Parameters:
    ///   - registered: the cooperative's registered addresses (empty when no cooperative was matched).
    ///   - sender: the incoming mail's sender address.
    public func plan(registered: [String], sender: String?) -> RecipientPlan {
        var addresses: [String] = []
        for a in registered.map(Mailbox.normalize) where Mailbox.isValidAddress(a) && !addresses.contains(a) { addresses.append(a) }
        let senderAddress = sender.map(Mailbox.normalize).flatMap { Mailbox.isValidAddress($0) ? $0 : nil }
        let isRegistered = senderAddress.map(addresses.contains) ?? false
        if isRegistered, let s = senderAddress {
            addresses.removeAll { $0 == s }
            addresses.insert(s, at: 0)
        }
        return RecipientPlan(financialRecipients: addresses, sender: senderAddress, senderIsRegistered: isRegistered,
                             senderReply: addresses.isEmpty ? .senderUnknown : .acknowledgment)
    }

    /// The plan for a matched cooperative (nil when none was matched confidently).
    public func plan(cooperative: Cooperative?, sender: String?) -> RecipientPlan {
        plan(registered: cooperative?.mandataire.emails ?? [], sender: sender)
    }
}

import CoopmailDomain

/// Privacy: financial details of a cooperative go to its registered addresses only. An unregistered sender — even of
/// a mail that names a known cooperative — gets only the generic `sender_unknown` mail asking for the cooperative
/// number: no cooperative, school, mandataire or list of missing documents. A mail with no valid sender gets nothing.
public struct RecipientPolicy: Hashable, Sendable {
    public init() {}

    /// - Parameters:
    ///   - registered: the cooperative's registered addresses (empty when no cooperative was matched).
    ///   - sender: the incoming mail's sender address.
    public func plan(registered: [String], sender: String?) -> RecipientPlan {
        var addresses: [String] = []
        for a in registered.map(Mailbox.normalize) where Mailbox.isValidAddress(a) && !addresses.contains(a) {
            addresses.append(a)
        }
        let senderAddress = sender.map(Mailbox.normalize).flatMap { Mailbox.isValidAddress($0) ? $0 : nil }
        let isRegistered = senderAddress.map(addresses.contains) ?? false
        if isRegistered, let s = senderAddress {
            addresses.removeAll { $0 == s }
            addresses.insert(s, at: 0)
        }
        return RecipientPlan(
            financialRecipients: addresses, sender: senderAddress, senderIsRegistered: isRegistered,
            senderReply: isRegistered ? .acknowledgment : .senderUnknown)
    }

    /// The plan for a matched cooperative (nil when none was matched confidently).
    public func plan(cooperative: Cooperative?, sender: String?) -> RecipientPlan {
        plan(registered: cooperative?.mandataire.emails ?? [], sender: sender)
    }
}

/// Whether an automatic answer may be sent, and if not why.
public enum ReplyDecision: Hashable, Sendable {
    case allowed
    case refused(ReplyRefusal)

    public var isAllowed: Bool { self == .allowed }
    /// The French reason of a refusal; nil when allowed.
    public var reason: String? {
        if case .refused(let r) = self { return r.reason }
        return nil
    }
}

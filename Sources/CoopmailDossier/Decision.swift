import CoopmailDomain
import Foundation

/// One entry of a dossier's history: who did what, when, and why.
public struct Decision: Hashable, Codable, Sendable {
    public var id: Int64
    public var action: DecisionAction
    /// The Unix user who decided, or `coopmail` for automatic entries.
    public var actor: String
    /// ISO-8601 time of the decision.
    public var at: String
    /// The motif (approve/reject), the note's text, or the reason of a reopening.
    public var reason: String?
    /// The document reassigned.
    public var document: Int64?
    /// For a reassignment: the cooperative the document came from.
    public var from: String?
    /// For a reassignment: the cooperative the document went to.
    public var to: String?

    public init(
        id: Int64, action: DecisionAction, actor: String, at: String, reason: String? = nil, document: Int64? = nil,
        from: String? = nil, to: String? = nil
    ) {
        self.id = id
        self.action = action
        self.actor = actor
        self.at = at
        self.reason = reason
        self.document = document
        self.from = from
        self.to = to
    }
}

import Foundation

/// What staff (or coopmail itself) did on a dossier.
public enum DecisionAction: String, Codable, Sendable, CaseIterable {
    /// Staff validated the dossier.
    case approve
    /// Staff rejected the dossier, with a reason (motif) for the mandataire.
    case reject
    /// Staff moved a document to another cooperative's dossier.
    case reassign
    /// Staff left a note.
    case note
    /// A document arrived (or left) after a decision: the dossier went back to its automatic status.
    case reopen
    /// A reminder (relance) was queued for the mandataire.
    case remind
    /// Staff marked a question of the mandataire (a mail without documents) answered.
    case answer

    /// French label for the history.
    public var label: String {
        switch self {
        case .approve: return "validé"
        case .reject: return "rejeté"
        case .reassign: return "pièce réaffectée"
        case .note: return "note"
        case .reopen: return "rouvert"
        case .remind: return "relance"
        case .answer: return "question répondue"
        }
    }
}

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

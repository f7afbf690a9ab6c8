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

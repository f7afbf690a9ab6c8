import CoopmailDomain
import Foundation

/// Errors of the dossier stage. They carry data only; the French staff read is written by CoopmailApp
/// (`DossierError+French`). ``description`` is for developers (logs, test failures).
public enum DossierError: Error, CustomStringConvertible, Equatable {
    /// No submission for this cooperative and exercise.
    case noDossier(DossierKey)
    /// Approving a dossier whose checks failed needs `force`.
    case failedChecks(DossierKey, [Check])
    /// A motif is needed for this decision: a rejection, or a forced approval (`.approve`).
    case reasonRequired(DecisionAction)
    case alreadyDecided(DossierKey, DossierStatus)
    /// Rejecting a validated dossier takes the validation back: it needs confirmation.
    case revokesValidation(DossierKey)
    /// Only a validated or rejected dossier can be reopened.
    case notDecided(DossierKey)
    /// The closest registered cooperatives (``TargetCandidate/school(_:school:)``), perhaps none.
    case unknownCooperative(String, suggestions: [TargetCandidate])
    case unknownDocument(String)
    /// No message with this number.
    case unknownMessage(Int64)
    case ambiguous(String, candidates: [TargetCandidate])
    /// A note without text.
    case emptyNote
    /// A reassignment to the cooperative the document already belongs to.
    case alreadyAssigned(document: Int64, cooperative: CooperativeNumber)

    public var description: String {
        switch self {
        case .noDossier(let k): return "no dossier for \(k.cooperative) (\(k.exercise))"
        case .failedChecks(let k, let checks):
            return "checks failed for \(k.cooperative) (\(k.exercise)): \(checks.map(\.rule.rawValue))"
        case .reasonRequired(let action): return "a reason is required to \(action.rawValue)"
        case .alreadyDecided(let k, let s): return "dossier \(k.cooperative) (\(k.exercise)) is already \(s.rawValue)"
        case .revokesValidation(let k): return "rejecting \(k.cooperative) (\(k.exercise)) revokes its validation"
        case .notDecided(let k): return "dossier \(k.cooperative) (\(k.exercise)) is not decided"
        case .unknownCooperative(let text, let suggestions):
            return "unknown cooperative \(text) (suggestions: \(suggestions))"
        case .unknownDocument(let text): return "unknown document \(text)"
        case .unknownMessage(let id): return "unknown message \(id)"
        case .ambiguous(let text, let candidates): return "ambiguous \(text): \(candidates)"
        case .emptyNote: return "empty note"
        case .alreadyAssigned(let document, let cooperative):
            return "document \(document) already belongs to \(cooperative)"
        }
    }
}

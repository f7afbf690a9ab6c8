import CoopmailDomain
import CoopmailLedger

/// What staff decided on a dossier, returned by ``DossierService/decide(_:exercise:verdict:)`` once recorded, so that
/// the caller can enqueue the outcome mail to the mandataire. Nothing is sent by the dossier stage.
public struct DecisionOutcome: Sendable {
    public var key: DossierKey
    /// The recorded history entry (who, when, motif).
    public var decision: Decision
    /// The dossier's status after the decision (`validated` or `rejected`).
    public var status: DossierStatus
    /// The checks at the time of the decision; for a rejection, what the mandataire must correct.
    public var checks: [Check]
    /// True when an approval went through despite failed checks.
    public var forced: Bool
    /// The registered cooperative (school, mandataire addresses), when known.
    public var cooperative: Cooperative?

    public var failedChecks: [Check] { checks.filter { $0.verdict == .fail } }
}

/// A staff verdict on a dossier.
public enum StaffVerdict: Sendable, Hashable {
    /// Validate the dossier. When checks failed, `force` must be true (and a reason is then required).
    case approve(reason: String?, force: Bool)
    /// Reject the dossier; the reason (motif) is required and is what the mandataire reads. Rejecting a validated
    /// dossier takes back the validation: `force` says staff confirmed it.
    case reject(reason: String, force: Bool = false)
}

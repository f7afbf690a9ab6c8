import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailOutcome
import CoopmailStore

extension Outbox {
    /// Queues the mail telling the mandataire what staff decided: `validated`; or, for a rejection, `missing_documents`
    /// when a document is missing and `to_correct` otherwise, with the failed checks and the staff's motif.
    /// A forced approval's internal reason is not sent.
    @discardableResult
    public func announce(_ outcome: DecisionOutcome) throws -> Result<OutboxRecord, SkipError> {
        let kind: OutcomeKind
        var motif: String? = nil
        switch outcome.status {
        case .validated:
            kind = .validated
        default:
            let missing = outcome.failedChecks.contains { DossierStatus.documentRules.contains($0.rule) }
            kind = missing ? .missingDocuments : .toCorrect
            motif = outcome.decision.reason
        }
        return try announceDecision(
            kind, cooperative: outcome.key.cooperative, exercise: outcome.key.exercise,
            checks: outcome.checks, motif: motif, decisionKey: "decision:\(outcome.decision.id)")
    }
}

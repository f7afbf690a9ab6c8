/// Where a dossier stands. The automatic status comes from the checks; `validated` and `rejected` only from staff.
public enum DossierStatus: String, Codable, Sendable, CaseIterable {
    case toReview = "to_review"
    case toCorrect = "to_correct"
    case incomplete
    case validated
    case rejected

    /// The French label staff and mandataires read.
    public var label: String {
        switch self {
        case .toReview: return "à vérifier"
        case .toCorrect: return "à corriger"
        case .incomplete: return "incomplet"
        case .validated: return "validé"
        case .rejected: return "rejeté"
        }
    }

    /// The rules whose failure means a document is missing (the quitus, a statement, or the statement covering 31/08).
    public static let documentRules: Set<Rule> = [.quitusReceived, .bankStatementReceived, .statementDate]

    /// The status the checks alone give: `incomplete` when a document is missing, `toCorrect` when another check
    /// failed, `toReview` otherwise (staff then validate or reject).
    public static func automatic(from checks: [Check]) -> DossierStatus {
        let failed = checks.filter { $0.verdict == .fail }
        if failed.contains(where: { documentRules.contains($0.rule) }) { return .incomplete }
        if !failed.isEmpty { return .toCorrect }
        return .toReview
    }
}

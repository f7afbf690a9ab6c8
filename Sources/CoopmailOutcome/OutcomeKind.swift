/// The outcome mails coopmail sends, one Mustache template each (`Templates/<rawValue>.mustache`).
public enum OutcomeKind: String, Codable, Sendable, CaseIterable {
    /// Accusé de réception: the documents found, those missing, what happens next.
    case acknowledgment
    /// The dossier was validated by staff.
    case validated
    /// Checks failed: each failed check's sentence, and the staff's motif.
    case toCorrect = "to_correct"
    /// Documents are missing.
    case missingDocuments = "missing_documents"
    /// The sender is not a registered address: asks for the cooperative number, shows no financial data.
    case senderUnknown = "sender_unknown"

    /// Whether the mail may carry financial figures (amounts, check sentences, motif).
    public var carriesFigures: Bool {
        switch self {
        case .validated, .toCorrect, .missingDocuments: return true
        case .acknowledgment, .senderUnknown: return false
        }
    }
}

/// What a document (or a page range of one attachment) is.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    /// The CRF page signed by two people besides the mandataire.
    case quitus
    /// A BRED bank statement (relevé de compte).
    case bankStatement = "bank_statement"
    case other
}

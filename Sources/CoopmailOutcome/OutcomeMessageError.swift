/// Why an outcome message was refused: a value that could smuggle headers, or a missing recipient.
public enum OutcomeMessageError: Error, Equatable, CustomStringConvertible {
    /// An address that is not a plain `local@domain` (control characters, spaces, brackets…). `field` names the header.
    case invalidAddress(field: String)
    /// The caller's Message-ID is not `<left@right>` in printable ASCII.
    case invalidMessageID
    case noRecipient

    public var description: String {
        switch self {
        case .invalidAddress(let field):
            return "Adresse refusée dans l'en-tête \(field) : elle n'est pas une adresse simple et sûre."
        case .invalidMessageID:
            return "Identifiant de message (Message-ID) refusé : il doit être de la forme <identifiant@domaine>."
        case .noRecipient: return "Aucun destinataire pour ce message."
        }
    }
}

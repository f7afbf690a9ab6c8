/// Why an outcome message was refused: a value that could smuggle headers, or a missing recipient. Data only;
/// CoopmailApp writes the French staff read.
public enum OutcomeMessageError: Error, Equatable, CustomStringConvertible {
    /// An address that is not a plain `local@domain` (control characters, spaces, brackets…). `field` names the header.
    case invalidAddress(field: String)
    /// The caller's Message-ID is not `<left@right>` in printable ASCII.
    case invalidMessageID
    case noRecipient

    /// For logs and programmers (English, the data only).
    public var description: String {
        switch self {
        case .invalidAddress(let field): return "address refused in header \(field): not a plain, safe address"
        case .invalidMessageID: return "Message-ID refused: not <left@right>"
        case .noRecipient: return "no recipient"
        }
    }
}

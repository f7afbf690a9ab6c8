/// What an incoming mail is, as the export's `nature` says: a submission with documents, a human mail without
/// documents (a question, a reply), or an automatic mail (bounce, auto-reply, read receipt, mailing list) that never
/// belongs to a cooperative.
public enum MessageNature: String, Codable, Sendable, CaseIterable {
    case documents
    case message
    case automatic

    /// The French name staff read.
    public var label: String {
        switch self {
        case .documents: "envoi de documents"
        case .message: "message sans document"
        case .automatic: "courriel automatique"
        }
    }
}

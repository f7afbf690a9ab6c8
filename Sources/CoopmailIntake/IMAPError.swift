/// What went wrong talking to the IMAP server, as data: which user, host, mailbox, libcurl code. The French sentence
/// saying what to check (and which configuration key) is written by CoopmailApp.
public enum IMAPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Login refused (libcurl 67): wrong username or password.
    case authenticationFailed(username: String, serverReply: String?)
    case mailboxNotFound(mailbox: String, serverReply: String?)
    case messageNotFound(uid: UInt32, mailbox: String)
    /// The server's certificate is not signed by a trusted authority or does not match the host (60).
    case certificateNotTrusted(host: String, detail: String)
    /// The CA file given in the configuration cannot be read (77).
    case caFileUnreadable(path: String)
    /// TLS could not be negotiated (35).
    case tlsHandshakeFailed(host: String, detail: String)
    /// The server did not offer STARTTLS on `imap://` while encryption is required (64).
    case tlsRequired(host: String)
    /// Connection refused, host unknown, or timeout (7, 6, 28).
    case unreachable(host: String, detail: String)
    /// The connection broke during a transfer (55, 56), or the server's answers broke the protocol's limits.
    case connectionLost(host: String, loss: IMAPConnectionLoss)
    /// The server answered NO or BAD to a command.
    case commandFailed(command: String, serverReply: String?)
    /// The server accepted a command but its answer lacks these items.
    case incompleteReply(command: String, missing: [String])
    /// The server URL cannot be read as `scheme://host[:port]/mailbox`.
    case unreadableURL(url: String)
    /// A scheme other than `imaps` or `imap`.
    case unsupportedScheme(scheme: String)
    /// The URL carries a user name or a password (they have their own settings).
    case credentialsInURL
    /// libcurl refused the URL (3).
    case urlRefused(detail: String)
    /// Anything else libcurl reported.
    case transferFailed(curlCode: Int, detail: String)

    /// A later retry may succeed without changing the configuration.
    public var isTemporary: Bool {
        switch self {
        case .unreachable, .connectionLost, .tlsHandshakeFailed: return true
        default: return false
        }
    }

    /// For logs and programmers (English, the data only).
    public var description: String {
        switch self {
        case .authenticationFailed(let username, let reply):
            return "IMAP login refused for \(username) (\(reply ?? ""))"
        case .mailboxNotFound(let mailbox, let reply): return "IMAP mailbox not found: \(mailbox) (\(reply ?? ""))"
        case .messageNotFound(let uid, let mailbox): return "IMAP message UID \(uid) not found in \(mailbox)"
        case .certificateNotTrusted(let host, let detail): return "IMAP certificate of \(host) not trusted (\(detail))"
        case .caFileUnreadable(let path): return "CA file unreadable: \(path)"
        case .tlsHandshakeFailed(let host, let detail): return "TLS handshake with \(host) failed (\(detail))"
        case .tlsRequired(let host): return "\(host) offers no STARTTLS"
        case .unreachable(let host, let detail): return "IMAP server \(host) unreachable (\(detail))"
        case .connectionLost(let host, let loss): return "IMAP connection to \(host) lost (\(loss))"
        case .commandFailed(let command, let reply): return "IMAP command \(command) refused (\(reply ?? ""))"
        case .incompleteReply(let command, let missing):
            return "IMAP answer to \(command) lacks \(missing.joined(separator: ", "))"
        case .unreadableURL(let url): return "unreadable IMAP URL: \(url)"
        case .unsupportedScheme(let scheme): return "unsupported IMAP URL scheme: \(scheme)"
        case .credentialsInURL: return "IMAP URL carries credentials"
        case .urlRefused(let detail): return "IMAP URL refused by libcurl (\(detail))"
        case .transferFailed(let code, let detail): return "IMAP transfer failed (libcurl \(code): \(detail))"
        }
    }
}

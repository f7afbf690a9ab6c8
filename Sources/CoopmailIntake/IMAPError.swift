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
    /// The connection broke during a transfer (55, 56).
    case connectionLost(host: String, detail: String)
    /// The server answered NO or BAD to a command.
    case commandFailed(command: String, serverReply: String?)
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
        case let .authenticationFailed(username, reply): return "IMAP login refused for \(username) (\(reply ?? ""))"
        case let .mailboxNotFound(mailbox, reply): return "IMAP mailbox not found: \(mailbox) (\(reply ?? ""))"
        case let .messageNotFound(uid, mailbox): return "IMAP message UID \(uid) not found in \(mailbox)"
        case let .certificateNotTrusted(host, detail): return "IMAP certificate of \(host) not trusted (\(detail))"
        case let .caFileUnreadable(path): return "CA file unreadable: \(path)"
        case let .tlsHandshakeFailed(host, detail): return "TLS handshake with \(host) failed (\(detail))"
        case let .tlsRequired(host): return "\(host) offers no STARTTLS"
        case let .unreachable(host, detail): return "IMAP server \(host) unreachable (\(detail))"
        case let .connectionLost(host, detail): return "IMAP connection to \(host) lost (\(detail))"
        case let .commandFailed(command, reply): return "IMAP command \(command) refused (\(reply ?? ""))"
        case let .unreadableURL(url): return "unreadable IMAP URL: \(url)"
        case let .unsupportedScheme(scheme): return "unsupported IMAP URL scheme: \(scheme)"
        case .credentialsInURL: return "IMAP URL carries credentials"
        case let .urlRefused(detail): return "IMAP URL refused by libcurl (\(detail))"
        case let .transferFailed(code, detail): return "IMAP transfer failed (libcurl \(code): \(detail))"
        }
    }
}

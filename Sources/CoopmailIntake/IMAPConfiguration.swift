import Foundation

/// How to reach the association's IMAP mailbox. The password is handed in by the caller
/// (read from `password_env` / `password_file` elsewhere); it never appears in `description`.
public struct IMAPConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `imaps://host[:port][/MAILBOX]` (implicit TLS) or `imap://host[:port][/MAILBOX]` (STARTTLS, required).
    /// The optional path names the mailbox selected first (default `INBOX`).
    public var url: String
    public var username: String
    public var password: String
    /// An OAuth 2 access token: when set, the login is `AUTHENTICATE XOAUTH2` with it instead of the password.
    public var bearerToken: String?
    /// Trust anchors (PEM) used instead of the system store, e.g. a private CA.
    public var caFile: String?
    /// Certificate and host name verification; on unless explicitly turned off.
    public var verifyCertificate: Bool
    /// Allows `imap://` without STARTTLS. Off: a server that cannot encrypt is refused.
    public var allowPlaintext: Bool
    /// Uses `UID MOVE` when the server advertises MOVE; off forces COPY + STORE \Deleted + UID EXPUNGE.
    public var useMoveExtension: Bool
    public var connectTimeout: TimeInterval
    /// A transfer making no progress for this long is abandoned.
    public var stallTimeout: TimeInterval

    public init(
        url: String, username: String, password: String, caFile: String? = nil,
        verifyCertificate: Bool = true, allowPlaintext: Bool = false, useMoveExtension: Bool = true,
        connectTimeout: TimeInterval = 15, stallTimeout: TimeInterval = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.verifyCertificate = verifyCertificate
        self.allowPlaintext = allowPlaintext
        self.useMoveExtension = useMoveExtension
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    public var description: String {
        "IMAPConfiguration(url: \(url), username: \(username), password: ***, bearerToken: \(bearerToken == nil ? "-" : "***"), caFile: \(caFile ?? "-"), "
            + "verifyCertificate: \(verifyCertificate), allowPlaintext: \(allowPlaintext))"
    }

    public var debugDescription: String { description }
}

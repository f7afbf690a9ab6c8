import Foundation

/// How to reach the submission server. The password is handed in by the caller; it never appears in `description`.
public struct SMTPConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `smtps://host[:port]` (implicit TLS) or `smtp://host[:port]` (STARTTLS, required).
    /// A path, if any, is the EHLO name (libcurl's convention) and wins over `ehloName`.
    public var url: String
    public var username: String?
    public var password: String?
    /// An OAuth 2 access token: when set, the login is `AUTH XOAUTH2` with it instead of the password.
    public var bearerToken: String?
    /// Trust anchors (PEM) used instead of the system store, e.g. a private CA.
    public var caFile: String?
    public var verifyCertificate: Bool
    /// Allows `smtp://` without STARTTLS. Off: a server that cannot encrypt is refused.
    public var allowPlaintext: Bool
    /// Name given in EHLO; defaults to the domain of the sender address.
    public var ehloName: String?
    public var connectTimeout: TimeInterval
    /// A transfer making no progress for this long is abandoned.
    public var stallTimeout: TimeInterval

    public init(
        url: String, username: String? = nil, password: String? = nil, caFile: String? = nil,
        verifyCertificate: Bool = true, allowPlaintext: Bool = false, ehloName: String? = nil,
        connectTimeout: TimeInterval = 15, stallTimeout: TimeInterval = 60
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.verifyCertificate = verifyCertificate
        self.allowPlaintext = allowPlaintext
        self.ehloName = ehloName
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    public var description: String {
        "SMTPConfiguration(url: \(url), username: \(username ?? "-"), password: \(password == nil ? "-" : "***"), "
            + "caFile: \(caFile ?? "-"), verifyCertificate: \(verifyCertificate), allowPlaintext: \(allowPlaintext))"
    }

    public var debugDescription: String { description }
}

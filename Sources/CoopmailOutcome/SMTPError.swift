import Foundation

/// A failed send, classified temporary (retry later) or permanent (needs a person), as data: which kind, host or
/// address, reply and libcurl codes. The French sentence (and the `[smtp]` setting to check) is written by CoopmailApp.
public struct SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case authenticationFailed, recipientRefused, senderRefused, messageRefused
        case certificateNotTrusted, caFileUnreadable, tlsHandshakeFailed, tlsRequired
        case unreachable, connectionLost, invalidAddress, invalidConfiguration, other
        /// The server URL cannot be read (`subject`: the URL); a scheme other than smtps or smtp (`subject`: it); a user
        /// name or password inside the URL.
        case unreadableURL, unsupportedScheme, credentialsInURL
        /// An EHLO name that is not a host name (`subject`: it).
        case invalidEHLOName
        /// The whole message was handed over, then no reply came (connection cut, timeout): it may have been accepted.
        case deliveryUncertain
    }

    public var kind: Kind
    /// True: a later retry may succeed (connection refused, timeout, 4xx). False: permanent (5xx, refused login, configuration).
    public var isTemporary: Bool
    /// The server's reply code (e.g. 550) when there was one.
    public var replyCode: Int?
    /// The server's reply line (e.g. `550 5.1.1 <x@y>: Recipient address rejected: User unknown`).
    public var serverReply: String?
    /// libcurl's error code, when the error came from libcurl.
    public var curlCode: Int?
    /// Host, address, user, path or URL the error is about.
    public var subject: String
    public var detail: String

    public init(
        kind: Kind, isTemporary: Bool, replyCode: Int? = nil, serverReply: String? = nil, curlCode: Int? = nil,
        subject: String = "", detail: String = ""
    ) {
        self.kind = kind
        self.isTemporary = isTemporary
        self.replyCode = replyCode
        self.serverReply = serverReply
        self.curlCode = curlCode
        self.subject = subject
        self.detail = detail
    }

    public var isPermanent: Bool { !isTemporary }

    /// The ``detail`` of an ``Kind/invalidAddress`` error raised because a send had no recipient at all.
    public static let noRecipientDetail = "no recipient"

    /// For logs and programmers (English, the data only).
    public var description: String {
        var parts = ["SMTP \(kind.rawValue)", isTemporary ? "temporary" : "permanent"]
        if !subject.isEmpty { parts.append(subject) }
        if let replyCode { parts.append("reply \(replyCode)") }
        if let curlCode { parts.append("libcurl \(curlCode)") }
        if !detail.isEmpty { parts.append(detail) }
        return parts.joined(separator: ", ")
    }
}

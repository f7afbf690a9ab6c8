import Foundation

/// The parts of an `imap://` / `imaps://` URL that the client needs.
struct IMAPServerAddress: Equatable {
    var implicitTLS: Bool
    /// `scheme://host[:port]`, without path.
    var base: String
    var host: String
    /// Mailbox named by the URL path, decoded; `INBOX` when absent.
    var mailbox: String

    init(parsing url: String) throws {
        guard !url.contains(where: { $0.isNewline || $0 == " " }),
            let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw IMAPError.unreadableURL(url: url)
        }
        switch scheme {
        case "imaps": implicitTLS = true
        case "imap": implicitTLS = false
        default:
            throw IMAPError.unsupportedScheme(scheme: scheme)
        }
        guard components.user == nil, components.password == nil else {
            throw IMAPError.credentialsInURL
        }
        self.host = host
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        base = "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "")
        var path = components.percentEncodedPath
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        if let semicolon = path.firstIndex(of: ";") { path = String(path[..<semicolon]) }
        mailbox = path.isEmpty ? "INBOX" : (path.removingPercentEncoding ?? path)
    }

    var rootURL: String { base + "/" }

    /// URL of a mailbox; the name is sent in modified UTF-7 and percent-encoded for the URL.
    func url(mailbox: String) -> String {
        base + "/" + IMAPServerAddress.percentEncode(ModifiedUTF7.encode(mailbox))
    }

    func url(mailbox: String, uid: UInt32) -> String {
        url(mailbox: mailbox) + ";UID=\(uid)"
    }

    static func percentEncode(_ s: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

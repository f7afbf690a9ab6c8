import CCurl
import CoopmailCurl
import Foundation

/// Sends messages through an SMTP submission server over libcurl (TLS required, AUTH when a username is given).
/// The connection is kept between sends. Not thread-safe: use from one task at a time.
public final class SMTPClient {
    public let configuration: SMTPConfiguration
    private let curl: CurlEasy
    private let base: String
    private let host: String
    private let pathEHLO: String?

    public init(configuration: SMTPConfiguration) throws {
        self.configuration = configuration
        guard !configuration.url.contains(where: { $0.isNewline || $0 == " " }),
            let components = URLComponents(string: configuration.url),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else {
            throw SMTPError(kind: .unreadableURL, isTemporary: false, subject: configuration.url)
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw SMTPError(kind: .unsupportedScheme, isTemporary: false, subject: scheme)
        }
        guard components.user == nil, components.password == nil else {
            throw SMTPError(kind: .credentialsInURL, isTemporary: false)
        }
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw SMTPError(kind: .caFileUnreadable, isTemporary: false, subject: caFile)
        }
        self.host = host
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        base = "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "")
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        pathEHLO = path.isEmpty ? nil : path
        guard let curl = CurlEasy() else {
            throw SMTPError(kind: .other, isTemporary: true, detail: "initialisation de libcurl impossible")
        }
        self.curl = curl
        applyOptions()
    }

    /// Reply-line bytes seen by the current easy handle (see `CurlEasy`: libcurl fails past 300 KB).
    private var headerBytesOnHandle = 0
    static let headerBudget = 16_000

    private func applyOptions() {
        let scheme = base.hasPrefix("smtps:") ? "smtps" : "smtp"
        curl.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if let username = configuration.username { curl.set(CURLOPT_USERNAME, username) }
        if let token = configuration.bearerToken {
            curl.set(CURLOPT_XOAUTH2_BEARER, token)
            curl.set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
            curl.set(CURLOPT_SASL_IR, 1)
        } else if let password = configuration.password {
            curl.set(CURLOPT_PASSWORD, password)
        }
        let tls = scheme == "smtps" || !configuration.allowPlaintext ? CURLUSESSL_ALL : CURLUSESSL_NONE
        curl.set(CURLOPT_USE_SSL, Int(tls.rawValue))
        curl.setTrust(caFile: configuration.caFile)
        curl.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyCertificate ? 1 : 0)
        curl.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyCertificate ? 2 : 0)
        curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        curl.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        curl.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout)))
    }

    /// Sends `rawMessage` (headers and body as they will be delivered; bare LF become CRLF) to `recipients`.
    /// `from` and each recipient may be a bare address or `Name <address>`; the envelope uses the address.
    /// All or nothing: a refused recipient fails the send before any data is transferred.
    /// Returns the server's acceptance line (e.g. `250 2.0.0 Ok: queued as 4Xb2`) when there is one.
    /// `willCommit` is called once, just before the last bytes of the message go to the server (see ``CurlSink``);
    /// when it throws, those bytes are not sent (the server drops the unfinished message) and its error is rethrown.
    /// A failure after they were sent with no reply to them (connection cut, timeout) is `deliveryUncertain`: the
    /// server may have accepted the message.
    @discardableResult
    public func send(rawMessage: Data, from: String, recipients: [String], willCommit: (() throws -> Void)? = nil)
        throws -> String?
    {
        let sender = try Self.envelopeAddress(from)
        let targets = try recipients.map(Self.envelopeAddress)
        guard !targets.isEmpty else {
            throw SMTPError(kind: .invalidAddress, isTemporary: false, detail: SMTPError.noRecipientDetail)
        }
        let ehlo = configuration.ehloName ?? pathEHLO ?? Self.domain(of: sender) ?? "localhost"
        guard Self.isValidHostName(ehlo) else {
            throw SMTPError(kind: .invalidEHLOName, isTemporary: false, subject: ehlo)
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for target in targets {
            guard let next = curl_slist_append(list, "<\(target)>") else {
                curl_slist_free_all(list)
                throw SMTPError(kind: .other, isTemporary: true, detail: "mémoire insuffisante")
            }
            list = next
        }
        defer {
            _ = coop_curl_set_slist(curl.handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(list)
        }
        if headerBytesOnHandle > Self.headerBudget, curl.renew() {
            applyOptions()
            headerBytesOnHandle = 0
        }
        defer { headerBytesOnHandle += curl.sink.headers.count }
        let body = Self.crlfNormalised(rawMessage)
        curl.sink.reset()
        curl.sink.upload = body
        var hookError: Error?
        if let willCommit {
            curl.sink.beforeLastChunk = {
                do {
                    try willCommit()
                    return true
                } catch {
                    hookError = error
                    return false
                }
            }
        }
        curl.set(CURLOPT_URL, base + "/" + ehlo)
        curl.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        _ = coop_curl_set_slist(curl.handle, CURLOPT_MAIL_RCPT, list)
        curl.set(CURLOPT_UPLOAD, 1)
        curl.setSize(CURLOPT_INFILESIZE_LARGE, body.count)
        let result = curl.perform()
        if let hookError { throw hookError }
        guard result.isOK else { throw classify(result, sender: sender) }
        return curl.responseLines.last { $0.hasPrefix("250 ") }
    }

    // MARK: Errors

    private func classify(_ result: CurlResult, sender: String) -> SMTPError {
        let code = Int(result.code.rawValue)
        if curl.sink.committed {
            // The whole message went: only a reply to its end says what the server did with it.
            let after = CurlEasy.lines(
                of: curl.sink.headers.suffix(from: curl.sink.headers.startIndex + curl.sink.headersAtCommit))
            guard let reply = Self.lastFailureReply(in: after) else {
                return SMTPError(
                    kind: .deliveryUncertain, isTemporary: false, curlCode: code, subject: host,
                    detail: result.errorText)
            }
            let replyCode = Int(reply.prefix(3))
            return SMTPError(
                kind: .messageRefused, isTemporary: replyCode.map { (400..<500).contains($0) } ?? true,
                replyCode: replyCode, serverReply: reply, curlCode: code, subject: host, detail: result.errorText)
        }
        let reply = Self.lastFailureReply(in: curl.responseLines)
        let replyCode = reply.flatMap { Int($0.prefix(3)) }
        let temporaryReply = replyCode.map { (400..<500).contains($0) }
        func make(_ kind: SMTPError.Kind, temporary: Bool, subject: String = host) -> SMTPError {
            SMTPError(
                kind: kind, isTemporary: temporary, replyCode: replyCode, serverReply: reply, curlCode: code,
                subject: subject, detail: result.errorText)
        }
        let text = result.errorText.uppercased()
        switch code {
        case 67:
            return make(
                .authenticationFailed, temporary: temporaryReply ?? false, subject: configuration.username ?? "")
        case 60, 51: return make(.certificateNotTrusted, temporary: false)
        case 77: return make(.caFileUnreadable, temporary: false, subject: configuration.caFile ?? "")
        case 35, 58, 59, 83, 90, 91: return make(.tlsHandshakeFailed, temporary: false)
        case 64: return make(.tlsRequired, temporary: false)
        case 5, 6, 7, 28: return make(.unreachable, temporary: true)
        case 3: return make(.invalidConfiguration, temporary: false)
        case 55, 56, 8, 52:
            guard let temporaryReply else { return make(.connectionLost, temporary: true) }
            if text.contains("RCPT") { return make(.recipientRefused, temporary: temporaryReply) }
            if text.contains("MAIL") { return make(.senderRefused, temporary: temporaryReply, subject: sender) }
            return make(.messageRefused, temporary: temporaryReply)
        default:
            return make(.other, temporary: temporaryReply ?? true)
        }
    }

    /// The last 4xx/5xx reply line (the one that made the transfer fail), multi-line replies joined.
    static func lastFailureReply(in lines: [String]) -> String? {
        var collected: [String] = []
        for line in lines.reversed() {
            let isFailure = line.count >= 4 && (line.first == "4" || line.first == "5") && Int(line.prefix(3)) != nil
            guard isFailure else {
                if !collected.isEmpty { break }
                continue
            }
            if let first = collected.first {
                // Only continuation lines (`550-…`) of the same reply belong before it.
                guard line.dropFirst(3).first == "-", line.prefix(3) == first.prefix(3) else { break }
            }
            collected.insert(line, at: 0)
        }
        guard !collected.isEmpty else { return nil }
        let code = collected[0].prefix(3)
        let texts = collected.map { String($0.dropFirst(4)) }
        return "\(code) " + texts.joined(separator: " ")
    }

    // MARK: Addresses and bytes

    /// `Name <a@b>` or `a@b` → `a@b`; rejects anything that could break the SMTP dialogue.
    public static func envelopeAddress(_ text: String) throws -> String {
        var address = text.trimmingCharacters(in: .whitespaces)
        if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
            address = String(address[address.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        let forbidden = CharacterSet(charactersIn: "<>\r\n\0 \t,;")
        guard !address.isEmpty, address.rangeOfCharacter(from: forbidden) == nil,
            address.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value != 0x7F }),
            let at = address.lastIndex(of: "@"), at != address.startIndex,
            address.index(after: at) != address.endIndex
        else {
            throw SMTPError(kind: .invalidAddress, isTemporary: false, subject: text)
        }
        return address
    }

    static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        return isValidHostName(domain) ? domain : nil
    }

    static func isValidHostName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 253
            && name.unicodeScalars.allSatisfy {
                CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-").contains(
                    $0)
            }
    }

    /// Bare LF → CRLF (SMTP requires CRLF, and IMAP servers hand messages back that way); existing CRLF untouched.
    public static func crlfNormalised(_ data: Data) -> Data {
        var out = Data()
        out.reserveCapacity(data.count + data.count / 40)
        var previous: UInt8 = 0
        for byte in data {
            if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return out
    }
}

import CCurl
import CoopmailCurl
import Foundation
import Logging

/// An IMAP session over one libcurl easy handle (the connection is kept between operations).
///
/// Like IMAP itself it has a current mailbox: `select(_:)` chooses it (initially the URL's path, or INBOX),
/// and `uids(after:)`, `fetch(_:)` and `move(_:to:)` work on it. Not thread-safe: use from one task at a time.
public final class IMAPClient {
    public let configuration: IMAPConfiguration
    /// The mailbox `uids(after:)`, `fetch(_:)` and `move(_:to:)` work on.
    public private(set) var selectedMailbox: String
    private let address: IMAPServerAddress
    private let curl: CurlEasy
    private let logger: Logger
    private var cachedCapabilities: Set<String>?

    public init(configuration: IMAPConfiguration, logger: Logger = Logger(label: "coopmail.imap")) throws {
        self.configuration = configuration
        self.logger = logger
        address = try IMAPServerAddress(parsing: configuration.url)
        selectedMailbox = address.mailbox
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw IMAPError.caFileUnreadable(path: caFile)
        }
        guard let curl = CurlEasy() else {
            throw IMAPError.transferFailed(curlCode: Int(CURLE_FAILED_INIT.rawValue), detail: "initialisation de libcurl impossible")
        }
        self.curl = curl
        applyOptions()
    }

    private func applyOptions() {
        curl.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        curl.set(CURLOPT_USERNAME, configuration.username)
        curl.set(CURLOPT_PASSWORD, configuration.password)
        let tls = address.implicitTLS || !configuration.allowPlaintext ? CURLUSESSL_ALL : CURLUSESSL_NONE
        curl.set(CURLOPT_USE_SSL, Int(tls.rawValue))
        if let caFile = configuration.caFile { curl.set(CURLOPT_CAINFO, caFile) }
        curl.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyCertificate ? 1 : 0)
        curl.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyCertificate ? 2 : 0)
        curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        curl.set(CURLOPT_LOW_SPEED_LIMIT, 1)
        curl.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout)))
    }

    /// Response-line bytes seen by the current easy handle (see `CurlEasy`: libcurl fails past 300 KB).
    private var headerBytesOnHandle = 0
    static let headerBudget = 16_000

    private func renewHandleIfNeeded() {
        guard headerBytesOnHandle > Self.headerBudget, curl.renew() else { return }
        applyOptions()
        headerBytesOnHandle = 0
    }

    // MARK: Mailboxes

    /// Makes `mailbox` the current one and returns its UIDVALIDITY, UIDNEXT and message count
    /// (one `STATUS` round trip; libcurl issues the real SELECT with the next command that needs it).
    @discardableResult
    public func select(_ mailbox: String) throws -> IMAPMailboxStatus {
        let status = try status(of: mailbox)
        selectedMailbox = mailbox
        return status
    }

    /// UIDVALIDITY, UIDNEXT and message count of any mailbox, without changing the current one.
    public func status(of mailbox: String) throws -> IMAPMailboxStatus {
        let command = "STATUS \(Self.name(mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)"
        try run(url: address.rootURL, command: command, context: .mailbox(mailbox))
        guard let found = IMAPResponseParser.status(in: curl.bodyLines + curl.responseLines),
              let uidValidity = found.uidValidity, let uidNext = found.uidNext else {
            throw IMAPError.commandFailed(command: "STATUS", serverReply: "réponse STATUS absente ou illisible")
        }
        return IMAPMailboxStatus(mailbox: mailbox, uidValidity: uidValidity, uidNext: uidNext, exists: found.messages ?? 0)
    }

    /// Creates `name` unless it exists. Returns true when it was created.
    @discardableResult
    public func createMailbox(_ name: String) throws -> Bool {
        do {
            try run(url: address.rootURL, command: "CREATE \(Self.name(name))", context: .command("CREATE", target: name))
        } catch let error as IMAPError {
            guard case .commandFailed = error else { throw error }
            // libcurl reports NO as error 21; an existing mailbox is fine.
            if (try? status(of: name)) != nil { return false }
            throw error
        }
        try? run(url: address.rootURL, command: "SUBSCRIBE \(Self.name(name))", context: .command("SUBSCRIBE", target: name))
        logger.info("IMAP mailbox created", metadata: ["mailbox": "\(name)"])
        return true
    }

    /// Deletes a mailbox and its messages.
    public func deleteMailbox(_ name: String) throws {
        if name == selectedMailbox { selectedMailbox = address.mailbox }
        try? run(url: address.rootURL, command: "UNSUBSCRIBE \(Self.name(name))", context: .command("UNSUBSCRIBE", target: name))
        try run(url: address.rootURL, command: "DELETE \(Self.name(name))", context: .mailbox(name))
    }

    /// The server's capabilities after login, upper-cased (asked once per client).
    public func capabilities() throws -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        try run(url: address.rootURL, command: "CAPABILITY", context: .command("CAPABILITY", target: nil))
        let found = IMAPResponseParser.capabilities(in: curl.bodyLines) ?? IMAPResponseParser.capabilities(in: curl.responseLines) ?? []
        cachedCapabilities = found
        return found
    }

    // MARK: Messages of the current mailbox

    /// Messages whose UID is greater than `uid`, in UID order, with size and flags.
    /// One `UID SEARCH` round trip when nothing is new (plus CAPABILITY once per client), then one
    /// `UID FETCH` per `listingPageSize` messages: libcurl counts every response line as a header and
    /// fails a transfer beyond 300 KB of them, so a single `UID FETCH n:*` breaks at a few thousand messages.
    public func uids(after uid: UInt32) throws -> [IMAPMessageSummary] {
        guard uid < UInt32.max else { return [] }
        let url = address.url(mailbox: selectedMailbox)
        let range = "\(uid + 1):*"
        var found: [UInt32]
        if try capabilities().contains("ESEARCH") {
            try run(url: url, command: "UID SEARCH RETURN (ALL) UID \(range)", context: .mailbox(selectedMailbox))
            found = IMAPResponseParser.esearchAll(in: curl.bodyLines) ?? []
        } else {
            try run(url: url, command: "UID SEARCH UID \(range)", context: .mailbox(selectedMailbox))
            found = IMAPResponseParser.searchResults(in: curl.bodyLines)
        }
        // `n:*` also matches the last message when its UID is below n.
        found = Array(Set(found.filter { $0 > uid })).sorted()
        var byUID: [UInt32: IMAPMessageSummary] = [:]
        var start = 0
        while start < found.count {
            let page = Array(found[start..<min(start + Self.listingPageSize, found.count)])
            start += page.count
            try run(url: url, command: "UID FETCH \(IMAPResponseParser.uidSet(page)) (UID RFC822.SIZE FLAGS)",
                    context: .mailbox(selectedMailbox))
            for summary in IMAPResponseParser.fetchSummaries(in: curl.bodyLines) where summary.uid > uid {
                byUID[summary.uid] = summary
            }
        }
        return byUID.values.sorted { $0.uid < $1.uid }
    }

    /// Messages listed per `UID FETCH` in `uids(after:)`.
    static let listingPageSize = 100

    /// Polls cheaply: STATUS first (one round trip), and the listing only when UIDNEXT shows new messages.
    public func newMessages(after uid: UInt32) throws -> (status: IMAPMailboxStatus, messages: [IMAPMessageSummary]) {
        let status = try status(of: selectedMailbox)
        guard status.uidNext > uid &+ 1 else { return (status, []) }
        return (status, try uids(after: uid))
    }

    /// The raw message (CRLF line ends, as the server sends it). A message that was unseen stays unseen.
    public func fetch(_ uid: UInt32) throws -> Data {
        try run(url: address.url(mailbox: selectedMailbox), command: "UID FETCH \(uid) (UID FLAGS)",
                context: .mailbox(selectedMailbox))
        guard let summary = IMAPResponseParser.fetchSummaries(in: curl.bodyLines).last(where: { $0.uid == uid }) else {
            throw IMAPError.messageNotFound(uid: uid, mailbox: selectedMailbox)
        }
        return try fetchBody(uid: uid, wasSeen: summary.isSeen)
    }

    /// Same as `fetch(_:)`, trusting the flags of a listing from `uids(after:)` (saves a round trip).
    /// With `restoreUnseen: false` the message is left \Seen; call `markUnseen(_:)` once for a whole batch.
    public func fetch(_ message: IMAPMessageSummary, restoreUnseen: Bool = true) throws -> Data {
        try fetchBody(uid: message.uid, wasSeen: message.isSeen || !restoreUnseen)
    }

    /// Clears \Seen on messages of the current mailbox (one round trip for the whole set).
    public func markUnseen(_ uids: [UInt32]) throws {
        guard !uids.isEmpty else { return }
        try run(url: address.url(mailbox: selectedMailbox),
                command: "UID STORE \(IMAPResponseParser.uidSet(uids)) -FLAGS.SILENT (\\Seen)",
                context: .command("UID STORE", target: nil))
    }

    private func fetchBody(uid: UInt32, wasSeen: Bool) throws -> Data {
        // libcurl's URL fetch uses BODY[] (which sets \Seen); a custom BODY.PEEK[] would not return the literal.
        do {
            try run(url: address.url(mailbox: selectedMailbox, uid: uid), command: nil,
                    context: .message(uid: uid, mailbox: selectedMailbox))
        } catch IMAPError.transferFailed(let code, _) where code == Int(CURLE_WEIRD_SERVER_REPLY.rawValue) {
            // Another client changed the mailbox (staff moved or deleted a mail): the server put an untagged
            // `* n EXPUNGE` (or EXISTS) before the FETCH data, which libcurl cannot parse (error 8). That notice is
            // consumed now; asking again gets the message, or "not found" when it was the one that went away.
            logger.notice("IMAP fetch retried after an unsolicited server response", metadata: ["uid": "\(uid)"])
            try run(url: address.url(mailbox: selectedMailbox, uid: uid), command: nil,
                    context: .message(uid: uid, mailbox: selectedMailbox))
        }
        let data = curl.sink.body
        if !wasSeen {
            try run(url: address.url(mailbox: selectedMailbox), command: "UID STORE \(uid) -FLAGS.SILENT (\\Seen)",
                    context: .command("UID STORE", target: nil))
        }
        return data
    }

    /// Moves messages of the current mailbox to `mailbox` (which must exist; see `createMailbox`).
    /// UID MOVE when the server has MOVE, else UID COPY + STORE \Deleted + (UID) EXPUNGE.
    public func move(_ uids: [UInt32], to mailbox: String) throws {
        guard !uids.isEmpty else { return }
        let set = IMAPResponseParser.uidSet(uids)
        let target = Self.name(mailbox)
        let url = address.url(mailbox: selectedMailbox)
        let caps = try capabilities()
        if configuration.useMoveExtension && caps.contains("MOVE") {
            try run(url: url, command: "UID MOVE \(set) \(target)", context: .command("UID MOVE", target: mailbox))
        } else {
            try run(url: url, command: "UID COPY \(set) \(target)", context: .command("UID COPY", target: mailbox))
            try run(url: url, command: "UID STORE \(set) +FLAGS.SILENT (\\Deleted)", context: .command("UID STORE", target: nil))
            if caps.contains("UIDPLUS") {
                try run(url: url, command: "UID EXPUNGE \(set)", context: .command("UID EXPUNGE", target: nil))
            } else {
                try run(url: url, command: "EXPUNGE", context: .command("EXPUNGE", target: nil))
            }
        }
        logger.info("IMAP messages moved", metadata: ["count": "\(uids.count)", "to": "\(mailbox)"])
    }

    /// Stores a message in `mailbox` (IMAP APPEND; libcurl marks it \Seen). Returns its UID when the server says (UIDPLUS).
    @discardableResult
    public func append(_ message: Data, to mailbox: String) throws -> UInt32? {
        try run(url: address.url(mailbox: mailbox), command: nil, upload: message, context: .mailbox(mailbox))
        return IMAPResponseParser.appendUID(in: curl.responseLines)
    }

    // MARK: Transfers

    enum Context {
        case mailbox(String)
        case message(uid: UInt32, mailbox: String)
        case command(String, target: String?)
    }

    /// A mailbox name as an IMAP quoted string, in modified UTF-7.
    static func name(_ mailbox: String) -> String {
        IMAPResponseParser.quoted(ModifiedUTF7.encode(mailbox))
    }

    private func run(url: String, command: String?, upload: Data? = nil, context: Context) throws {
        renewHandleIfNeeded()
        defer { headerBytesOnHandle += curl.sink.headers.count }
        curl.sink.reset()
        curl.set(CURLOPT_URL, url)
        curl.set(CURLOPT_CUSTOMREQUEST, command)
        if let upload {
            curl.sink.upload = upload
            curl.set(CURLOPT_UPLOAD, 1)
            curl.setSize(CURLOPT_INFILESIZE_LARGE, upload.count)
        }
        defer { if upload != nil { curl.set(CURLOPT_UPLOAD, 0) } }
        logger.debug("IMAP request", metadata: ["command": "\(command.map { String($0.prefix(60)) } ?? "FETCH/APPEND")"])
        let result = curl.perform()
        logger.trace("IMAP transfer", metadata: ["curl": "\(result.code.rawValue)", "responseBytes": "\(curl.sink.headers.count)",
                                                 "bodyBytes": "\(curl.sink.body.count)", "handleBytes": "\(headerBytesOnHandle)"])
        guard !result.isOK else { return }
        let error = mapError(result, context: context)
        logger.debug("IMAP request failed", metadata: ["curl": "\(result.code.rawValue)", "detail": "\(result.errorText)"])
        throw error
    }

    private func mapError(_ result: CurlResult, context: Context) -> IMAPError {
        let reply = IMAPResponseParser.taggedFailure(in: curl.responseLines)
        let host = address.host
        let detail = result.errorText
        let mailbox: String
        switch context {
        case let .mailbox(name): mailbox = name
        case let .message(_, name): mailbox = name
        case let .command(_, target): mailbox = target ?? selectedMailbox
        }
        switch Int(result.code.rawValue) {
        case 67:
            // libcurl reports a refused SELECT with the login error code.
            if detail.localizedCaseInsensitiveContains("select") { return .mailboxNotFound(mailbox: mailbox, serverReply: reply) }
            return .authenticationFailed(username: configuration.username, serverReply: reply)
        case 60, 51: return .certificateNotTrusted(host: host, detail: detail)
        case 77: return .caFileUnreadable(path: configuration.caFile ?? "")
        case 35, 58, 59, 83, 90, 91: return .tlsHandshakeFailed(host: host, detail: detail)
        case 64: return .tlsRequired(host: host)
        case 5, 6, 7, 28: return .unreachable(host: host, detail: detail)
        case 52, 55, 56: return .connectionLost(host: host, detail: detail)
        case 3: return .invalidConfiguration(detail: "URL refusée par libcurl : \(detail)")
        case 78:
            if case let .message(uid, name) = context { return .messageNotFound(uid: uid, mailbox: name) }
            return .mailboxNotFound(mailbox: mailbox, serverReply: reply)
        case 21:
            switch context {
            case .mailbox, .message:
                return .mailboxNotFound(mailbox: mailbox, serverReply: reply)
            case let .command(command, target):
                if let target, let reply, reply.uppercased().contains("TRYCREATE") {
                    return .mailboxNotFound(mailbox: target, serverReply: reply)
                }
                return .commandFailed(command: command, serverReply: reply)
            }
        default:
            return .transferFailed(curlCode: Int(result.code.rawValue), detail: detail)
        }
    }
}

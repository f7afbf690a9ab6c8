import CCurl
import CoopmailCurl
import Foundation
import Logging

/// An IMAP session: libcurl connects, negotiates TLS (or STARTTLS), checks the certificate and logs in; the commands
/// then go over that connection (see `IMAPConnection`), several per round trip where the protocol allows.
///
/// Like IMAP itself it has a current mailbox: `select(_:)` chooses it (initially the URL's path, or INBOX),
/// and `uids(after:)`, `fetch(_:)` and `move(_:to:)` work on it. Messages are read with `BODY.PEEK[]`: fetching
/// never marks a message read. The connection opens on first use. Not thread-safe: one task at a time.
public final class IMAPClient {
    public let configuration: IMAPConfiguration
    /// The mailbox `uids(after:)`, `fetch(_:)` and `move(_:to:)` work on.
    public private(set) var selectedMailbox: String
    /// Largest message `fetch` accepts (bigger ones should be skipped by their listed size).
    public var maxMessageBytes: Int
    private let address: IMAPServerAddress
    private let logger: Logger
    private var curl: CurlEasy?
    private var connection: IMAPConnection?
    /// The mailbox SELECTed on the server, when it is `selectedMailbox`'s status that was last read.
    private var openedMailbox: String?
    private var cachedCapabilities: Set<String>?
    /// Counts the connections opened by this client.
    private var connectionNumber = 0

    public init(
        configuration: IMAPConfiguration, maxMessageBytes: Int = 512 << 20,
        logger: Logger = Logger(label: "coopmail.imap")
    ) throws {
        self.configuration = configuration
        self.maxMessageBytes = maxMessageBytes
        self.logger = logger
        address = try IMAPServerAddress(parsing: configuration.url)
        selectedMailbox = address.mailbox
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw IMAPError.caFileUnreadable(path: caFile)
        }
    }

    deinit { logout() }

    // MARK: Connection

    /// The logged-in connection, opened now if needed (TCP, TLS, login: done by libcurl).
    private func open() throws -> IMAPConnection {
        if let connection, connection.isUsable { return connection }
        close()
        guard let curl = CurlEasy() else {
            throw IMAPError.transferFailed(
                curlCode: Int(CURLE_FAILED_INIT.rawValue), detail: "initialisation de libcurl impossible")
        }
        curl.set(CURLOPT_URL, address.rootURL)
        curl.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        curl.set(CURLOPT_USERNAME, configuration.username)
        if let token = configuration.bearerToken {
            curl.set(CURLOPT_XOAUTH2_BEARER, token)
            curl.set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
            curl.set(CURLOPT_SASL_IR, 1)
        } else {
            curl.set(CURLOPT_PASSWORD, configuration.password)
        }
        let tls = address.implicitTLS || !configuration.allowPlaintext ? CURLUSESSL_ALL : CURLUSESSL_NONE
        curl.set(CURLOPT_USE_SSL, Int(tls.rawValue))
        curl.setTrust(caFile: configuration.caFile)
        curl.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyCertificate ? 1 : 0)
        curl.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyCertificate ? 2 : 0)
        curl.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        curl.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(configuration.stallTimeout)))
        curl.set(CURLOPT_CONNECT_ONLY, 1)
        let result = curl.perform()
        guard result.isOK else {
            let error = mapConnectError(result, curl: curl)
            logger.debug(
                "IMAP connection failed",
                metadata: ["curl": "\(result.code.rawValue)", "detail": "\(result.errorText)"])
            throw error
        }
        let connection = IMAPConnection(
            curl: curl, host: address.host, timeout: configuration.stallTimeout,
            maxLiteralBytes: maxMessageBytes + 64 * 1024)
        self.curl = curl
        self.connection = connection
        connectionNumber += 1
        openedMailbox = nil
        logger.debug("IMAP connected", metadata: ["host": "\(address.host)"])
        return connection
    }

    /// Says LOGOUT (when the connection still works) and closes it. The next command reconnects.
    public func logout() {
        if let connection, connection.isUsable {
            _ = try? connection.execute("LOGOUT")
        }
        close()
    }

    /// Drops the connection (libcurl's cleanup closes the socket; after our LOGOUT its own fails at once).
    private func close() {
        wantedBodies.removeAll()
        arrivedBodies.removeAll()
        connection = nil
        openedMailbox = nil
        cachedCapabilities = nil
        curl = nil
    }

    /// Runs one command and returns its tagged OK answer; a NO/BAD answer becomes the error `refused` makes of it.
    @discardableResult
    private func run(
        _ command: String, literal: Data? = nil, refused: (IMAPResponse) -> IMAPError,
        onUntagged: (IMAPResponse) throws -> Void = { _ in }
    ) throws -> IMAPResponse {
        let connection = try open()
        logger.debug("IMAP request", metadata: ["command": "\(command.prefix(60))"])
        do {
            return try connection.execute(command, literal: literal) { try self.untagged($0, other: onUntagged) }
        } catch let refusal as IMAPConnection.Refusal {
            logger.debug("IMAP request refused", metadata: ["reply": "\(refusal.response.statusText)"])
            throw refused(refusal.response)
        }
    }

    private func failed(_ command: String) -> (IMAPResponse) -> IMAPError {
        { .commandFailed(command: command, serverReply: $0.statusText) }
    }

    private func missing(_ mailbox: String) -> (IMAPResponse) -> IMAPError {
        { .mailboxNotFound(mailbox: mailbox, serverReply: $0.statusText) }
    }

    // MARK: Mailboxes

    /// Makes `mailbox` the current one (one SELECT round trip) and returns its UIDVALIDITY, UIDNEXT and message count.
    @discardableResult
    public func select(_ mailbox: String) throws -> IMAPMailboxStatus {
        var found = MailboxCounters()
        openedMailbox = nil
        try run("SELECT \(Self.name(mailbox))", refused: missing(mailbox)) { found.read($0) }
        guard let uidValidity = found.uidValidity, let uidNext = found.uidNext else {
            throw IMAPError.incompleteReply(command: "SELECT", missing: ["UIDVALIDITY", "UIDNEXT"])
        }
        selectedMailbox = mailbox
        openedMailbox = mailbox
        return IMAPMailboxStatus(
            mailbox: mailbox, uidValidity: uidValidity, uidNext: uidNext, exists: found.exists ?? 0)
    }

    /// UIDVALIDITY, UIDNEXT and message count of any mailbox, without changing the current one.
    public func status(of mailbox: String) throws -> IMAPMailboxStatus {
        var lines: [String] = []
        try run("STATUS \(Self.name(mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)", refused: missing(mailbox)) {
            lines.append($0.text)
        }
        guard let found = IMAPResponseParser.status(in: lines), let uidValidity = found.uidValidity,
            let uidNext = found.uidNext
        else {
            throw IMAPError.incompleteReply(command: "STATUS", missing: ["MESSAGES", "UIDNEXT", "UIDVALIDITY"])
        }
        return IMAPMailboxStatus(
            mailbox: mailbox, uidValidity: uidValidity, uidNext: uidNext, exists: found.messages ?? 0)
    }

    /// Creates `name` unless it exists. Returns true when it was created.
    @discardableResult
    public func createMailbox(_ name: String) throws -> Bool {
        do {
            try run("CREATE \(Self.name(name))", refused: failed("CREATE"))
        } catch let error as IMAPError {
            guard case .commandFailed = error else { throw error }
            if (try? status(of: name)) != nil { return false }
            throw error
        }
        _ = try? run("SUBSCRIBE \(Self.name(name))", refused: failed("SUBSCRIBE"))
        logger.info("IMAP mailbox created", metadata: ["mailbox": "\(name)"])
        return true
    }

    /// Deletes a mailbox and its messages.
    public func deleteMailbox(_ name: String) throws {
        if name == selectedMailbox || name == openedMailbox {
            _ = try? run("UNSELECT", refused: failed("UNSELECT"))
            openedMailbox = nil
            selectedMailbox = address.mailbox
        }
        _ = try? run("UNSUBSCRIBE \(Self.name(name))", refused: failed("UNSUBSCRIBE"))
        try run("DELETE \(Self.name(name))", refused: missing(name))
    }

    /// The server's capabilities after login, upper-cased (asked once per connection).
    public func capabilities() throws -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        var lines: [String] = []
        try run("CAPABILITY", refused: failed("CAPABILITY")) { lines.append($0.text) }
        let found = IMAPResponseParser.capabilities(in: lines) ?? []
        cachedCapabilities = found
        return found
    }

    // MARK: Messages of the current mailbox

    private func ensureSelected() throws {
        if openedMailbox != selectedMailbox || connection?.isUsable != true { try select(selectedMailbox) }
    }

    /// Messages whose UID is greater than `uid`, in UID order, with size, flags and INTERNALDATE: one `UID FETCH` round
    /// trip.
    public func uids(after uid: UInt32) throws -> [IMAPMessageSummary] {
        guard uid < UInt32.max else { return [] }
        try ensureSelected()
        var byUID: [UInt32: IMAPMessageSummary] = [:]
        try run("UID FETCH \(uid + 1):* (UID RFC822.SIZE FLAGS INTERNALDATE)", refused: failed("UID FETCH")) {
            response in
            // `n:*` also matches the last message when its UID is below n.
            for summary in IMAPResponseParser.fetchSummaries(in: [response.text]) where summary.uid > uid {
                byUID[summary.uid] = summary
            }
        }
        return byUID.values.sorted { $0.uid < $1.uid }
    }

    /// Polls cheaply: one SELECT (UIDNEXT tells whether anything is new), and the listing only when there is.
    public func newMessages(after uid: UInt32) throws -> (status: IMAPMailboxStatus, messages: [IMAPMessageSummary]) {
        let status = try select(selectedMailbox)
        guard status.uidNext > uid &+ 1, status.exists > 0 else { return (status, []) }
        return (status, try uids(after: uid))
    }

    /// The raw message (CRLF line ends, as the server sends it). Its flags do not change.
    public func fetch(_ uid: UInt32) throws -> Data {
        var body: Data?
        try fetch([uid]) { _, data in body = data }
        guard let body else { throw IMAPError.messageNotFound(uid: uid, mailbox: selectedMailbox) }
        return body
    }

    /// Same as `fetch(_:)` for a message of a listing.
    public func fetch(_ message: IMAPMessageSummary) throws -> Data {
        try fetch(message.uid)
    }

    /// Fetches several messages in one `UID FETCH … BODY.PEEK[]`, handing each to `each` (in the server's order).
    /// Messages gone since the listing (moved or deleted by another client) are simply not handed over.
    public func fetch(_ uids: [UInt32], each: (UInt32, Data) throws -> Void) throws {
        for (uid, data) in try finishFetch(startFetch(uids)) { try each(uid, data) }
    }

    /// A `UID FETCH … BODY.PEEK[]` sent and not yet read: the server streams the messages while the caller does
    /// something else (stores the previous batch), and the next commands may go out before ``finishFetch(_:)``.
    public struct PendingFetch {
        let tag: String
        /// ``connectionNumber`` when it was sent: a reconnection in between means the answer is lost.
        let connection: Int
        public let uids: [UInt32]
    }

    /// Sends the fetch of `uids` without waiting for it.
    public func startFetch(_ uids: [UInt32]) throws -> PendingFetch {
        guard !uids.isEmpty else { return PendingFetch(tag: "", connection: 0, uids: []) }
        try ensureSelected()
        let connection = try open()
        wantedBodies.formUnion(uids)
        let tag = try connection.send("UID FETCH \(IMAPResponseParser.uidSet(uids)) (UID BODY.PEEK[])")
        return PendingFetch(tag: tag, connection: connectionNumber, uids: uids)
    }

    /// The messages of a pending fetch, in the order the server sent them.
    public func finishFetch(_ pending: PendingFetch) throws -> [(uid: UInt32, data: Data)] {
        guard !pending.uids.isEmpty else { return [] }
        let wanted = Set(pending.uids)
        defer {
            wantedBodies.subtract(wanted)
            arrivedBodies.removeAll { wanted.contains($0.uid) }
        }
        guard let connection, connection.isUsable, connectionNumber == pending.connection else {
            throw IMAPError.connectionLost(host: address.host, loss: .brokenDuringFetch)
        }
        do {
            try connection.complete(pending.tag) { try self.untagged($0, other: { _ in }) }
        } catch let refusal as IMAPConnection.Refusal {
            throw IMAPError.commandFailed(command: "UID FETCH", serverReply: refusal.response.statusText)
        }
        var seen = Set<UInt32>()
        return arrivedBodies.filter { wanted.contains($0.uid) && seen.insert($0.uid).inserted }
    }

    /// UIDs of pending fetches, and the bodies that came back for them (whichever command was being read).
    private var wantedBodies = Set<UInt32>()
    private var arrivedBodies: [(uid: UInt32, data: Data)] = []

    /// Routes an untagged response: a message body of a pending fetch is kept; anything else goes to `other`.
    private func untagged(_ response: IMAPResponse, other: (IMAPResponse) throws -> Void) throws {
        if !wantedBodies.isEmpty, let body = response.literals.first,
            let items = IMAPResponseParser.fetchItems(response.text),
            let uid = items["UID"]?.first.flatMap({ UInt32($0) }), wantedBodies.contains(uid)
        {
            arrivedBodies.append((uid, body))
            return
        }
        // Unsolicited FETCH responses (flags changed by another client) carry no body and land here.
        try other(response)
    }

    /// Adds flags (e.g. `\\Seen`) to messages of the current mailbox, as a mail program does when a message is read.
    public func addFlags(_ flags: [String], to uids: [UInt32]) throws {
        guard !uids.isEmpty, !flags.isEmpty else { return }
        try ensureSelected()
        let list = flags.filter { $0.allSatisfy { $0.isLetter || $0 == "\\" } }.joined(separator: " ")
        try run("UID STORE \(IMAPResponseParser.uidSet(uids)) +FLAGS.SILENT (\(list))", refused: failed("UID STORE"))
    }

    /// Moves messages of the current mailbox to `mailbox` (which must exist; see `createMailbox`).
    /// UID MOVE when the server has MOVE, else UID COPY + STORE \Deleted + (UID) EXPUNGE.
    public func move(_ uids: [UInt32], to mailbox: String) throws {
        guard !uids.isEmpty else { return }
        try ensureSelected()
        let set = IMAPResponseParser.uidSet(uids)
        let target = Self.name(mailbox)
        let caps = try capabilities()
        let refused: (String) -> (IMAPResponse) -> IMAPError = { command in
            { response in
                response.responseCode?.uppercased().hasPrefix("TRYCREATE") == true
                    ? .mailboxNotFound(mailbox: mailbox, serverReply: response.statusText)
                    : .commandFailed(command: command, serverReply: response.statusText)
            }
        }
        if configuration.useMoveExtension && caps.contains("MOVE") {
            try run("UID MOVE \(set) \(target)", refused: refused("UID MOVE"))
        } else {
            try run("UID COPY \(set) \(target)", refused: refused("UID COPY"))
            try run("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", refused: failed("UID STORE"))
            if caps.contains("UIDPLUS") {
                try run("UID EXPUNGE \(set)", refused: failed("UID EXPUNGE"))
            } else {
                try run("EXPUNGE", refused: failed("EXPUNGE"))
            }
        }
        logger.info("IMAP messages moved", metadata: ["count": "\(uids.count)", "to": "\(mailbox)"])
    }

    /// Stores a message in `mailbox` (IMAP APPEND) with `flags` (e.g. `\\Seen`; none: unread).
    /// Returns its UID when the server says (UIDPLUS).
    @discardableResult
    public func append(_ message: Data, to mailbox: String, flags: [String] = []) throws -> UInt32? {
        let flagList =
            flags.isEmpty
            ? "" : " (" + flags.filter { $0.allSatisfy { $0.isLetter || $0 == "\\" } }.joined(separator: " ") + ")"
        let answer = try run(
            "APPEND \(Self.name(mailbox))\(flagList)", literal: message,
            refused: { response in
                response.responseCode?.uppercased().hasPrefix("TRYCREATE") == true
                    ? .mailboxNotFound(mailbox: mailbox, serverReply: response.statusText)
                    : .commandFailed(command: "APPEND", serverReply: response.statusText)
            })
        return IMAPResponseParser.appendUID(in: [answer.text])
    }

    /// A mailbox name as an IMAP quoted string, in modified UTF-7.
    static func name(_ mailbox: String) -> String {
        IMAPResponseParser.quoted(ModifiedUTF7.encode(mailbox))
    }

    // MARK: Errors

    private func mapConnectError(_ result: CurlResult, curl: CurlEasy) -> IMAPError {
        let reply = IMAPResponseParser.taggedFailure(in: curl.responseLines)
        let host = address.host
        let detail = result.errorText
        switch Int(result.code.rawValue) {
        case 67: return .authenticationFailed(username: configuration.username, serverReply: reply)
        case 60, 51: return .certificateNotTrusted(host: host, detail: detail)
        case 77: return .caFileUnreadable(path: configuration.caFile ?? "")
        case 35, 58, 59, 83, 90, 91: return .tlsHandshakeFailed(host: host, detail: detail)
        case 64: return .tlsRequired(host: host)
        case 5, 6, 7, 28: return .unreachable(host: host, detail: detail)
        case 52, 55, 56: return .connectionLost(host: host, loss: .transfer(detail))
        case 3: return .urlRefused(detail: detail)
        default: return .transferFailed(curlCode: Int(result.code.rawValue), detail: detail)
        }
    }
}

/// The counters a SELECT answer carries (`* 3 EXISTS`, `* OK [UIDVALIDITY 17]`, `* OK [UIDNEXT 4]`).
struct MailboxCounters {
    var exists: Int?
    var uidValidity: UInt32?
    var uidNext: UInt32?

    mutating func read(_ response: IMAPResponse) {
        let words = response.text.split(separator: " ")
        if words.count >= 3, words[2].uppercased() == "EXISTS" { exists = Int(words[1]) }
        guard let code = response.responseCode else { return }
        let parts = code.split(separator: " ")
        guard parts.count == 2 else { return }
        switch parts[0].uppercased() {
        case "UIDVALIDITY": uidValidity = UInt32(parts[1])
        case "UIDNEXT": uidNext = UInt32(parts[1])
        default: break
        }
    }
}

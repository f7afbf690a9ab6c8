/// Decides whether coopmail may answer a mail automatically (RFC 3834): never to automatic mail, bounces, mailing
/// lists, bulk mail, robots or itself, and at most ``maxRepliesPerDay`` mails per address per day.
public struct ReplyPolicy: Hashable, Sendable {
    /// Most automatic mails sent to one address in one day.
    public var maxRepliesPerDay: Int
    /// coopmail's own addresses (lower case), never answered.
    public var ownAddresses: Set<String>

    public init(maxRepliesPerDay: Int = 3, ownAddresses: [String] = []) {
        self.maxRepliesPerDay = maxRepliesPerDay
        self.ownAddresses = Set(ownAddresses.map(Mailbox.normalize))
    }

    /// - Parameters:
    ///   - headers: the incoming mail's header fields, in any case, values possibly folded.
    ///   - envelopeSender: the SMTP envelope sender (Return-Path) when known; `""` or `<>` for a bounce.
    ///   - repliesSentToday: how many automatic mails were already sent today to the address that would be answered.
    public func decide(headers: [(name: String, value: String)], envelopeSender: String?, repliesSentToday: Int)
        -> ReplyDecision
    {
        func values(_ name: String) -> [String] {
            headers.filter { $0.name.trimmingBlanks().lowercased() == name }.map { HeaderSafety.singleLine($0.value) }
        }
        func first(_ name: String) -> String? { values(name).first }

        let returnPath = envelopeSender ?? first("return-path")
        if let rp = returnPath, Mailbox.normalize(rp).isEmpty { return .refused(.bounce) }
        for value in values("auto-submitted") {
            let token =
                value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "(" }).first.map { $0.lowercased() } ?? ""
            if token != "no" { return .refused(.autoSubmitted(value)) }
        }
        if let ct = first("content-type"), ct.lowercased().hasPrefix("multipart/report") { return .refused(.bounce) }
        if !values("list-id").isEmpty || !values("list-unsubscribe").isEmpty || !values("list-post").isEmpty {
            return .refused(.mailingList)
        }
        for value in values("precedence") where ["bulk", "list", "junk"].contains(value.lowercased()) {
            return .refused(.bulk(value))
        }
        if values("x-auto-response-suppress").contains(where: { $0.lowercased() != "none" && !$0.isEmpty })
            || !values("x-autoreply").isEmpty || !values("x-autorespond").isEmpty
        {
            return .refused(.responseSuppressed)
        }
        var senders: [String] = []
        if let rp = returnPath { senders.append(Mailbox.normalize(rp)) }
        for from in values("from") + values("sender") + values("reply-to") {
            if let m = Mailbox(parsing: from) { senders.append(Mailbox.normalize(m.address)) }
        }
        for address in senders {
            if Self.isRobot(address) { return .refused(.robotSender(address)) }
            if ownAddresses.contains(address) { return .refused(.ownAddress) }
        }
        if repliesSentToday >= maxRepliesPerDay { return .refused(.rateLimit(limit: maxRepliesPerDay)) }
        return .allowed
    }

    /// no-reply, noreply, do-not-reply, MAILER-DAEMON, postmaster (and their `+tag` forms).
    public static func isRobot(_ address: String) -> Bool {
        let local = Mailbox.normalize(address).split(separator: "@").first.map(String.init) ?? ""
        let base = local.split(separator: "+").first.map(String.init) ?? local
        let squashed = base.filter { $0 != "-" && $0 != "_" && $0 != "." }
        return squashed.hasPrefix("noreply") || squashed.hasPrefix("donotreply") || squashed == "mailerdaemon"
            || squashed == "postmaster" || squashed.hasSuffix("noreply")
    }
}

import Foundation

/// Builds the raw RFC 5322 bytes of an outcome mail: a UTF-8 plain-text body in quoted-printable, RFC 2047 subject and
/// display names when not ASCII, and the headers of an automatic reply (RFC 3834).
///
/// Header injection is impossible by construction: addresses and the caller's Message-ID are validated (an unsafe one
/// throws ``OutcomeMessageError``); In-Reply-To and References entries that are not clean message-ids are dropped;
/// the subject and display names (often copied from the incoming mail) lose every control character.
public struct OutcomeMessage: Hashable, Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var replyTo: Mailbox?
    public var subject: String
    /// Plain text, lines separated by `\n`.
    public var body: String
    /// Stable per outcome, e.g. `<outcome-42@occe.coop>`, so a resend is recognised as the same message.
    public var messageID: String
    public var date: Date
    /// Time zone the `Date:` header is written in.
    public var timeZone: TimeZone
    /// The mandataire's Message-ID.
    public var inReplyTo: String?
    /// The mandataire's References header, split; `inReplyTo` is appended when absent.
    public var references: [String]

    public init(
        from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, body: String, messageID: String,
        date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, inReplyTo: String? = nil,
        references: [String] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
        self.timeZone = timeZone
        self.inReplyTo = inReplyTo
        self.references = references
    }

    /// At most this many message-ids are kept in References (the most recent).
    public static let maxReferences = 10

    /// The message, CRLF line endings, ASCII only.
    public func encoded() throws -> String {
        guard !to.isEmpty else { throw OutcomeMessageError.noRecipient }
        guard let id = HeaderSafety.normalizedMessageID(messageID) else { throw OutcomeMessageError.invalidMessageID }
        var headers: [String] = []
        headers.append("From: " + (try Self.mailbox(from, field: "From")))
        headers.append(Self.fold(name: "To", items: try to.map { try Self.mailbox($0, field: "To") }, separator: ","))
        if let replyTo { headers.append("Reply-To: " + (try Self.mailbox(replyTo, field: "Reply-To"))) }
        headers.append(Self.subjectHeader(subject))
        headers.append("Date: " + RFC5322Date.format(date, timeZone: timeZone))
        headers.append("Message-ID: " + id)
        let parent = inReplyTo.flatMap(HeaderSafety.normalizedMessageID)
        var refs = references.flatMap { $0.split(whereSeparator: \.isWhitespace) }
            .compactMap { HeaderSafety.normalizedMessageID(String($0)) }
        if let parent {
            headers.append("In-Reply-To: " + parent)
            if refs.last != parent {
                refs.removeAll { $0 == parent }
                refs.append(parent)
            }
        }
        if !refs.isEmpty {
            headers.append(Self.fold(name: "References", items: Array(refs.suffix(Self.maxReferences)), separator: ""))
        }
        headers.append("Auto-Submitted: auto-replied")
        headers.append("X-Auto-Response-Suppress: All")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        return headers.map { $0 + "\r\n" }.joined() + "\r\n" + QuotedPrintable.encode(body)
    }

    /// The message's bytes, ready for SMTP `DATA` (the SMTP client still dot-stuffs).
    public func bytes() throws -> [UInt8] { Array(try encoded().utf8) }

    // MARK: headers

    /// The subject on one line, as it is when plain ASCII, else as UTF-8 encoded words; folded by GMime.
    static func subjectHeader(_ subject: String) -> String {
        let clean = HeaderSafety.singleLine(subject)
        let value = EncodedWord.isPlain(clean) ? clean : EncodedWord.encode(clean).joined(separator: " ")
        return GMimeWriting.foldUnstructured("Subject: " + value)
    }

    /// A validated address with its display name made one line: a plain ASCII name is written by GMime (atoms or a
    /// quoted string); any other name as UTF-8 encoded words (GMime's own encoder picks a legacy charset, leaves a
    /// literal `=?…?=` as it is, and pads words it then cannot read back).
    static func mailbox(_ m: Mailbox, field: String) throws -> String {
        guard Mailbox.isValidAddress(m.address) else { throw OutcomeMessageError.invalidAddress(field: field) }
        guard let raw = m.name else { return m.address }
        let name = HeaderSafety.singleLine(raw)
        if name.isEmpty { return m.address }
        guard EncodedWord.isPlain(name) else {
            let words = EncodedWord.encode(name)
            // The address goes on a line of its own when it would push the last word's line past 78 characters.
            let fits = (words.last?.count ?? 0) + m.address.count + 6 <= 78
            return words.joined(separator: "\r\n ") + (fits ? " " : "\r\n ") + "<" + m.address + ">"
        }
        return GMimeWriting.mailbox(name: name, address: m.address)
    }

    /// `Name: item1, item2` folded before an item when a line would pass 78 characters.
    static func fold(name: String, items: [String], separator: String) -> String {
        var lines: [String] = []
        var current = name + ":"
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? separator : "")
            if current.count + 1 + piece.count > 78 && current != name + ":" {
                lines.append(current)
                current = ""
            }
            current += " " + piece
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }
}

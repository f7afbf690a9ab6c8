import Foundation

extension OutcomeMessage {
    /// A message carrying a rendered template's subject and body.
    public init(
        rendered: RenderedMail, from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, messageID: String, date: Date,
        timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, inReplyTo: String? = nil, references: [String] = []
    ) {
        self.init(
            from: from, to: to, replyTo: replyTo, subject: rendered.subject, body: rendered.body, messageID: messageID,
            date: date, timeZone: timeZone, inReplyTo: inReplyTo, references: references)
    }

    /// A stable Message-ID for one outcome, `<outcome-ID@domain>`: characters of `outcomeID` other than letters, digits,
    /// `-`, `_` and `.` are dropped, so the same outcome always gets the same, safe identifier.
    public static func messageID(outcomeID: String, domain: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let id = outcomeID.filter(safe.contains)
        let host = domain.filter(safe.contains)
        return "<outcome-\(id.isEmpty ? "0" : id)@\(host.isEmpty ? "localhost" : host)>"
    }
}

import Foundation

/// Splits a reply's body into what the sender wrote and what it quotes of an earlier mail of the thread.
///
/// Quoted: lines that start with `>`, and everything from an attribution line (« Le … a écrit : », « On … wrote: »,
/// which Gmail may wrap over two lines) on. In a reply (subject « Re: », « RE : », « AW: »…), also everything from
/// Outlook's header block (« De : … » followed by « Envoyé : » / « Sent: » / « Date : ») or « -----Original
/// Message----- » on. A forward's header block is not a quote: the forwarded mail is what the sender passes on.
///
/// What a mail quotes was written by someone else — another mandataire, the association — so a cooperative number
/// found there is not the sender's claim (``CooperativeMatcher`` weighs it as a supporting signal only).
public enum ReplyQuote {
    public struct Split: Equatable, Sendable {
        /// The sender's own text.
        public var own: String
        /// The quoted text of earlier mails.
        public var quoted: String
    }

    /// At most this many characters are looked at line by line; the rest counts as the sender's text.
    static let scanLimit = 200_000

    public static func split(body: String, subject: String) -> Split {
        guard body.contains(">") || body.contains("écrit") || body.contains("wrote") || isReply(subject) else {
            return Split(own: body, quoted: "")
        }
        let reply = isReply(subject)
        let lines = body.prefix(scanLimit).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var own: [Substring] = []
        var quoted: [Substring] = []
        var rest = false
        for (i, line) in lines.enumerated() {
            if rest {
                quoted.append(line)
                continue
            }
            let t = line.trimmingCharacters(in: .whitespaces)
            let lower = t.lowercased()
            if t.hasPrefix(">") {
                quoted.append(line)
                continue
            }
            let next = i + 1 < lines.count ? lines[i + 1].trimmingCharacters(in: .whitespaces).lowercased() : ""
            if isAttribution(lower) || (lower.hasPrefix("le ") && isAttributionEnd(next))
                || (lower.hasPrefix("on ") && next.hasSuffix("wrote:"))
            {
                rest = true
                quoted.append(line)
                continue
            }
            if reply && (isOriginalMarker(lower) || isHeaderBlock(lower, following: lines.dropFirst(i + 1).prefix(3))) {
                rest = true
                quoted.append(line)
                continue
            }
            own.append(line)
        }
        var ownText = own.joined(separator: "\n")
        if body.count > scanLimit { ownText += String(body.dropFirst(scanLimit)) }
        return Split(own: ownText, quoted: quoted.joined(separator: "\n"))
    }

    /// « Re: », « RE : », « Réf. : », « AW: », « SV: », also after a tag such as « [OCCE] ».
    public static func isReply(_ subject: String) -> Bool {
        var s = Substring(subject.trimmingCharacters(in: .whitespaces).lowercased())
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            s = s[s.index(after: close)...].drop(while: { $0 == " " })
        }
        guard let colon = s.firstIndex(of: ":") else { return false }
        let prefix = s[..<colon].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: .init(charactersIn: "."))
        return ["re", "ré", "réf", "ref", "rép", "rep", "aw", "sv", "antw", "r"].contains(prefix)
    }

    static func isAttribution(_ lower: String) -> Bool {
        ((lower.hasPrefix("le ") || lower.hasPrefix("le,")) && isAttributionEnd(lower))
            || (lower.hasPrefix("on ") && lower.hasSuffix("wrote:"))
    }

    static func isAttributionEnd(_ lower: String) -> Bool {
        lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:") || lower.hasSuffix("a écrit :")
    }

    static func isOriginalMarker(_ lower: String) -> Bool {
        lower.hasPrefix("-----") && (lower.contains("original message") || lower.contains("message d'origine"))
    }

    /// « De : X » (or « From: X ») followed within three lines by « Envoyé : », « Sent: » or « Date : ».
    static func isHeaderBlock(_ lower: String, following: ArraySlice<Substring>) -> Bool {
        guard lower.hasPrefix("de :") || lower.hasPrefix("de:") || lower.hasPrefix("from:") else { return false }
        return following.contains { l in
            let n = l.trimmingCharacters(in: .whitespaces).lowercased()
            return n.hasPrefix("envoyé :") || n.hasPrefix("envoyé:") || n.hasPrefix("sent:") || n.hasPrefix("date :")
                || n.hasPrefix("date:")
        }
    }
}

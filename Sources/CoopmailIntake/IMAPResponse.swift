import Foundation

/// One server response: its text (continuation lines joined, each literal's `{n}` marker kept) and its literals.
///
/// `* 3 FETCH (UID 12 BODY[] {4096}` + 4,096 bytes + `)` is the text `* 3 FETCH (UID 12 BODY[] {4096})`
/// with one literal of 4,096 bytes.
public struct IMAPResponse: Sendable {
    public var text: String
    public var literals: [Data]

    public init(text: String, literals: [Data] = []) {
        self.text = text
        self.literals = literals
    }

    /// `* …`: data the server sends on its own or in answer to a command.
    public var isUntagged: Bool { text.hasPrefix("* ") || text == "*" }
    /// `+ …`: the server waits for the rest of a command (a literal).
    public var isContinuation: Bool { text.hasPrefix("+") }

    /// The tag of a tagged response (`c7 OK …` → `c7`).
    public var tag: Substring? {
        guard !isUntagged, !isContinuation, let space = text.firstIndex(of: " ") else { return nil }
        return text[..<space]
    }

    /// `OK`, `NO`, `BAD` (or `BYE`, `PREAUTH` for untagged) in upper case.
    public var status: String? {
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count >= 2 else { return nil }
        return words[1].uppercased()
    }

    /// What follows the status (`c7 NO [TRYCREATE] No such mailbox` → `[TRYCREATE] No such mailbox`).
    public var statusText: String {
        let words = text.split(separator: " ", maxSplits: 2)
        return words.count == 3 ? String(words[2]) : ""
    }

    /// The response code in brackets after the status, upper-cased words (`[APPENDUID 17 4]` → `APPENDUID 17 4`).
    public var responseCode: String? {
        let rest = statusText
        guard rest.hasPrefix("["), let end = rest.firstIndex(of: "]") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<end])
    }
}

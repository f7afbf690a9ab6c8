import Foundation

/// An e-mail as the rest of coopmail sees it: decoded headers, the readable body and every attachment,
/// including those of forwarded messages, and the problems that make it unsafe to process.
public struct ParsedMessage: Sendable {
    public var messageID: String?
    public var subject: String?
    public var fromName: String?
    public var fromAddress: String?
    public var returnPath: String?
    public var date: Date?
    public var inReplyTo: String?
    public var references: String?
    /// Top-level headers, decoded, in order (at most ``MIMELimits/maxHeaders``).
    public var headers: [Header]
    /// Plain text of the body and of forwarded messages' bodies (HTML reduced to text when no plain part).
    public var bodyText: String
    public var attachments: [ParsedAttachment]
    /// Reasons, in French, to quarantine the message (dangerous or not an e-mail). Empty when it can be processed.
    public var problems: [String]
    /// What could not be read in an otherwise usable message, in French, for staff and the mandataire (« pièce jointe
    /// « releve.pdf » incomplète (message tronqué) : à renvoyer »), and hostile names that were replaced.
    public var notes: [String] = []
    /// How many attachments were left out because they could not be read whole.
    public var lostParts = 0

    /// The reasons to quarantine the whole message: its problems, or, when nothing in it could be kept while some part
    /// was lost or the structure was damaged, its notes. Empty: process it (with its notes, if any).
    public var quarantineReasons: [String] {
        if !problems.isEmpty { return problems }
        if attachments.isEmpty && (lostParts > 0 || !notes.isEmpty) {
            return notes.isEmpty ? ["aucune pièce jointe lisible"] : notes
        }
        return []
    }

    public struct Header: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A message that cannot be processed, for the given reason.
    public static func broken(_ reason: String) -> ParsedMessage {
        ParsedMessage(headers: [], bodyText: "", attachments: [], problems: [reason])
    }

    public init(headers: [Header], bodyText: String, attachments: [ParsedAttachment], problems: [String]) {
        self.headers = headers
        self.bodyText = bodyText
        self.attachments = attachments
        self.problems = problems
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A file carried by a message: its bytes decoded, the name it was sent under (made safe), and the
/// media type the message declared (libmagic decides the real one later).
public struct ParsedAttachment: Sendable {
    /// A safe display name: last path component, no control characters; synthesised when absent.
    public var filename: String
    public var declaredType: String
    public var data: Data
    /// True when it came from a forwarded (message/rfc822) message.
    public var forwarded: Bool
}

/// Limits that protect the parser and the store from hostile mail (all configurable).
public struct MIMELimits: Sendable {
    public var maxParts: Int
    public var maxDepth: Int
    public var maxAttachmentBytes: Int
    public var maxHeaders: Int

    public init(
        maxParts: Int = 500, maxDepth: Int = 20, maxAttachmentBytes: Int = 50 * 1024 * 1024, maxHeaders: Int = 500
    ) {
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxAttachmentBytes = maxAttachmentBytes
        self.maxHeaders = maxHeaders
    }
}

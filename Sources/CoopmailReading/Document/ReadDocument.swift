/// Everything read from one attachment.
public struct ReadDocument: Hashable, Codable, Sendable {
    public var mediaType: String
    public var pages: [PageText]
    /// True when the attachment had more pages than the reader's limit (the extra pages are not listed).
    public var truncated: Bool

    public init(mediaType: String, pages: [PageText], truncated: Bool = false) {
        self.mediaType = mediaType
        self.pages = pages
        self.truncated = truncated
    }

    /// All pages' text, separated by form feeds.
    public var text: String { pages.map(\.text).joined(separator: "\u{0C}") }
}

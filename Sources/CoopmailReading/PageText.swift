/// Where a page's text came from.
public enum PageSource: String, Codable, Sendable {
    /// The PDF's own text layer (never OCR'd).
    case textLayer = "text_layer"
    /// Optical character recognition of a scanned page or an image.
    case ocr
    /// Nothing usable could be extracted.
    case unreadable
}

/// The text of one page of an attachment.
public struct PageText: Hashable, Codable, Sendable {
    /// 1-based page number inside the attachment.
    public var number: Int
    public var text: String
    public var source: PageSource
    /// Clockwise rotation (0, 90, 180, 270) applied before OCR to put the page upright.
    public var rotation: Int

    public init(number: Int, text: String, source: PageSource, rotation: Int = 0) {
        self.number = number; self.text = text; self.source = source; self.rotation = rotation
    }
}

/// Everything read from one attachment.
public struct ReadDocument: Hashable, Codable, Sendable {
    public var mediaType: String
    public var pages: [PageText]
    /// True when the attachment had more pages than the reader's limit (the extra pages are not listed).
    public var truncated: Bool

    public init(mediaType: String, pages: [PageText], truncated: Bool = false) {
        self.mediaType = mediaType; self.pages = pages; self.truncated = truncated
    }

    /// All pages' text, separated by form feeds.
    public var text: String { pages.map(\.text).joined(separator: "\u{0C}") }
}

import CoopmailDomain

/// A run of consecutive pages of one attachment that form one document of a single kind.
public struct DocumentSegment: Hashable, Codable, Sendable {
    public var kind: DocumentKind
    /// 1-based page numbers, consecutive.
    public var pages: [Int]
    /// The pages' text joined by form feeds.
    public var text: String
    /// Whether any page of the segment was read by OCR.
    public var ocr: Bool
    /// Whether every page of the segment defeated the extractors.
    public var unreadable: Bool

    public init(kind: DocumentKind, pages: [Int], text: String, ocr: Bool, unreadable: Bool) {
        self.kind = kind
        self.pages = pages
        self.text = text
        self.ocr = ocr
        self.unreadable = unreadable
    }
}

/// The text of one page of an attachment.
public struct PageText: Hashable, Codable, Sendable {
    /// 1-based page number inside the attachment.
    public var number: Int
    public var text: String
    public var source: PageSource
    /// Clockwise rotation (0, 90, 180, 270) applied before OCR to put the page upright.
    public var rotation: Int
    /// OCR only: tesseract's TSV of the recognition that gave `text` (the printed words' boxes, in pixels of the OCR
    /// raster turned by `rotation`; its page row gives that raster's size). The signature check takes the printed
    /// words from it instead of running tesseract again. A by-product of the reading: not encoded, not compared, and
    /// dropped by ``DocumentReader/readParts(_:mediaType:defaultDepartment:)`` once the signatures are checked.
    public var ocrWords: String?

    public init(number: Int, text: String, source: PageSource, rotation: Int = 0, ocrWords: String? = nil) {
        self.number = number
        self.text = text
        self.source = source
        self.rotation = rotation
        self.ocrWords = ocrWords
    }

    enum CodingKeys: String, CodingKey {
        case number, text, source, rotation
    }

    /// The same page as stored: the word boxes are left out.
    public static func == (a: PageText, b: PageText) -> Bool {
        a.number == b.number && a.text == b.text && a.source == b.source && a.rotation == b.rotation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(text)
        hasher.combine(source)
        hasher.combine(rotation)
    }
}

/// Where a page's text came from.
public enum PageSource: String, Codable, Sendable {
    /// The PDF's own text layer (never OCR'd).
    case textLayer = "text_layer"
    /// Optical character recognition of a scanned page or an image.
    case ocr
    /// Nothing usable could be extracted.
    case unreadable
}

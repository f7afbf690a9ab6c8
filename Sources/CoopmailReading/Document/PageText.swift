/// The text of one page of an attachment.
public struct PageText: Hashable, Codable, Sendable {
    /// 1-based page number inside the attachment.
    public var number: Int
    public var text: String
    public var source: PageSource
    /// Clockwise rotation (0, 90, 180, 270) applied before OCR to put the page upright.
    public var rotation: Int

    public init(number: Int, text: String, source: PageSource, rotation: Int = 0) {
        self.number = number
        self.text = text
        self.source = source
        self.rotation = rotation
    }
}

/// Reads one raster page for ``PageOCR``: tesseract's orientation of it, and its text turned a given way.
protocol PageRecognizer: Sendable {
    /// Whether ``orientation()`` can answer (tesseract's `osd` data is installed).
    var osdAvailable: Bool { get }
    /// A cheap first guess at the clockwise degrees that put the page upright (``OrientationHint``); nil when unsure
    /// or not available.
    func orientationHint() async -> Int?
    /// Clockwise degrees that put the page upright; nil when tesseract is unsure or fails.
    func orientation() async -> Int?
    /// The page's text turned `rotation` degrees clockwise; nil when nothing could be read.
    func recognise(rotation: Int) async -> String?
    /// The same reading with tesseract's TSV it was laid out from (the word boxes of that very recognition), when
    /// the recognizer has it: the signature check takes the printed words from it instead of running tesseract again.
    func recognition(rotation: Int) async -> PageRecognition?
}

/// One recognition of a page: its text and, when there is one, the TSV it came from (pixels of the raster as turned).
struct PageRecognition: Sendable {
    var text: String
    var tsv: String?
}

extension PageRecognizer {
    func recognition(rotation: Int) async -> PageRecognition? {
        await recognise(rotation: rotation).map { PageRecognition(text: $0, tsv: nil) }
    }

    /// Tesseract's orientation answers below this confidence are not trusted.
    static var minimumOrientationConfidence: Double { 1.0 }
}

extension PageRecognition {
    /// A recognizer's answer (TSV, or plain text from an older worker): its text laid out, and the TSV kept when it
    /// holds words. Nil when nothing was read.
    static func fromAnswer(_ answer: String) -> PageRecognition? {
        let laidOut = OCRLayout.text(fromTSV: answer)
        let text = laidOut ?? answer
        guard TextQuality.alphanumericCount(text) > 0 else { return nil }
        return PageRecognition(text: text, tsv: laidOut == nil ? nil : answer)
    }
}

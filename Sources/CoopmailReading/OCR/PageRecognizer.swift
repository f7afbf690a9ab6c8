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
}

extension PageRecognizer {
    /// Tesseract's orientation answers below this confidence are not trusted.
    static var minimumOrientationConfidence: Double { 1.0 }
}

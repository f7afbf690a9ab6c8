/// OCR of one raster page: puts it upright, then keeps tesseract `fra`'s text. The rotations tried, in order:
/// the cheap orientation guess when there is one, the page as it is, tesseract's orientation detection, then the
/// remaining rotations; the first three stop at a text that reads as French, else the best-reading one wins.
enum PageOCR {
    struct Result: Sendable {
        var text: String
        var rotation: Int
        /// Tesseract's TSV of the recognition that gave `text` (word boxes on the raster turned `rotation`), if any.
        var words: String? = nil
    }

    /// Nil when nothing could be read.
    static func read(_ page: some PageRecognizer) async -> Result? {
        var candidates: [Result] = []
        var tried: Set<Int> = []
        /// Reads the page turned `rotation`; true when its text reads as French (the search stops there).
        func attempt(_ rotation: Int) async -> Bool {
            guard tried.insert(rotation).inserted else { return false }
            guard let read = await page.recognition(rotation: rotation) else { return false }
            candidates.append(Result(text: read.text, rotation: rotation, words: read.tsv))
            return readsAsFrench(read.text)
        }
        // A confident guess saves reading a rotated page twice (once sideways, once upright).
        if let guess = await page.orientationHint(), await attempt(guess) { return candidates.last }
        // Most scans are upright: read as is, and stop there when the text reads as French.
        if await attempt(0) { return candidates.last }
        if page.osdAvailable, let r = await page.orientation(), await attempt(r) { return candidates.last }
        // No confident orientation, or its answer reads badly: try the other rotations, keep the best-reading one.
        for r in [90, 180, 270] where await attempt(r) { break }
        return candidates.max { TextQuality.frenchScore($0.text) < TextQuality.frenchScore($1.text) }
    }

    /// Common French / banking words a page must show to count as read upright,
    static let readsWell = 8
    /// of which this many different ones: a page read upside down repeats a few tokens that happen to be words.
    static let readsWellDistinct = 4

    /// Whether a reading shows the page upright: a missed stop costs more readings, never a wrong one (the best-reading
    /// rotation wins then).
    static func readsAsFrench(_ text: String) -> Bool {
        TextQuality.dictionaryHits(text) >= readsWell && TextQuality.distinctDictionaryWords(text) >= readsWellDistinct
    }
}

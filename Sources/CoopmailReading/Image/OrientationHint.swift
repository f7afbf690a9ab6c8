/// A first guess at a page's orientation from leptonica's ascender/descender measures (`orient` request of the
/// worker), cheap enough to ask on every page before the first OCR. Only a guess: ``PageOCR`` keeps the guessed
/// rotation's text only when it reads as French, and falls back to tesseract's OSD and to trying rotations.
///
/// The decision is leptonica's own (`pixOrientDecision` with its default parameters), not a threshold fitted to this
/// repository's pages: the earlier threshold (3.0) had been chosen so that one upside-down fixture (-3.65) got a guess.
/// With leptonica's rule that page and other weak measures get no guess and go the slower, sure way (OSD, rotations):
/// a missed guess costs time, never a wrong reading.
enum OrientationHint {
    /// leptonica's `DefaultMinUpDownConf`: the stronger measure must reach this, in absolute value.
    static let minimumConfidence = 8.0
    /// leptonica's `DefaultMinUpDownRatio`: and be this many times the other axis's measure.
    static let minimumRatio = 2.5

    /// Clockwise degrees to put the page upright (0, 90, 180, 270), or nil when unsure. `up` > 0: upright,
    /// < 0: upside down; `left` > 0: the text's top points left (needs 90°), < 0: right (needs 270°); the
    /// stronger axis decides.
    static func rotation(up: Double, left: Double) -> Int? {
        guard up.isFinite, left.isFinite else { return nil }
        let (major, minor) = abs(up) >= abs(left) ? (up, left) : (left, up)
        guard abs(major) >= minimumConfidence, abs(major) >= minimumRatio * abs(minor) else { return nil }
        if abs(up) >= abs(left) { return up > 0 ? 0 : 180 }
        return left > 0 ? 90 : 270
    }
}

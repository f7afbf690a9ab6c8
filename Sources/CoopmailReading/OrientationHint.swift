/// A first guess at a page's orientation from leptonica's ascender/descender measures (`orient` request of the
/// worker), cheap enough to ask on every page before the first OCR. Only a guess: ``PageOCR`` keeps the guessed
/// rotation's text only when it reads as French, and falls back to tesseract's OSD and to trying rotations.
enum OrientationHint {
    /// Measures below this, in absolute value, are too weak to guess from. Checked on the corpus's scans and
    /// photos in all four rotations: no wrong guess at 3, while the upside-down statement measures -3.65.
    static let threshold = 3.0

    /// Clockwise degrees to put the page upright (0, 90, 180, 270), or nil when unsure. `up` > 0: upright,
    /// < 0: upside down; `left` > 0: the text's top points left (needs 90°), < 0: right (needs 270°); the
    /// stronger axis decides.
    static func rotation(up: Double, left: Double) -> Int? {
        if abs(up) >= abs(left) {
            if up >= threshold { return 0 }
            if up <= -threshold { return 180 }
        } else {
            if left >= threshold { return 90 }
            if left <= -threshold { return 270 }
        }
        return nil
    }
}

/// The unbridged pieces of marks, as ``InkMeter`` finds them (those of one mark, or of every mark a stamp's ring
/// holds), and whether they line up as type does: a row of glyphs set in one size, whatever that size is.
///
/// A round stamp's number (« 022-3968 ») is set larger than the page's text: on a faxed quitus
/// (scripts/make-quitus-other.py seed 31, `tampon-seul`) its digits measured 1.22 to 1.34 printed-line heights, taller
/// than any letter of the page, so that inside the stamp's ring they read as handwriting and the empty parent's place
/// as signed (``InkMeter`` set aside only marks no taller than print there). Type is told by its regularity instead
/// of its size: glyphs of one height, standing on one baseline under one top line, each as dense as print. A hand's
/// strokes differ in height from one to the next, and a pen's line is thin.
struct TypeRow: Sendable {
    struct Piece: Sendable {
        var x0: Int, y0: Int, x1: Int, y1: Int
        /// Filling more of its box than a thin curve (``InkMeter/thinFill``).
        var dense: Bool
        var height: Int { y1 - y0 }
    }

    var pieces: [Piece] = []

    /// Fewest glyphs a row of type is told from.
    static let fewest = 4
    /// How far the glyphs' heights, tops and bottoms may differ, as a share of the tallest: type of one size differs
    /// by a pixel or two of blur (or a ring's edge cutting a glyph), handwriting by a letter's height.
    static let spread = 0.2
    /// Widest a piece may be, in its own heights: two or three glyphs run together.
    static let widest = 3.0

    mutating func add(_ piece: Piece) { pieces.append(piece) }

    /// Whether the pieces are a row of type: at least ``fewest`` glyphs (the pieces within ``spread`` of the tallest
    /// piece's height), all dense, no wider than ``widest`` heights, their tops and bottoms within ``spread`` of the
    /// tallest; lower pieces (a hyphen, a glyph's sliver the stamp's ring cut off) within the glyphs' band.
    var isType: Bool {
        guard let tallest = pieces.map(\.height).max(), tallest > 0 else { return false }
        let slack = Self.spread * Double(tallest)
        let glyphs = pieces.filter { Double($0.height) >= Double(tallest) - slack }
        guard glyphs.count >= Self.fewest, glyphs.allSatisfy(\.dense),
            glyphs.allSatisfy({ Double($0.x1 - $0.x0) <= Self.widest * Double($0.height) }),
            let top = glyphs.map(\.y0).min(), let lowestTop = glyphs.map(\.y0).max(),
            let bottom = glyphs.map(\.y1).max(), let highestBottom = glyphs.map(\.y1).min(),
            Double(lowestTop - top) <= slack, Double(bottom - highestBottom) <= slack
        else { return false }
        return pieces.allSatisfy { Double(top - $0.y0) <= slack && Double($0.y1 - bottom) <= slack }
    }
}

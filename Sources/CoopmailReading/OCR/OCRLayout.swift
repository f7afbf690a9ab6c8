import Foundation

/// Lays out tesseract's TSV words as text whose columns follow the words' positions on the page, as
/// `pdftotext -layout` does for a text layer. Tesseract's own text counts the spaces between two words from their gap
/// on that line only, so on a skewed or photographed page the amounts of one column start at very different
/// character positions and the débit / crédit columns mix. Here each word starts at the character cell its left
/// edge falls in (cell width: the median width of a character on the page), so amounts line up by their position in
/// pixels; words closer than two cells keep one space, as in the plain text.
///
/// Lines are the page's printed rows, found from the word boxes: on a tilted or photographed page tesseract's own
/// lines may cut a row in two (an amount far to the right ends up on a line of its own, or with the next row). The
/// tilt is measured on tesseract's long lines (the slope of their words' centres, taken from the nearest such lines
/// on the page, so a photo's perspective is followed), every word's height is corrected by it, and words whose
/// corrected centres lie within half a word's height form one row.
public enum OCRLayout {
    struct Word {
        var line: [Int]
        var left: Int
        var top: Int
        var width: Int
        var height: Int
        var text: String
        var centreX: Double { Double(left) + Double(width) / 2 }
        var centreY: Double { Double(top) + Double(height) / 2 }
    }

    /// Nil when `tsv` holds no word (it is then plain text, or nothing was read).
    public static func text(fromTSV tsv: String) -> String? {
        var words: [Word] = []
        for row in tsv.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, f[0] == "5", let block = Int(f[2]), let par = Int(f[3]), let line = Int(f[4]),
                let left = Int(f[6]), let top = Int(f[7]), let width = Int(f[8]), let height = Int(f[9]), left >= 0,
                left < 1_000_000, top >= 0, top < 1_000_000, width > 0, width < 1_000_000, height > 0,
                height < 1_000_000
            else { continue }
            let text = f[11...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            words.append(
                Word(
                    line: [Int(f[1]) ?? 0, block, par, line], left: left, top: top, width: width, height: height,
                    text: text))
        }
        guard !words.isEmpty else { return nil }
        let perChar = words.map { Double($0.width) / Double(max(1, $0.text.count)) }.sorted()
        let cell = max(1, perChar[perChar.count / 2])
        let heights = words.map { Double($0.height) }.sorted()
        let wordHeight = max(1, heights[heights.count / 2])
        let rows = Self.rows(words, wordHeight: wordHeight)
        // Lines wider than this many cells are not laid out by position (a broken box): words are then only spaced.
        let widest = 400
        var out: [String] = []
        var previousCentre: Double? = nil
        for row in rows {
            // A wide vertical gap (a new block) is set apart by an empty line, as tesseract's text does.
            if let p = previousCentre, row.centre - p > 2.2 * wordHeight { out.append("") }
            previousCentre = row.centre
            var text = ""
            var lastRight = 0
            for w in row.words {
                let column = Int((Double(w.left) / cell).rounded())
                if text.isEmpty {
                    if column < widest { text = String(repeating: " ", count: column) }
                } else {
                    let gap = Double(w.left - lastRight) / cell
                    let spaces = gap < 2 || column >= widest ? 1 : max(1, column - text.count)
                    text += String(repeating: " ", count: spaces)
                }
                text += w.text
                lastRight = max(lastRight, w.left + w.width)
            }
            out.append(text)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The printed rows, top to bottom, each with its words left to right and its corrected centre.
    static func rows(_ words: [Word], wordHeight: Double) -> [(centre: Double, words: [Word])] {
        let slopes = lineSlopes(words).sorted { $0.y < $1.y }
        /// The tilt at height `y`: the median slope of the (up to) three long lines nearest to it.
        func slope(at y: Double) -> Double {
            guard !slopes.isEmpty else { return 0 }
            // The nearest lines are among the three on either side of where `y` falls (binary search).
            var lo = 0
            var hi = slopes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if slopes[mid].y < y { lo = mid + 1 } else { hi = mid }
            }
            let window = slopes[max(0, lo - 3)..<min(slopes.count, lo + 3)]
            let nearest = window.sorted { abs($0.y - y) < abs($1.y - y) }.prefix(3).map(\.slope).sorted()
            return nearest[nearest.count / 2]
        }
        let corrected = words.map { w in (y: w.centreY - slope(at: w.centreY) * w.centreX, word: w) }
            .sorted { $0.y < $1.y }
        var rows: [(centre: Double, sum: Double, words: [Word])] = []
        for (y, w) in corrected {
            if let last = rows.last, abs(y - last.centre) <= 0.5 * wordHeight {
                let i = rows.count - 1
                rows[i].words.append(w)
                rows[i].sum += y
                rows[i].centre = rows[i].sum / Double(rows[i].words.count)
            } else {
                rows.append((y, y, [w]))
            }
        }
        return rows.map { r in (r.centre, r.words.sorted { $0.left < $1.left }) }
    }

    /// The slope (pixels down per pixel right) of each of tesseract's lines that spans a good part of the page, with
    /// the line's height: least squares over its words' centres. Lines of one or two close words say nothing.
    static func lineSlopes(_ words: [Word]) -> [(y: Double, slope: Double)] {
        guard let minLeft = words.map(\.left).min(), let maxRight = words.map({ $0.left + $0.width }).max() else {
            return []
        }
        let pageWidth = Double(max(1, maxRight - minLeft))
        var byLine: [[Int]: [Word]] = [:]
        for w in words { byLine[w.line, default: []].append(w) }
        var out: [(y: Double, slope: Double)] = []
        for (_, ws) in byLine where ws.count >= 3 {
            let xs = ws.map(\.centreX)
            let ys = ws.map(\.centreY)
            guard let lo = xs.min(), let hi = xs.max(), hi - lo >= 0.3 * pageWidth else { continue }
            let mx = xs.reduce(0, +) / Double(xs.count)
            let my = ys.reduce(0, +) / Double(ys.count)
            var sxy = 0.0
            var sxx = 0.0
            for (x, y) in zip(xs, ys) {
                sxy += (x - mx) * (y - my)
                sxx += (x - mx) * (x - mx)
            }
            guard sxx > 0 else { continue }
            let s = sxy / sxx
            // A line steeper than 1 in 5 is not a printed row read whole.
            guard s.isFinite, abs(s) < 0.2 else { continue }
            out.append((my, s))
        }
        return out
    }

    /// The page's text from a recogniser's answer: laid out when it is TSV, as it is otherwise.
    public static func pageText(_ answer: String) -> String { text(fromTSV: answer) ?? answer }
}

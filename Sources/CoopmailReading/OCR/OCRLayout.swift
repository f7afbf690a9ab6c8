import Foundation

/// Lays out tesseract's TSV words as text whose columns follow the words' positions on the page, as
/// `pdftotext -layout` does for a text layer. Tesseract's own text counts the spaces between two words from their gap
/// on that line only, so on a skewed or photographed page the amounts of one column start at very different
/// character positions and the débit / crédit columns mix. Here each word starts at the character cell its left
/// edge falls in (cell width: the median width of a character on the page), so amounts line up by their position in
/// pixels; words closer than two cells keep one space, as in the plain text.
public enum OCRLayout {
    struct Word {
        var line: [Int]
        var left: Int
        var width: Int
        var text: String
    }

    /// Nil when `tsv` holds no word (it is then plain text, or nothing was read).
    public static func text(fromTSV tsv: String) -> String? {
        var words: [Word] = []
        for row in tsv.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, f[0] == "5", let block = Int(f[2]), let par = Int(f[3]), let line = Int(f[4]),
                let left = Int(f[6]), let width = Int(f[8]), left >= 0, left < 1_000_000, width > 0,
                width < 1_000_000
            else { continue }
            let text = f[11...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            words.append(Word(line: [Int(f[1]) ?? 0, block, par, line], left: left, width: width, text: text))
        }
        guard !words.isEmpty else { return nil }
        let perChar = words.map { Double($0.width) / Double(max(1, $0.text.count)) }.sorted()
        let cell = max(1, perChar[perChar.count / 2])
        // Lines wider than this many cells are not laid out by position (a broken box): words are then only spaced.
        let widest = 400
        var out: [String] = []
        var current: [Int]? = nil
        var text = ""
        var lastRight = 0
        func flush() { if current != nil { out.append(text) } }
        for w in words {
            if w.line != current {
                flush()
                // A new block or paragraph is set apart by an empty line, as tesseract's text does.
                if let c = current, c.prefix(3) != w.line.prefix(3) { out.append("") }
                current = w.line
                text = ""
                lastRight = 0
            }
            let column = Int((Double(w.left) / cell).rounded())
            if text.isEmpty {
                if column < widest { text = String(repeating: " ", count: column) }
            } else {
                let gap = Double(w.left - lastRight) / cell
                let spaces = gap < 2 || column >= widest ? 1 : max(1, column - text.count)
                text += String(repeating: " ", count: spaces)
            }
            text += w.text
            lastRight = w.left + w.width
        }
        flush()
        return out.joined(separator: "\n") + "\n"
    }

    /// The page's text from a recogniser's answer: laid out when it is TSV, as it is otherwise.
    public static func pageText(_ answer: String) -> String { text(fromTSV: answer) ?? answer }
}

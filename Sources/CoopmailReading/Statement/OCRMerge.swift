import CoopmailText

/// Merges two OCR readings of the same page (tesseract's single-column reading and its uniform-block reading) line by
/// line. Each reading loses different things on a phone photo: the single-column one may drop a whole amount column or
/// a row, the block one may cut a label. Lines are paired by the words and dates they share (the longest common
/// sequence of similar lines, so the order of the page is kept); of a pair, the line with more amounts and dates (then
/// more words) is taken, the primary's on a tie; a line of the secondary that pairs with none is added where it falls when it carries an amount
/// beside a date or a word (a row the primary missed). The merge never checks itself: the caller keeps it only when
/// the statement it gives reconciles and both merge orders give the same figures.
enum OCRMerge {
    /// `primary`'s lines completed by `secondary`'s (one page each).
    static func merge(_ primary: String, _ secondary: String) -> String {
        let p = lines(primary)
        let s = lines(secondary)
        let pairs = alignment(p.map(keys), s.map(keys))
        return merged(primary: p, pairs: pairs, secondary: s)
    }

    /// The merged lines: the primary's in order, each paired line replaced by its partner when that has more fields,
    /// and the secondary's unpaired rows inserted after the primary's lines of the same stretch.
    private static func merged(primary p: [String], pairs: [(Int, Int)], secondary s: [String]) -> String {
        var out: [String] = []
        var i = 0
        var j = 0
        for (a, b) in pairs + [(p.count, s.count)] {
            while i < a {
                out.append(p[i])
                i += 1
            }
            while j < b {
                if isRow(s[j]) { out.append(s[j]) }
                j += 1
            }
            guard a < p.count, b < s.count else { break }
            out.append(richer(s[b], than: p[a]) ? s[b] : p[a])
            i = a + 1
            j = b + 1
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Pages merged one by one (form feeds apart); a page without a second reading keeps its first.
    static func merge(pages primary: [String], _ secondary: [String]) -> String {
        zip(primary, secondary).map { merge($0, $1) }.joined(separator: "\u{0C}")
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// What identifies a printed line in both readings: its words of three letters or more and its dates, folded.
    static func keys(_ line: String) -> Set<String> {
        let folded = Folding.fold(line)
        var out = Set(Folding.words(folded).filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) })
        for d in FrenchDate.find(in: folded, period: anyYear) { out.insert("\(d.date)") }
        return out
    }

    /// Two lines are the same printed line when they share at least half the keys of the longer one.
    static func similar(_ a: Set<String>, _ b: Set<String>) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        return 2 * a.intersection(b).count >= max(a.count, b.count)
    }

    /// The longest sequence of similar line pairs in page order (indices into `a` and `b`).
    static func alignment(_ a: [Set<String>], _ b: [Set<String>]) -> [(Int, Int)] {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0, n <= 2_000, m <= 2_000 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] =
                    similar(a[i], b[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0
        var j = 0
        while i < n && j < m {
            if similar(a[i], b[j]) && table[i][j] == table[i + 1][j + 1] + 1 {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }

    /// Amounts on the line once OCR's usual slips are repaired.
    static func amountCount(_ line: String) -> Int {
        AmountScanner.find(in: StatementText.normalise(line, ocr: true)).count
    }

    /// Whether `line` shows more than `other`: more amounts and dates, or as many and more words (a table header whose
    /// « Débit » and « Crédit » one reading lost), or as many of both and fewer stray digits (« au 21 1/09/2021 » where
    /// the other reads « au 21/09/2021 »: whichever reading is the primary, the clean line is taken, so that both merge
    /// orders read the same date).
    static func richer(_ line: String, than other: String) -> Bool {
        let (a, b) = (fieldCount(line), fieldCount(other))
        guard a == b else { return a > b }
        let (k, l) = (keys(line).count, keys(other).count)
        guard k == l else { return k > l }
        return strayDigitCount(line) < strayDigitCount(other)
    }

    /// Digits on the line that belong to no amount and no date (OCR noise, or a number such as an account's).
    static func strayDigitCount(_ line: String) -> Int {
        let normalised = StatementText.normalise(line, ocr: true)
        var chars = Array(normalised)
        let spans =
            AmountScanner.find(in: normalised).map(\.range)
            + FrenchDate.find(in: normalised, period: anyYear).map(\.range)
        for span in spans { for k in span where k >= 0 && k < chars.count { chars[k] = " " } }
        return chars.filter(\.isNumber).count
    }

    /// Amounts and dates on the line (a reading may drop the date column as well as an amount column).
    static func fieldCount(_ line: String) -> Int {
        let normalised = StatementText.normalise(line, ocr: true)
        return AmountScanner.find(in: normalised).count + FrenchDate.find(in: normalised, period: anyYear).count
    }

    /// Dates written without their year count too (`06/09`): they are given one, the same in both readings.
    static let anyYear = CalendarDate.earliest...CalendarDate.latest

    /// A row worth adding from the secondary reading: an amount, and a date or a word beside it.
    static func isRow(_ line: String) -> Bool {
        guard amountCount(line) > 0 else { return false }
        return !keys(line).isEmpty
    }
}

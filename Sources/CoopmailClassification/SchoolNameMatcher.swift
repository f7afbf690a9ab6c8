import CoopmailText

/// Recognises a registered school's name in text despite accents, case, abbreviations and OCR noise, on the
/// distinctive words of the name (not `école`, `élémentaire`, `rue`…).
public enum SchoolNameMatcher {
    static let generic: Set<String> = [
        "ecole", "ecoles", "elementaire", "elem", "maternelle", "mat", "polyvalente", "primaire", "groupe", "scolaire",
        "rue", "avenue", "av", "boulevard", "bd", "place", "passage", "impasse", "villa", "square", "quai", "cite",
        "allee",
        "de", "la", "le", "les", "du", "des", "d", "l", "et", "a", "au", "aux", "en", "sur", "saint", "sainte", "st",
        "ste",
        "coop", "cooperative", "scol", "ee", "em", "ep", "occe", "paris", "arrondissement", "ecole",
    ]

    /// The share of a name's words that makes it a (partial) school-name signal; below it the name does not count.
    static let partialCoverage = 0.66
    /// The share at which every word of the name was found.
    static let fullCoverage = 0.999

    /// Whether a name found with this coverage gives a signal.
    static func counts(coverage: Double) -> Bool { coverage >= fullCoverage || coverage >= partialCoverage }

    /// The distinctive folded words of a school's name.
    public static func distinctiveWords(_ name: String) -> [String] {
        Folding.words(name).filter { $0.count >= 3 && !generic.contains($0) && !$0.allSatisfy(\.isNumber) }
    }

    /// The share (0…1) of the name's distinctive words found in `words`; nil when the name has none.
    public static func coverage(of name: String, in words: Set<String>) -> Double? {
        coverage(of: name, in: Vocabulary(words))
    }

    /// The words of the texts a match looks at: `exact` words (typed text: subject, body, file name, a PDF's text
    /// layer) must equal a name's word; `ocr` words (text that came out of OCR) may differ from it by one slip.
    public struct Vocabulary: Sendable {
        var words: Set<String>
        /// The OCR words alone (compared with one slip of tolerance).
        var ocrWords: Set<String>
        var ocrByLength: [Int: [String]]

        /// Words of OCR output (the tolerant comparison applies to all of them).
        public init(_ words: Set<String>) { self.init(exact: [], ocr: words) }

        public init(exact: Set<String>, ocr: Set<String>) {
            words = exact.union(ocr)
            ocrWords = ocr
            ocrByLength = Dictionary(grouping: ocr, by: \.count)
        }

        func containsNear(_ w: String) -> Bool {
            for length in (w.count - 1)...(w.count + 1) {
                if ocrByLength[length]?.contains(where: { SchoolNameMatcher.near($0, w) }) == true { return true }
            }
            return false
        }
    }

    public static func coverage(of name: String, in vocabulary: Vocabulary) -> Double? {
        let wanted = distinctiveWords(name)
        guard !wanted.isEmpty else { return nil }
        let found = wanted.filter { w in vocabulary.words.contains(w) || (w.count >= 5 && vocabulary.containsNear(w)) }
        return Double(found.count) / Double(wanted.count)
    }

    /// Equal up to one OCR slip (one edit) for words of five letters or more.
    static func near(_ a: String, _ b: String) -> Bool {
        guard abs(a.count - b.count) <= 1, a.count >= 5 else { return false }
        let x = Array(a)
        let y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            var rowMin = current[0]
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > 1 { return false }
            previous = current
        }
        return previous[y.count] <= 1
    }
}

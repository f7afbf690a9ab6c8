import Foundation

/// Accent- and case-free forms of text for tolerant comparisons: one place for every way coopmail folds text.
///
/// The four ways below were four private functions before; they differ on purpose or by history, and each matcher
/// keeps the one it was written and tested with:
///
/// | preset          | accents                                  | œ æ    | other characters             |
/// |-----------------|------------------------------------------|--------|------------------------------|
/// | ``search``      | every diacritic, full-width forms too    | kept   | kept                         |
/// | ``schoolName``  | the 15 French accented letters           | o a    | one space between words      |
/// | ``bankLabel``   | the French letters but ä ö               | kept   | kept                         |
/// | ``statusName``  | é è ê à                                  | kept   | dropped (digits too)         |
///
/// Every preset lower-cases first (`É` is `é` before its accent goes).
public struct Folding: Sendable, Hashable {
    /// Which accents go.
    public enum Accents: Sendable, Hashable {
        /// Every diacritic, with Foundation's diacritic-, case- and width-insensitive folding (`Ａ` → `a`); ligatures
        /// (œ, æ) and spaces are kept as they are.
        case all
        /// Only these lower-case accented letters lose their accent (a letter not in ``Folding/frenchLetters`` is
        /// ignored); any other accented letter is kept.
        case only(Set<Character>)
    }

    /// What becomes of œ and æ.
    public enum Ligatures: Sendable, Hashable {
        case kept
        /// `œ` → `o`, `æ` → `a` (the first letter only: « sœur » → « sour »).
        case firstLetter
    }

    /// What becomes of the characters that are neither letters nor digits.
    public enum Others: Sendable, Hashable {
        case kept
        /// Each run becomes one space; none at the ends (« l’école — Jean » → « l ecole jean »).
        case spaces
        /// Removed, and digits with them: letters only.
        case dropped
    }

    public var accents: Accents
    public var ligatures: Ligatures
    public var others: Others

    public init(accents: Accents, ligatures: Ligatures = .kept, others: Others = .kept) {
        self.accents = accents
        self.ligatures = ligatures
        self.others = others
    }

    /// The accented lower-case letters of French and their letters without accent.
    public static let frenchLetters: [Character: Character] = [
        "é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "ä": "a", "î": "i", "ï": "i",
        "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c",
    ]

    /// Reading's and classification's folding (page text, statement lines, words of school names, dates).
    public static let search = Folding(accents: .all)
    /// Words of a school name as staff type them in `show`/`reassign` (words separated by one space).
    public static let schoolName = Folding(
        accents: .only(Set(frenchLetters.keys)), ligatures: .firstLetter, others: .spaces)
    /// Keywords of a bank statement's line labels (cheques, fees).
    public static let bankLabel = Folding(accents: .only(Set(frenchLetters.keys).subtracting(["ä", "ö"])))
    /// Status names as staff type them (« à vérifier », a-verifier, to_review).
    public static let statusName = Folding(accents: .only(["é", "è", "ê", "à"]), others: .dropped)

    /// `text` folded this way.
    public func fold(_ text: some StringProtocol) -> String {
        switch accents {
        case .all:
            let folded = Self.latinFold(text) ?? Self.foundationFold(String(text))
            if ligatures == .kept && others == .kept { return folded }
            return finish(Array(folded))
        case .only(let letters):
            let lowered = String(text).lowercased()
            var out: [Character] = []
            out.reserveCapacity(lowered.count)
            for c in lowered {
                if letters.contains(c), let base = Self.frenchLetters[c] {
                    out.append(base)
                } else {
                    out.append(c)
                }
            }
            return finish(out)
        }
    }

    private static func foundationFold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// The ``search`` folding of each character below U+0180 (Basic Latin, Latin-1, Latin Extended-A), as Foundation
    /// folds it alone.
    private static let latinTable: [String] = (0..<0x180).map { v in
        Unicode.Scalar(UInt32(v)).map { foundationFold(String(Character($0))) } ?? ""
    }

    /// The ``search`` folding of a text written only with characters below U+0180 (no combining mark among them,
    /// so each folds alone), character by character from `latinTable`: Foundation's folding costs microseconds a
    /// word, and the registry's 50,000 school names are folded on every run. Nil for any other text.
    private static func latinFold(_ text: some StringProtocol) -> String? {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            guard v < 0x180 else { return nil }
            switch v {
            case 0x41...0x5A: out.append(Unicode.Scalar(UInt8(v + 0x20)))
            case 0..<0x80: out.append(scalar)
            default: out.append(contentsOf: latinTable[v].unicodeScalars)
            }
        }
        return String(out)
    }

    private func finish(_ chars: [Character]) -> String {
        var chars = chars
        if ligatures == .firstLetter {
            chars = chars.map { $0 == "œ" ? "o" : $0 == "æ" ? "a" : $0 }
        }
        switch others {
        case .kept:
            return String(chars)
        case .spaces:
            return String(chars.map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(
                separator: " ")
        case .dropped:
            return String(chars.filter(\.isLetter))
        }
    }

    /// ``search`` folding: lower case, no diacritics: `"École élémentaire"` → `"ecole elementaire"`.
    public static func fold(_ text: some StringProtocol) -> String { search.fold(text) }

    /// Words of letters and digits of the ``search`` folding.
    public static func words(_ text: some StringProtocol) -> [String] {
        fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}

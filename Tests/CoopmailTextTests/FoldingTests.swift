import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

/// The four folding functions as they were before CoopmailText (Reading's `TextNormalizer.fold`, Domain's
/// `EditDistance.folded`, Ledger's `CauseFinder.folded`, the CLI's `StatusName.fold`), kept here word for word as
/// the oracles of the presets that replace them.
enum FoldingBefore {
    static func textNormalizer(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    static func editDistance(_ s: String) -> String {
        let map: [Character: Character] = [
            "é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "ä": "a", "î": "i", "ï": "i",
            "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c", "œ": "o", "æ": "a",
        ]
        let chars = s.lowercased().map { map[$0] ?? $0 }.map { $0.isLetter || $0.isNumber ? $0 : " " }
        return String(chars).split(separator: " ").joined(separator: " ")
    }

    static func causeFinder(_ s: String) -> String {
        let map: [Character: Character] = [
            "é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "î": "i", "ï": "i",
            "ô": "o", "ù": "u", "û": "u", "ü": "u", "ç": "c",
        ]
        return String(s.lowercased().map { map[$0] ?? $0 })
    }

    static func statusName(_ s: String) -> String {
        let map: [Character: Character] = ["é": "e", "è": "e", "ê": "e", "à": "a"]
        return String(
            s.lowercased().compactMap { c -> Character? in
                if let m = map[c] { return m }
                return c.isLetter ? c : nil
            })
    }
}

@Suite struct FoldingTests {
    /// Pieces that tell folders apart: ligatures, both apostrophes, no-break and narrow no-break spaces, dashes,
    /// upper-case accented letters, umlauts, full-width letters, combining accents, ß, dotted İ, digits, tabs.
    static let pieces: [String] = [
        "œ", "Œ", "æ", "Æ", "’", "'", "\u{00A0}", "\u{202F}", "\u{2009}", "-", "–", "—", "‑", "É", "È", "Ê", "À", "Ç",
        "Î", "Ô", "Û", "Ü", "Ä", "Ö", "ä", "ö", "ë", "ï", "ÿ", "ñ", "á", "Å", "Ａ", "ｅ", "１", "e\u{0301}", "E\u{0300}",
        "ß", "İ", "ı", "ﬁ", "0", "7", "½", "²", " ", "  ", "\t", "\n", "_", "°", "n°", "№", "€", ",", ".", "«", "»",
        "é", "è", "ê", "à", "â", "î", "ô", "ù", "û", "ç", "a", "z", "École", "SŒUR", "l’école", "Fräis", "CHÈQUE",
        "à vérifier", "to_review", "Validé", "rejeté", "A-Corriger",
    ]

    static func sample(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func everyPresetFoldsAsItsFormerFunction(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let s = Self.sample(&rng)
            #expect(Folding.search.fold(s) == FoldingBefore.textNormalizer(s), "search « \(s.debugDescription) »")
            #expect(Folding.fold(s) == FoldingBefore.textNormalizer(s))
            #expect(Folding.schoolName.fold(s) == FoldingBefore.editDistance(s), "schoolName « \(s.debugDescription) »")
            #expect(Folding.bankLabel.fold(s) == FoldingBefore.causeFinder(s), "bankLabel « \(s.debugDescription) »")
            #expect(Folding.statusName.fold(s) == FoldingBefore.statusName(s), "statusName « \(s.debugDescription) »")
        }
    }

    /// Latin text is folded character by character (a table, not Foundation): the same as Foundation's folding of the
    /// whole text, for every character of the table alone and in random words of them and of others.
    @Test(arguments: [UInt64(41), 42, 43])
    func latinCharactersFoldAsFoundationFoldsTheWholeText(seed: UInt64) {
        for v in 0..<0x180 {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let s = "A" + String(Character(scalar)) + "é"
            #expect(Folding.fold(s) == FoldingBefore.textNormalizer(s), "U+\(String(v, radix: 16))")
        }
        var rng = SeededGenerator(seed: seed)
        let alphabet =
            (0x20..<0x180).compactMap { Unicode.Scalar(UInt32($0)).map(Character.init) } + [
                "\r\n", "\n", "\u{0301}", "Ａ", "ﬁ", "€", "\u{00A0}",
            ]
        for _ in 0..<3_000 {
            let s = String(
                (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
            #expect(Folding.fold(s) == FoldingBefore.textNormalizer(s), "« \(s.debugDescription) »")
            #expect(
                Folding.words(s)
                    == FoldingBefore.textNormalizer(s).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(
                        String.init))
        }
    }

    /// Where the former folders differed, the presets still differ: each matcher keeps what it was tested with.
    @Test func presetsKeepTheirDifferences() {
        #expect(Folding.search.fold("SŒUR Æ") == "sœur æ")
        #expect(Folding.schoolName.fold("SŒUR Æ") == "sour a")
        #expect(Folding.bankLabel.fold("SŒUR Æ") == "sœur æ")
        // Umlauts: every diacritic goes in `search` and `schoolName`, not in the bank labels' keywords.
        #expect(Folding.search.fold("Fräis") == "frais")
        #expect(Folding.schoolName.fold("Fräis") == "frais")
        #expect(Folding.bankLabel.fold("Fräis") == "fräis")
        // Letters beyond French's: only `search` removes their accents.
        #expect(Folding.search.fold("Ñandú") == "nandu")
        #expect(Folding.schoolName.fold("Ñandú") == "ñandú")
        // Spaces and punctuation.
        #expect(Folding.search.fold("l’École\u{00A0}—\u{202F}Jean") == "l’ecole\u{00A0}—\u{202F}jean")
        #expect(Folding.schoolName.fold("l’École\u{00A0}—\u{202F}Jean") == "l ecole jean")
        #expect(Folding.statusName.fold("À vérifier 2") == "averifier")
        // Full-width forms: `search` only.
        #expect(Folding.search.fold("ＡＢ１") == "ab1")
        #expect(Folding.schoolName.fold("ＡＢ") == "ａｂ")
    }

    @Test func wordsAreSearchFoldedLettersAndDigits() {
        #expect(Folding.words("École Jules-Ferry, n°12 l’été") == ["ecole", "jules", "ferry", "n", "12", "l", "ete"])
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let s = Self.sample(&rng)
            let before = FoldingBefore.textNormalizer(s).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(
                String.init)
            #expect(Folding.words(s) == before, "« \(s.debugDescription) »")
        }
    }
}

@Suite struct EditDistanceTests {
    @Test func distances() {
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("approve", "aprove") == 1)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func metricProperties(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let letters = Array("abcé ")
        func word() -> String {
            String((0..<Int.random(in: 0...8, using: &rng)).map { _ in letters.randomElement(using: &rng) ?? "a" })
        }
        for _ in 0..<300 {
            let (a, b, c) = (word(), word(), word())
            #expect(EditDistance.between(a, b) == EditDistance.between(b, a))
            #expect(EditDistance.between(a, a) == 0)
            #expect(EditDistance.between(a, c) <= EditDistance.between(a, b) + EditDistance.between(b, c))
            #expect(EditDistance.between(a, b) <= max(a.count, b.count))
        }
    }
}

@Suite struct FrenchAmountTests {
    /// Every amount printed in French reads back exactly, whatever the thousands separator and the sign's place.
    @Test(arguments: [UInt64(21), 22, 23, 24])
    func printedAmountsReadBack(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<1_000 {
            let digits = Int.random(in: 1...13, using: &rng)
            var cents = Int64.random(in: 0..<Int64(pow(10, Double(digits))), using: &rng)
            if Bool.random(using: &rng) { cents = -cents }
            let printed = FrenchAmount.format(cents: cents, currency: false)
            let separator = ["\u{00A0}", " ", "\u{202F}", ".", "'"].randomElement(using: &rng) ?? " "
            var written = printed.replacingOccurrences(of: "\u{00A0}", with: separator)
            if cents < 0 && Bool.random(using: &rng) { written = String(written.dropFirst()) + "-" }
            if Bool.random(using: &rng) {
                written += ["\u{00A0}€", " €", "€", " EUR"].randomElement(using: &rng) ?? ""
            }
            #expect(FrenchAmount.cents(written) == cents, "« \(written) »")
        }
    }

    @Test func examples() {
        #expect(FrenchAmount.cents("1 234,56") == 123_456)
        #expect(FrenchAmount.cents("1.234,56 €") == 123_456)
        #expect(FrenchAmount.cents("-12,00") == -1_200)
        #expect(FrenchAmount.cents("1\u{202F}234,5") == 123_450)
        #expect(FrenchAmount.cents("12,345") == nil)
        #expect(FrenchAmount.format(cents: -123_456, currency: true) == "-1\u{00A0}234,56\u{00A0}€")
    }
}

@Suite struct FrenchDateTests {
    static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    @Test(arguments: [UInt64(31), 32, 33])
    func writtenDatesReadBack(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let (y, m) = (Int.random(in: 2000...2030, using: &rng), Int.random(in: 1...12, using: &rng))
            let d = Int.random(in: 1...CalendarDate.daysIn(month: m, year: y), using: &rng)
            guard let date = CalendarDate(year: y, month: m, day: d) else { continue }
            let name = Self.monthNames[m - 1]
            let written =
                [
                    date.french, "\(d == 1 ? "1er" : String(d)) \(name) \(y)", "\(d) \(name.uppercased()) \(y)",
                    String(format: "%02d.%02d.%02d", d, m, y % 100), String(format: "%02d-%02d-%04d", d, m, y),
                ].randomElement(using: &rng) ?? date.french
            #expect(FrenchDate.parse(written) == date, "« \(written) »")
        }
    }
}

@Suite struct PluralTests {
    @Test func frenchPlurals() {
        #expect(Plural.count(0, "dossier") == "0 dossier")
        #expect(Plural.count(1, "dossier") == "1 dossier")
        #expect(Plural.count(2, "dossier") == "2 dossiers")
        #expect(Plural.count(Int64(3), "pièce jointe", "pièces jointes") == "3 pièces jointes")
        #expect(Plural.word(5, "cheval", "chevaux") == "chevaux")
        #expect("\(2) réponse\(Plural.s(2)) envoyée\(Plural.s(2))" == "2 réponses envoyées")
        #expect(Plural.s(1) == "" && Plural.s(-4) == "")
    }
}

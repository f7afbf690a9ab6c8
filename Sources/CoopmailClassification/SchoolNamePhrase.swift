import CoopmailDomain
import CoopmailText

/// A school's whole registered name written out in a mail's own typed text (subject, file name, the sender's part of
/// the body): « Je vous écris pour la coopérative École élémentaire Rue Titon ». Distinctive words alone
/// (``SchoolNameMatcher``) are only a supporting signal — « Rue de la Mare » names both « École maternelle Rue de la
/// Mare » and « École élémentaire Rue de la Mare 32 » — but the full name, every word in order (type, street, number),
/// written by the sender, designates one school when no other registered name holds it.
///
/// The name counts only when:
/// - it has at least ``minimumWords`` words and a distinctive one (a bare surname such as « Jules Ferry » names many
///   schools and streets);
/// - exactly one registered number's name is written out, not counting a name written as part of a longer one;
/// - no other cooperative's registered name contains it (« École Rue Titon » is part of « École Rue Titon annexe »);
/// - no number follows it in the text (« École Rue Titon 12 » may be another school than « École Rue Titon »).
///
/// Words are compared exactly (typed text: accents and case folded, no OCR tolerance).
enum SchoolNamePhrase {
    static let minimumWords = 3

    /// The one cooperative among `candidates` (names whose distinctive words were all found) whose whole name is
    /// written in one of `texts` (each a text's folded words in order), or nil.
    ///
    /// `schoolWords`, when given, are the registry's distinctive words, row by row (``RegistryIndex``): a name that
    /// lacks one of the written name's distinctive words cannot hold it, and is passed over without being folded.
    static func named(
        among candidates: [Cooperative], in texts: [[String]], registry: [Cooperative], schoolWords: [[String]]? = nil
    ) -> Cooperative? {
        var found: [CooperativeNumber: (coop: Cooperative, words: [String])] = [:]
        for coop in candidates where found[coop.number] == nil {
            let words = Folding.words(coop.school)
            guard words.count >= minimumWords, !SchoolNameMatcher.distinctiveWords(coop.school).isEmpty,
                texts.contains(where: { written($0, phrase: words) })
            else { continue }
            found[coop.number] = (coop, words)
        }
        // A name written as part of a longer registered name also written (« … Rue Titon » in « … Rue Titon annexe »)
        // is that longer name's.
        let longest = found.filter { entry in
            !found.values.contains {
                $0.words.count > entry.value.words.count && contains($0.words, phrase: entry.value.words)
            }
        }
        guard longest.count == 1, let (number, one) = longest.first else { return nil }
        let distinct = Set(SchoolNameMatcher.distinctiveWords(one.coop.school))
        let heldElsewhere = registry.indices.contains { k in
            let other = registry[k]
            guard other.number != number else { return false }
            if let schoolWords, k < schoolWords.count, !distinct.isSubset(of: schoolWords[k]) { return false }
            let words = Folding.words(other.school)
            return words.count > one.words.count && contains(words, phrase: one.words)
        }
        return heldElsewhere ? nil : one.coop
    }

    /// Where `phrase` occurs in `words` as consecutive words.
    static func starts(of phrase: [String], in words: [String]) -> [Int] {
        guard !phrase.isEmpty, words.count >= phrase.count else { return [] }
        return (0...(words.count - phrase.count)).filter { start in
            phrase.indices.allSatisfy { words[start + $0] == phrase[$0] }
        }
    }

    static func contains(_ words: [String], phrase: [String]) -> Bool { !starts(of: phrase, in: words).isEmpty }

    /// Whether `phrase` is written in `words` with no number right after it.
    static func written(_ words: [String], phrase: [String]) -> Bool {
        starts(of: phrase, in: words).contains { start in
            let after = start + phrase.count
            return after >= words.count || !words[after].allSatisfy(\.isNumber)
        }
    }
}

import CoopmailDomain

/// The registry arranged for lookups, built once per run, so that matching one document costs what the document's
/// words cost, not what the registry's size costs.
///
/// Every posting list holds positions in `registry`, ascending: a lookup returns the same cooperatives, in the same
/// order, as a scan of the registry would (the indexed matcher decides exactly as the plain scan; a property test
/// checks it).
///
/// - `bySender`: each registered address, lower-cased → the cooperatives that register it.
/// - `byIBAN`: each registered IBAN, normalised → its cooperatives.
/// - `byAccount`: the French account number inside each IBAN, leading zeros stripped → its cooperatives.
/// - `byNumber`: cooperative number → the first cooperative registered under it.
/// - `bySchoolWord`: each school's name filed under its rarest distinctive words (folded, generic words removed:
///   `SchoolNameMatcher.distinctiveWords`): the fewest, rarest first, such that a name none of them is found in has
///   less than `SchoolNameMatcher.partialCoverage` of its words found, and so never counts. A common word
///   (« Ferry », « Hugo », « Curie ») then brings only the schools it is the rarest word of, not every namesake of
///   the registry; the candidates' coverage is still computed on all their words.
/// - `schoolVocabulary`: every distinctive word of every name (what a document's words are looked up in).
/// - `byDeletion`: the one-slip tolerance for OCR text (symmetric delete). Every distinctive word of five letters or
///   more, and every form of it with one character removed, → the words. An OCR word is near a name's word (one
///   edit) only if the word itself or one of its one-deletion forms is a key; the candidates found there are then
///   confirmed with `SchoolNameMatcher.near`. The cost is the word's length, whatever the registry's size.
public struct RegistryIndex: Sendable {
    public let registry: [Cooperative]
    let bySender: [String: [Int]]
    let byIBAN: [String: [Int]]
    let byAccount: [String: [Int]]
    let byNumber: [CooperativeNumber: Cooperative]
    let bySchoolWord: [String: [Int]]
    let schoolVocabulary: Set<String>
    /// Each cooperative's distinctive school-name words, duplicates kept (coverage counts them).
    let schoolWords: [[String]]
    let byDeletion: [String: [String]]

    public init(registry: [Cooperative]) {
        self.registry = registry
        var bySender: [String: [Int]] = [:]
        var byIBAN: [String: [Int]] = [:]
        var byAccount: [String: [Int]] = [:]
        var byNumber: [CooperativeNumber: Cooperative] = [:]
        var schoolWords: [[String]] = []
        // Folding is the costly part: each distinct name is folded once (many schools share a name).
        var wordsOfName: [String: [String]] = [:]
        var frequency: [String: Int] = [:]
        var byDeletion: [String: [String]] = [:]
        schoolWords.reserveCapacity(registry.count)
        // Sized once (#16): growing them row by row rehashed every key several times.
        bySender.reserveCapacity(registry.count)
        byIBAN.reserveCapacity(registry.count)
        byAccount.reserveCapacity(registry.count)
        byNumber.reserveCapacity(registry.count)
        for (i, coop) in registry.enumerated() {
            for email in Set(coop.mandataire.emails.map { $0.lowercased() }) { bySender[email, default: []].append(i) }
            if let iban = coop.iban.flatMap(IBAN.normalized) {
                byIBAN[iban, default: []].append(i)
                if let account = IBAN.frenchAccountDigits(iban) {
                    byAccount[CooperativeMatcher.stripZeros(account), default: []].append(i)
                }
            }
            if byNumber[coop.number] == nil { byNumber[coop.number] = coop }
            let words: [String]
            if let known = wordsOfName[coop.school] {
                words = known
            } else {
                words = SchoolNameMatcher.distinctiveWords(coop.school)
                wordsOfName[coop.school] = words
            }
            schoolWords.append(words)
            for w in Set(words) {
                frequency[w, default: 0] += 1
                // The first time a word is seen: its one-deletion forms (each distinct, none equal to the word).
                if w.count >= 5, frequency[w] == 1 {
                    byDeletion[w, default: []].append(w)
                    for d in Self.deletions(w) { byDeletion[d, default: []].append(w) }
                }
            }
        }
        var bySchoolWord: [String: [Int]] = [:]
        for (i, words) in schoolWords.enumerated() {
            for w in Self.filingWords(words, frequency: frequency) { bySchoolWord[w, default: []].append(i) }
        }
        self.bySender = bySender
        self.byIBAN = byIBAN
        self.byAccount = byAccount
        self.byNumber = byNumber
        self.bySchoolWord = bySchoolWord
        schoolVocabulary = Set(frequency.keys)
        self.schoolWords = schoolWords
        self.byDeletion = byDeletion
    }

    /// The rarest of `words` (distinct, rarest first, ties by spelling) that a name must show one of to reach
    /// `SchoolNameMatcher.partialCoverage`: the words left out, counted as coverage counts them, fall short of it.
    static func filingWords(_ words: [String], frequency: [String: Int]) -> [String] {
        guard !words.isEmpty else { return [] }
        let distinct = Set(words).sorted { a, b in
            let fa = frequency[a] ?? 0
            let fb = frequency[b] ?? 0
            return fa != fb ? fa < fb : a < b
        }
        var filed: [String] = []
        var left = words.count
        for w in distinct {
            filed.append(w)
            left -= words.filter { $0 == w }.count
            if !SchoolNameMatcher.counts(coverage: Double(left) / Double(words.count)) { break }
        }
        return filed
    }

    /// The forms of `word` with one character removed.
    static func deletions(_ word: String) -> Set<String> {
        let chars = Array(word)
        var out = Set<String>()
        for i in chars.indices {
            var c = chars
            c.remove(at: i)
            out.insert(String(c))
        }
        return out
    }

    /// The registry's distinctive school words found in a document: those spelt exactly in `vocabulary`, and those
    /// of five letters or more within one slip of one of its OCR words.
    func schoolWordsFound(in vocabulary: SchoolNameMatcher.Vocabulary) -> Set<String> {
        var found = Set<String>()
        for w in vocabulary.words where schoolVocabulary.contains(w) { found.insert(w) }
        for o in vocabulary.ocrWords where o.count >= 5 {
            var keys = Self.deletions(o)
            keys.insert(o)
            for key in keys {
                for w in byDeletion[key] ?? [] where !found.contains(w) && SchoolNameMatcher.near(o, w) {
                    found.insert(w)
                }
            }
        }
        return found
    }

    /// The schools filed under a found word, ascending positions, with their coverage (as
    /// `SchoolNameMatcher.coverage` computes it): every school whose coverage counts
    /// (`SchoolNameMatcher.counts(coverage:)`) is among them.
    func schoolCoverage(found: Set<String>) -> [(position: Int, coverage: Double)] {
        var candidates = Set<Int>()
        for w in found { candidates.formUnion(bySchoolWord[w] ?? []) }
        return candidates.sorted().compactMap { i in
            let wanted = schoolWords[i]
            guard !wanted.isEmpty else { return nil }
            return (i, Double(wanted.filter { found.contains($0) }.count) / Double(wanted.count))
        }
    }
}

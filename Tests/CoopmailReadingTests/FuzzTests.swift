import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import CoopmailText
import Testing

/// Seeded random text made of the pieces statements and mails are made of: nothing may crash.
@Suite struct FuzzTests {
    static let pieces = [
        "SOLDE CREDITEUR AU ", "ANCIEN SOLDE", "31/08", "/", "2021", ",", "00", " ", "  ", "\n", "-", "+", "€",
        "é", "e\u{301}", "👩‍🏫", "n°", "coop ", "075-", "0123", "FR76 ", "1010", ".", "du ", " au ", "\u{0C}",
        "Débit", "Crédit", "Date", "\u{00A0}", "ﬁ", "1 234,56", "99999999999999999999", "août", "1er",
    ]

    @Test func randomStatementLikeTextNeverCrashes() {
        var rng = SeededGenerator(seed: 7)
        let registry = (try? Fixtures.registry()) ?? []
        let matcher = CooperativeMatcher(registry: registry)
        for _ in 0..<300 {
            let count = Int.random(in: 0..<80, using: &rng)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let reading = StatementReader.read(text, ocr: Bool.random(using: &rng))
            _ = reading.balance(at: Exercise(startYear: 2020).closing)
            _ = QuitusReader.read(text)
            _ = FrenchDate.find(in: text)
            _ = AmountScanner.find(in: text)
            _ = CooperativeNumberFinder().find(in: text)
            _ = matcher.match(
                sender: text, subject: text, body: text, filename: text, documentText: text,
                statement: reading.statement)
        }
    }
}

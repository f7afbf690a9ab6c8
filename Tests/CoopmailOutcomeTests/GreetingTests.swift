import CoopmailDomain
import CoopmailTestSupport
import Testing

@testable import CoopmailOutcome

/// « Bonjour Madame Fournier » from the registry's name, never « Bonjour Mme Claire Fournier ».
@Suite struct GreetingTests {
    @Test(arguments: 1...20) func civilitiesBecomeWordsAndSurnames(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let given = ["Claire", "Jean-Paul", "Zoé", "Marie", "Luc"][Int(g.next() % 5)]
        let surname = ["Fournier", "Martin", "Le Gall", "Lefèvre", "Dupont-Moreau"][Int(g.next() % 5)]
        let (written, word) = [
            ("Mme", "Madame"), ("Mme.", "Madame"), ("Madame", "Madame"), ("M.", "Monsieur"),
            ("Monsieur", "Monsieur"), ("MME", "Madame"),
        ][Int(g.next() % 6)]
        let withGiven = g.next() % 2 == 0
        let name = "\(written) " + (withGiven ? "\(given) \(surname)" : surname)
        let line = Greeting.line(mandataire: name)
        #expect(line == "Bonjour \(word) \(surname)", "\(name) → \(line)")
        #expect(!line.contains("Mme") && !line.contains("M. "))
        // Without a civility: the full name as written; surname in capitals is turned to « Fournier ».
        #expect(Greeting.line(mandataire: "\(given) \(surname)") == "Bonjour \(given) \(surname)")
        #expect(
            Greeting.line(mandataire: "\(written) \(given) \(surname.uppercased())") == "Bonjour \(word) \(surname)")
    }

    @Test func noNameIsAPlainHello() {
        #expect(Greeting.line(mandataire: nil) == "Bonjour")
        #expect(Greeting.line(mandataire: "  ") == "Bonjour")
        #expect(Greeting.line(mandataire: "Mme") == "Bonjour Mme")
    }
}

import CoopmailDomain
import Testing

@testable import CoopmailClassification

/// A name that hundreds of schools share (« Jules Ferry » in a national registry) gives the matcher the same decision
/// as before, at the cost of two name signals instead of hundreds.
@Suite("A school name shared by many schools")
struct CommonSchoolNameTests {
    /// `count` schools named alike (numbers 075-0001…), each with its own mandataire, and one other school.
    static func registry(count: Int, name: String = "École élémentaire Jules Ferry") -> [Cooperative] {
        var coops = (1...count).compactMap { i -> Cooperative? in
            guard let number = CooperativeNumber(department: 75, number: i) else { return nil }
            return Cooperative(
                number: number, school: name, town: "Paris",
                mandataire: Mandataire(name: "M \(i)", emails: ["m\(i)@ecole.test"]), iban: nil)
        }
        if let other = CooperativeNumber(department: 75, number: 900) {
            coops.append(
                Cooperative(
                    number: other, school: "École maternelle Jules Ferry Keller", town: "Paris",
                    mandataire: Mandataire(name: "M 900", emails: ["m900@ecole.test"]), iban: nil))
        }
        return coops
    }

    static let quitus = "Quitus de l'exercice 2025-2026\nCoopérative scolaire de l'École élémentaire Jules Ferry\n"

    @Test(
        "The name plus a registered sender still finds the sender's school among 300 namesakes",
        arguments: [
            CooperativeMatcher.Lookup.indexed, .plainScan,
        ])
    func senderDecides(lookup: CooperativeMatcher.Lookup) throws {
        let matcher = CooperativeMatcher(registry: Self.registry(count: 300), lookup: lookup)
        let input = MatchInput(sender: "m150@ecole.test", documentText: Self.quitus)
        let m = matcher.match(input)
        #expect(m.cooperative?.description == "075-0150", "\(m.evidence)")
        #expect(abs(m.confidence - (1 - 0.4 * 0.3)) < 1e-9)
        // The sender's school keeps its name signal; of the 299 others, two name signals are kept, not 299.
        let (signals, _) = matcher.signals(input)
        #expect(signals.count == 3, "\(signals.keys.sorted())")
    }

    @Test("The name alone abstains, naming the first namesake, as with every namesake kept")
    func nameAloneAbstains() {
        let matcher = CooperativeMatcher(registry: Self.registry(count: 300))
        let m = matcher.match(MatchInput(sender: "parent@gmail.test", documentText: Self.quitus))
        #expect(m.cooperative == nil)
        #expect(abs(m.confidence - 0.7) < 1e-9)
        #expect(m.evidence.first == "nom d'école « École élémentaire Jules Ferry » reconnu", "\(m.evidence)")
        #expect(m.evidence.contains { $0.hasPrefix("confiance 0,70 inférieure au seuil") }, "\(m.evidence)")
    }

    @Test("Below a lower threshold, the second namesake is still the close candidate that makes it abstain")
    func secondNamesakeStillCounts() {
        let matcher = CooperativeMatcher(registry: Self.registry(count: 300), threshold: 0.65)
        let m = matcher.match(MatchInput(sender: "parent@gmail.test", documentText: Self.quitus))
        #expect(m.cooperative == nil, "\(m.evidence)")
        #expect(m.evidence.contains("autre candidate proche : 075-0002"), "\(m.evidence)")
    }

    @Test("A single school of that name, and a lower threshold, is matched by its name")
    func singleNamesakeMatches() {
        let matcher = CooperativeMatcher(registry: Self.registry(count: 1), threshold: 0.65)
        let m = matcher.match(MatchInput(sender: "parent@gmail.test", documentText: Self.quitus))
        #expect(m.cooperative?.description == "075-0001", "\(m.evidence)")
    }
}

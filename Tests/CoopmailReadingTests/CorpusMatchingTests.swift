import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

/// The fixture documents as the reader reads them, matched against the dense registry (every number 075-0001 …
/// 075-0999 registered): no stray number names a cooperative, and the indexed matcher decides as the plain scan.
/// The matcher's own tests, on generated text, are in CoopmailClassificationTests.
@Suite struct CorpusMatchingTests {
    static let finder = CooperativeNumberFinder(defaultDepartment: 75)

    /// The coop number written in a fixture's file name (`quitus-0123.pdf` → 075-0123).
    static func numberInName(_ name: String) -> CooperativeNumber? {
        let digits = name.split(whereSeparator: { !$0.isNumber }).last.map(String.init) ?? ""
        return digits.count == 4 ? CooperativeNumber(department: 75, number: Int(digits) ?? 0) : nil
    }

    @Test func everyFixtureDocumentNamesOnlyItsOwnCooperative() async throws {
        let labels = try Fixtures.labels()
        let matcher = CooperativeMatcher(registry: try FixtureRegistry.dense(), defaultDepartment: 75)
        for (name, expected) in labels.files.sorted(by: { $0.key < $1.key }) {
            let (_, parts) = try await CorpusCache.read(name)
            for (i, part) in parts.enumerated() {
                let label: String? = i < expected.count ? expected[i].coop : nil
                let truth: CooperativeNumber? =
                    label.flatMap { CooperativeNumber(parsing: $0) } ?? Self.numberInName(name)
                let found = Self.finder.find(in: part.text)
                let wrong = found.filter { $0.number != truth }
                #expect(
                    wrong.isEmpty, "\(name) part \(i): stray numbers \(wrong.map { "\($0.written) → \($0.number)" })")
                let numbers = part.quitus?.cooperativeNumbers ?? []
                #expect(numbers.allSatisfy { $0 == truth }, "\(name) part \(i): quitus numbers \(numbers)")
                if let truth, Folding.fold(part.text).contains(truth.description) {
                    #expect(found.contains { $0.number == truth }, "\(name) part \(i): printed \(truth) not found")
                }
                let m = matcher.match(
                    MatchInput(
                        filename: name, documentText: part.text, statement: part.statement?.statement,
                        quitus: part.quitus, documentTextIsOCR: part.ocr))
                if let c = m.cooperative {
                    #expect(c == truth, "\(name) part \(i): matched \(c), is \(String(describing: truth))")
                }
            }
        }
    }

    /// Every fixture document as read, with the fixture registry and the dense one, alone and with a sender.
    @Test func everyFixtureDocumentDecidesAsThePlainScan() async throws {
        let labels = try Fixtures.labels()
        for registry in [try FixtureRegistry.cooperatives(), try FixtureRegistry.dense()] {
            let plain = CooperativeMatcher(registry: registry, defaultDepartment: 75, lookup: .plainScan)
            let indexed = CooperativeMatcher(registry: registry, defaultDepartment: 75)
            var compared = 0
            for name in labels.files.keys.sorted() {
                let (_, parts) = try await CorpusCache.read(name)
                for (i, part) in parts.enumerated() {
                    let sender = registry.first { Folding.fold(part.text).contains($0.number.description) }?
                        .mandataire.emails.first
                    for input in [
                        MatchInput(
                            filename: name, documentText: part.text, statement: part.statement?.statement,
                            quitus: part.quitus, documentTextIsOCR: part.ocr),
                        MatchInput(
                            sender: sender, subject: "Documents", filename: name, documentText: part.text,
                            statement: part.statement?.statement, quitus: part.quitus, documentTextIsOCR: !part.ocr),
                    ] {
                        #expect(indexed.match(input) == plain.match(input), "\(name) partie \(i)")
                        compared += 1
                    }
                }
            }
            #expect(compared > 20)
        }
    }
}

import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// Reads the whole labelled corpus and prints per-field accuracy (kind, coop, 31 Aug balance to the cent).
/// Fails on any wrong cooperative (abstaining is allowed, a wrong match is not) and on poor accuracy.
@Suite struct CorpusAccuracyTests {
    @Test func accuracyReport() async throws {
        let labels = try Fixtures.labels()
        let registry = try Fixtures.registry()
        let matcher = CooperativeMatcher(registry: registry, defaultDepartment: 75)
        let closing = Exercise(startYear: 2020).closing
        var kindOK = 0
        var kindTotal = 0
        var coopOK = 0
        var coopWrong = 0
        var coopTotal = 0
        var withSenderOK = 0
        var withSenderWrong = 0
        var balanceOK = 0
        var balanceTotal = 0
        var lines: [String] = []
        for name in labels.files.keys.sorted() {
            let truth = labels.files[name]!
            let (_, parts) = try await CorpusCache.read(name)
            for label in truth {
                kindTotal += 1
                let part = parts.first { $0.pages == label.pages }
                let kind = part?.kind.rawValue ?? "absent"
                if kind == label.kind { kindOK += 1 }
                var line =
                    "\(name) p\(label.pages): kind \(kind)\(kind == label.kind ? "" : " (attendu \(label.kind))")"
                if let part {
                    coopTotal += 1
                    let input = MatchInput(
                        documentText: part.text, statement: part.statement?.statement, quitus: part.quitus)
                    let m = matcher.match(input)
                    if m.cooperative?.description == label.coop {
                        coopOK += 1
                    } else if m.cooperative != nil {
                        coopWrong += 1
                    }
                    // The same with the sender a mandataire would use.
                    var withSender = input
                    withSender.sender = label.coop.flatMap { c in
                        registry.first { $0.number.description == c }?.mandataire.emails.first
                    }
                    let ms = matcher.match(withSender)
                    if ms.cooperative?.description == label.coop {
                        withSenderOK += 1
                    } else if ms.cooperative != nil {
                        withSenderWrong += 1
                    }
                    line += ", coop \(m.cooperative?.description ?? "aucune") (\(String(format: "%.2f", m.confidence)))"
                    if label.kind == "bank_statement" {
                        balanceTotal += 1
                        let b = part.statement?.balance(at: closing)
                        if b?.amount.cents == label.balance0831Cents && b?.source.rawValue == label.balanceSource {
                            balanceOK += 1
                        }
                        line +=
                            ", solde 31/08 \(b.map { "\($0.amount.cents) \($0.source.rawValue)" } ?? "nil")"
                            + " (attendu \(label.balance0831Cents.map(String.init) ?? "nil"))"
                    }
                }
                lines.append(line)
            }
        }
        func pct(_ a: Int, _ b: Int) -> String {
            b == 0 ? "-" : String(format: "%d/%d (%.0f %%)", a, b, 100 * Double(a) / Double(b))
        }
        print("== Exactitude sur le corpus étiqueté ==")
        lines.forEach { print("  " + $0) }
        print("nature : \(pct(kindOK, kindTotal))")
        print("coopérative (document seul) : \(pct(coopOK, coopTotal)), erreurs \(coopWrong)")
        print("coopérative (avec expéditeur) : \(pct(withSenderOK, coopTotal)), erreurs \(withSenderWrong)")
        print("solde au 31/08 (au centime, même source) : \(pct(balanceOK, balanceTotal))")
        #expect(coopWrong == 0)
        #expect(withSenderWrong == 0)
        #expect(Double(kindOK) >= 0.9 * Double(kindTotal))
        #expect(Double(balanceOK) >= 0.8 * Double(balanceTotal))
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// The figures of an OCR'd quitus (seed-6 corpus): « 1 00,00 € » (a number OCR split with a space) was read 0,00 €
/// and « 5771,81 € » for « 5 771,31 € » made the quitus differ from the declaration. A split number is left unread; a
/// reading whose five figures do not add up is marked so. Quitus pages are drawn by seed: figures, indent, gaps.
@Suite struct QuitusFiguresTests {
    static func french(_ cents: Int) -> String { LostAmountTests.french(cents) }

    /// (opening, income, expenses, bank, cash) that add up, and the page printing them with `spelled` per figure.
    static func page(seed: UInt64, spelled: (Int, String) -> String = { _, s in s }) -> (String, [Int]) {
        var rng = SeededGenerator(seed: seed)
        let opening = Int.random(in: 10_000...500_000, using: &rng)
        let income = Int.random(in: 10_000...900_000, using: &rng)
        let expenses = Int.random(in: 10_000...(opening + income - 1_000), using: &rng)
        let cash = Int.random(in: 0...min(30_000, opening + income - expenses), using: &rng)
        let bank = opening + income - expenses - cash
        let figures = [opening, income, expenses, bank, cash]
        let labels = [
            "Report à nouveau au 01/09/2020", "Total des produits (classe 7)", "Total des charges (classe 6)",
            "Solde banque au 31/08/2021", "Solde caisse au 31/08/2021",
        ]
        let indent = String(repeating: " ", count: Int.random(in: 2...12, using: &rng))
        let gap = Int.random(in: 20...40, using: &rng)
        var lines = [indent + "COMPTE RENDU FINANCIER - Exercice 2020-2021", indent + "Coopérative n° 0445", ""]
        for (i, label) in labels.enumerated() {
            let amount = spelled(i, french(figures[i])) + " €"
            lines.append(
                indent + label.padding(toLength: max(gap, label.count + 2), withPad: " ", startingAt: 0) + amount)
        }
        lines += ["", indent + "QUITUS", indent + "Nous déclarons que le compte rendu financier nous semble correct."]
        return (lines.joined(separator: "\n"), figures)
    }

    @Test func figuresThatAddUpAreReadAndNotMarked() {
        for seed in UInt64(1)...12 {
            let (text, f) = Self.page(seed: seed)
            for ocr in [false, true] {
                let q = QuitusReader.read(text, ocr: ocr)
                #expect(q.income?.cents == Int64(f[1]) && q.expenses?.cents == Int64(f[2]), "seed \(seed)\n\(text)")
                #expect(q.bankBalance?.cents == Int64(f[3]) && q.unbalancedReading == nil, "seed \(seed)\n\(text)")
            }
        }
    }

    @Test func aNumberSplitByOCRIsLeftUnread() {
        for seed in UInt64(1)...12 {
            var rng = SeededGenerator(seed: seed &+ 500)
            let which = Int.random(in: 1...3, using: &rng)
            // « 1 00,00 », « 12 34,56 », « 5 771,31 » → « 57 71,31 »: a space OCR put inside the integer part.
            let (text, _) = Self.page(seed: seed) { i, s in
                guard i == which else { return s }
                let digits = s.filter { $0 != " " }
                let integer = digits.prefix { $0 != "," }
                guard integer.count >= 2 else { return s }
                let cut = Int.random(in: 1..<integer.count, using: &rng)
                return String(digits.prefix(cut)) + " " + String(digits.dropFirst(cut))
            }
            let q = QuitusReader.read(text, ocr: true)
            let read = [q.income, q.expenses, q.bankBalance][which - 1]
            // Unread, or (a split that happens to be a thousands space) the printed figure itself.
            let printed = Self.page(seed: seed).1[which]
            #expect(read == nil || read?.cents == Int64(printed), "seed \(seed)\n\(text)")
        }
    }

    @Test func anOCRReadingWhoseFiguresDoNotAddUpIsMarked() {
        for seed in UInt64(1)...12 {
            var rng = SeededGenerator(seed: seed &+ 900)
            let which = Int.random(in: 0...4, using: &rng)
            // One digit misread (« 3 » read « 8 », or any other): the figures no longer add up.
            let (text, _) = Self.page(seed: seed) { i, s in
                guard i == which else { return s }
                var chars = Array(s)
                let digits = chars.indices.filter { chars[$0].isNumber }
                let k = digits[Int.random(in: 0..<digits.count, using: &rng)]
                let d = Int(String(chars[k])) ?? 0
                chars[k] = Character(String((d + Int.random(in: 1...9, using: &rng)) % 10))
                return String(chars)
            }
            #expect(QuitusReader.read(text, ocr: true).unbalancedReading == true, "seed \(seed)\n\(text)")
            // From a text layer the figures are the printed ones: not marked.
            #expect(QuitusReader.read(text, ocr: false).unbalancedReading == nil, "seed \(seed)")
            // And only an OCR reading says so (a one-digit difference from the declaration is then left to staff).
            #expect(QuitusReader.read(text, ocr: true).readByOCR == true)
            #expect(QuitusReader.read(text, ocr: false).readByOCR == nil)
        }
    }
}

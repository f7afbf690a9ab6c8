import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// OCR words laid out by their position: the amounts of one column line up whatever the length of the label before
/// them, so the débit / crédit side read from the text is the printed one.
@Suite struct OCRLayoutTests {
    /// A seeded table of movements as tesseract's TSV: labels of random length, amounts right-aligned in the débit or
    /// crédit column, each line shifted by a few pixels (a skewed page).
    static func table(seed: UInt64) -> (tsv: String, opening: Int64, closing: Int64) {
        var rng = SeededGenerator(seed: seed)
        let words = ["VIR", "SEPA", "CB", "MONOPRIX", "PARIS", "REMISE", "CHQ", "PRLV", "EDF", "COTISATION", "OCCE"]
        var rows: [String] = []
        var line = 0
        func word(_ x: Int, _ text: String) {
            rows.append("5\t1\t1\t1\t\(line)\t1\t\(x)\t\(100 + 50 * line)\t\(text.count * 25)\t40\t90\t\(text)")
        }
        let debitRight = 1900
        let creditRight = 2250
        let opening = Int64.random(in: 100_000...500_000, using: &rng)
        var balance = opening
        line += 1
        word(150, "Date")
        word(400, "Libellé")
        word(debitRight - 125, "Débit")
        word(creditRight - 150, "Crédit")
        func amountText(_ cents: Int64) -> String { Money(cents: cents).frenchNumber }
        /// An amount ending at `right`: its thousands group is a word of its own, as tesseract reads it.
        func amount(_ right: Int, _ text: String) {
            var x = right - text.count * 25
            for part in text.split(separator: "\u{00A0}") {
                word(x, String(part))
                x += (part.count + 1) * 25
            }
        }
        line += 1
        word(400, "Ancien")
        word(560, "solde")
        let openingText = amountText(opening)
        amount(creditRight, openingText)
        for day in 2...9 {
            line += 1
            let shift = Int.random(in: -12...12, using: &rng)
            word(150 + shift, String(format: "%02d/08", day))
            var x = 400 + shift
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let w = words[Int.random(in: 0..<words.count, using: &rng)]
                word(x, w)
                x += w.count * 25 + 25
            }
            let cents = Int64.random(in: 500...90_000, using: &rng)
            let debit = Bool.random(using: &rng)
            balance += debit ? -cents : cents
            let text = amountText(cents)
            amount((debit ? debitRight : creditRight) + shift, text)
        }
        line += 1
        word(400, "Nouveau")
        word(600, "solde")
        let closingText = amountText(abs(balance))
        amount(balance < 0 ? debitRight : creditRight, closingText)
        return (rows.joined(separator: "\n"), opening, balance)
    }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func amountsKeepTheirColumn(seed: UInt64) throws {
        let (tsv, _, closing) = Self.table(seed: seed)
        let text = try #require(OCRLayout.text(fromTSV: tsv))
        let reading = StatementReader.read("Période du 01/08/2021 au 31/08/2021\n" + text, ocr: true)
        #expect(reading.reconciled, "\(text)")
        #expect(reading.statement.balances.last?.amount.cents == closing, "\(text)")
    }

    @Test func plainTextIsKeptAsItIs() {
        #expect(OCRLayout.text(fromTSV: "RELEVE DE COMPTE\n") == nil)
        #expect(OCRLayout.pageText("RELEVE DE COMPTE\n") == "RELEVE DE COMPTE\n")
    }
}

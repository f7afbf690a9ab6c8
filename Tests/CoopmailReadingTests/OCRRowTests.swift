import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// Rows of a tilted page rebuilt from the word boxes: tesseract may read a photographed statement's amounts as a
/// column of their own (another block, other lines), or give a row's amount to the next row; the reader must still
/// put every amount on its movement's line, and compute the balance at 31/08 to the cent.
@Suite struct OCRRowTests {
    struct Page {
        var tsv: String
        var closing: CalendarDate
        var expected: Int64
    }

    /// A statement straddling 31/08 as tesseract's TSV on a page tilted by a seeded slope (up to about 1.5°, so that
    /// a row's right end sits a whole row lower or higher than its left end). The amounts are reported as a block of
    /// their own, after the labels, as tesseract does when it takes them for a separate column.
    static func page(seed: UInt64) -> Page {
        var rng = SeededGenerator(seed: seed &* 2_654_435_761 &+ 11)
        let slope = Double.random(in: 0.012...0.026, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
        let rowHeight = 52
        let labels = ["VIR", "SEPA", "CB", "MONOPRIX", "REMISE", "CHQ", "PRLV", "EDF", "COTISATION", "OCCE", "APE"]
        var left: [String] = []
        var right: [String] = []
        var row = 0
        var rightLine = 0
        func y(_ x: Int) -> Int { 300 + rowHeight * row + Int((slope * Double(x)).rounded()) }
        func word(_ x: Int, _ text: String, block: Int = 1) {
            let line = block == 1 ? row : rightLine
            let entry = "5\t1\t\(block)\t1\t\(line)\t1\t\(x)\t\(y(x))\t\(text.count * 25)\t40\t90\t\(text)"
            if block == 1 { left.append(entry) } else { right.append(entry) }
        }
        func words(_ x: Int, _ text: String) {
            var x = x
            for w in text.split(separator: " ") {
                word(x, String(w))
                x += (w.count + 1) * 25
            }
        }
        let debitRight = 1900
        let creditRight = 2300
        /// An amount ending at `right` (thousands group a word of its own), in the amounts' own block.
        func amount(_ right: Int, _ cents: Int64) {
            let text = Money(cents: cents).frenchNumber
            var x = right - text.count * 25
            rightLine += 1
            for part in text.split(separator: "\u{00A0}") {
                word(x, String(part), block: 2)
                x += (part.count + 1) * 25
            }
        }
        let year = 2021
        let startDay = Int.random(in: 5...25, using: &rng)
        words(150, "Période du \(Self.two(startDay))/08/\(year) au \(Self.two(startDay - 1))/09/\(year)")
        row += 1
        words(150, "Date")
        words(400, "Libellé")
        words(debitRight - 125, "Débit")
        words(creditRight - 150, "Crédit")
        row += 1
        let opening = Int64.random(in: 50_000...600_000, using: &rng)
        words(400, "Ancien solde au \(Self.two(startDay - 1))/08/\(year)")
        amount(creditRight, opening)
        var balance = opening
        var at31 = opening
        var days: [(Int, Int)] = (startDay...31).map { ($0, 8) } + (1..<startDay).map { ($0, 9) }
        days = days.filter { _ in Double.random(in: 0..<1, using: &rng) < 0.35 }
        for (day, month) in days {
            row += 1
            words(150, "\(Self.two(day))/\(Self.two(month))")
            var x = 400
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let w = labels[Int.random(in: 0..<labels.count, using: &rng)]
                word(x, w)
                x += (w.count + 1) * 25
            }
            let cents = Int64.random(in: 500...150_000, using: &rng)
            let debit = Bool.random(using: &rng)
            balance += debit ? -cents : cents
            if month == 8 { at31 = balance }
            amount(debit ? debitRight : creditRight, cents)
        }
        row += 1
        words(400, "Nouveau solde au \(Self.two(startDay - 1))/09/\(year)")
        amount(balance < 0 ? debitRight : creditRight, abs(balance))
        return Page(
            tsv: (left + right).joined(separator: "\n"), closing: CalendarDate(year: year, month: 8, day: 31)!,
            expected: at31)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    @Test(arguments: Array(UInt64(1)...12))
    func amountsReadAsTheirOwnColumnRejoinTheirRows(seed: UInt64) throws {
        let page = Self.page(seed: seed)
        let text = try #require(OCRLayout.text(fromTSV: page.tsv))
        let reading = StatementReader.read(text, ocr: true)
        let b = reading.balance(at: page.closing)
        #expect(b?.amount.cents == page.expected && b?.source == .computed, "seed \(seed)\n\(text)")
    }
}

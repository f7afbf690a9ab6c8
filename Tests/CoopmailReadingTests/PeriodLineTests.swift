import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// A date that opens the statement's period (« du 01/08/2021 au 31/08/2021 ») is no operation's. On a tilted phone
/// photo (seed 8 of the mail corpus, mail 0001) OCR broke « Compte courant n° 585.80.2988 » in two and joined it to
/// the period on the same line: « 585.80 » read as an amount made the line a movement of 585,80 € dated 01/08, and
/// no reading of the statement could add up.
@Suite struct PeriodLineTests {
    static let seeds: [UInt64] = Array(1...10)

    @Test(arguments: seeds) func theAccountNumberBesideThePeriodIsNoMovement(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let text = s.text().replacingOccurrences(
            of: "Compte courant n° 518.06.4209", with: "Compte courant n° 518.06 .06.4209")
        #expect(text.contains("518.06 .06.4209"))
        let reading = StatementReader.read(text, ocr: true)
        #expect(reading.statement.movements.count == s.rows.count, "graine \(seed)\n\(text)")
        #expect(reading.reconciled, "graine \(seed)\n\(text)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected, "graine \(seed)")
    }

    /// A row whose label names a period of its own (a bill « du 01/07/2021 au 31/07/2021 ») stays a movement: its
    /// operation date opens the row, not the period.
    @Test(arguments: seeds) func aRowThatNamesAPeriodInItsLabelStaysAMovement(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let movements = s.rows.map { row in
            s.line(
                OCRStatementText.date(row.day, row.month), row.label + " DU 01/07/2021 AU 31/07/2021", row.cents)
        }
        for ocr in [false, true] {
            let reading = StatementReader.read(s.text(movements: movements), ocr: ocr)
            #expect(
                reading.statement.movements.map { [$0.date.month, $0.date.day] } == s.rows.map { [$0.month, $0.day] },
                "graine \(seed) ocr \(ocr)")
            // Never a wrong balance (some seeds give none: the label's dates, out of the period, make it unsure).
            let cents = reading.balance(at: s.closingDate)?.amount.cents
            #expect(cents == nil || cents == s.expected, "graine \(seed) ocr \(ocr)")
        }
    }
}

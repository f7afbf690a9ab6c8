import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// OCR slips of a statement row that the reader repairs on OCR text only: a date that lost its slashes, an amount
/// before « € » that lost its comma, a balance line that lost its date. The same spoilt lines in a text layer are
/// read as printed (typed text is never repaired), and the statement then does not reconcile.
@Suite struct OCRSlipTests {
    static let seeds: [UInt64] = Array(1...12)

    @Test func runTogetherDatesGetTheirSlashesBack() {
        #expect(StatementText.normalise("3108   CB CULTURA   12,00", ocr: true).hasPrefix("31/08 "))
        #expect(StatementText.normalise("31082021 CB CULTURA   12,00", ocr: true).hasPrefix("31/08/2021 "))
        #expect(StatementText.normalise("31/082021 CB CULTURA   12,00", ocr: true).hasPrefix("31/08/2021 "))
        #expect(StatementText.normalise("31.0821 CB CULTURA   12,00", ocr: true).hasPrefix("31/08/21 "))
        // The value date after the operation date too.
        #expect(StatementText.normalise("31/08  0109  CB CULTURA  12,00", ocr: true).hasPrefix("31/08  01/09 "))
        // No possible day and month, or not in the date columns: left alone.
        for line in ["1234 RUE DES ECOLES", "2021 EXERCICE", "CB GIBERT 3108   12,00", "31/08 CHQ 0109 12,00"] {
            #expect(StatementText.normalise(line, ocr: true) == line)
        }
        #expect(StatementText.normalise("3108   CB CULTURA   12,00", ocr: false) == "3108   CB CULTURA   12,00")
    }

    @Test func euroAmountsGetTheirCommaBack() {
        #expect(StatementText.normalise("CB CULTURA   12345 €", ocr: true) == "CB CULTURA   123,45 €")
        #expect(StatementText.normalise("CB CULTURA   1 23456 €", ocr: true) == "CB CULTURA   1 234,56 €")
        #expect(StatementText.normalise("CB CULTURA   1 234 56 €", ocr: true) == "CB CULTURA   1 234,56 €")
        for line in ["CB CULTURA   1 234,56 €", "CB CULTURA   60,00 €", "CB CULTURA   12,00"] {
            #expect(StatementText.normalise(line, ocr: true) == line)
        }
        #expect(StatementText.normalise("CB CULTURA   12345 €", ocr: false) == "CB CULTURA   12345 €")
    }

    /// One movement line of a seeded statement spoilt by `slip`: read as OCR the balance at 31/08 is exact, read as a
    /// text layer the statement does not reconcile (no balance computed).
    func check(_ seed: UInt64, spoil slip: (OCRStatementText, Int) -> String?) throws {
        let s = OCRStatementText(seed: seed)
        var lines = s.movementLines
        let k = Int(seed) % lines.count
        guard let spoilt = slip(s, k) else { return }
        lines[k] = spoilt
        let text = s.text(movements: lines)
        let ocr = StatementReader.read(text, ocr: true)
        #expect(ocr.reconciled, "graine \(seed)\n\(text)")
        #expect(ocr.balance(at: s.closingDate)?.amount.cents == s.expected, "graine \(seed)\n\(text)")
        let typed = StatementReader.read(text, ocr: false)
        #expect(!typed.reconciled && typed.balance(at: s.closingDate) == nil, "graine \(seed)\n\(text)")
    }

    @Test(arguments: seeds) func movementDateWithoutSlashes(seed: UInt64) throws {
        try check(seed) { s, k in
            let r = s.rows[k]
            let run = String(format: "%02d%02d", r.day, r.month) + (seed % 2 == 0 ? "2021" : "")
            return s.line(run, r.label, r.cents)
        }
    }

    @Test(arguments: seeds) func euroAmountWithoutComma(seed: UInt64) throws {
        try check(seed) { s, k in
            guard s.euro else { return nil }
            let r = s.rows[k]
            let line = s.line(OCRStatementText.date(r.day, r.month), r.label, r.cents)
            return line.replacingOccurrences(of: ",", with: seed % 3 == 0 ? " " : "")
        }
    }

    /// Every movement line lost its comma (the balances kept theirs): the repaired reading reconciles, the balance is
    /// exact.
    @Test(arguments: seeds) func everyMovementLostItsComma(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        guard s.euro else { return }
        let lines = s.movementLines.enumerated().map { k, line in
            line.replacingOccurrences(of: ",", with: k % 2 == 0 ? "" : " ")
        }
        let text = s.text(movements: lines)
        let ocr = StatementReader.read(text, ocr: true)
        #expect(ocr.reconciled, "graine \(seed)\n\(text)")
        #expect(ocr.balance(at: s.closingDate)?.amount.cents == s.expected, "graine \(seed)\n\(text)")
    }

    /// A layout that prints whole euros (`150 €`) is not a lost comma: never read as 1,50 €. Its amounts have no
    /// decimals, so the reader gives no balance rather than one a hundred times too small; the same with one movement
    /// printed with cents among whole euros, and with one balance printed with cents.
    @Test(arguments: seeds) func wholeEuroLayoutIsNeverReadInCents(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed, wholeEuros: true)
        var lines = s.movementLines
        let k = Int(seed) % lines.count
        var texts = [s.text()]
        let withCents = s.rows[k].cents < 0 ? s.rows[k].cents - 50 : s.rows[k].cents + 50
        lines[k] = s.line(OCRStatementText.date(s.rows[k].day, s.rows[k].month), s.rows[k].label, withCents)
        texts.append(s.text(movements: lines))
        texts.append(s.text(closing: s.line("", "SOLDE CREDITEUR AU 31/08/2021", s.expected + 1)))
        let printedBalances: Set<Int64> = [s.opening, s.closing, s.expected + 1]
        let printedMovements = Set(s.rows.map(\.cents) + [withCents])
        for text in texts {
            let ocr = StatementReader.read(text, ocr: true)
            let movements = Set(ocr.statement.movements.map { abs($0.amount.cents) })
            #expect(movements.isSubset(of: Set(printedMovements.map(abs))), "graine \(seed)\n\(text)")
            let balances = Set(ocr.statement.balances.map(\.amount.cents))
            #expect(balances.isSubset(of: printedBalances), "graine \(seed)\n\(text)")
            if let b = ocr.balance(at: s.closingDate) {
                #expect([s.expected, s.expected + 1].contains(b.amount.cents), "graine \(seed)\n\(text)")
            }
        }
        // The unit: a whole-euro line keeps its spelling when the repair is off.
        #expect(StatementText.normalise("CB CULTURA   150 €", ocr: true, euroCommas: false) == "CB CULTURA   150 €")
    }

    @Test(arguments: seeds) func balanceLineThatLostItsDate(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let opening = seed % 2 == 0
        let undated = s.line("", "SOLDE CREDITEUR AU", opening ? s.opening : s.closing)
        let text = opening ? s.text(opening: undated) : s.text(closing: undated)
        let ocr = StatementReader.read(text, ocr: true)
        #expect(ocr.reconciled, "graine \(seed)\n\(text)")
        #expect(ocr.balance(at: s.closingDate)?.amount.cents == s.expected, "graine \(seed)\n\(text)")
        #expect(ocr.statement.balances.count == 2)
        let typed = StatementReader.read(text, ocr: false)
        #expect(!typed.reconciled && typed.balance(at: s.closingDate) == nil, "graine \(seed)\n\(text)")
    }
}

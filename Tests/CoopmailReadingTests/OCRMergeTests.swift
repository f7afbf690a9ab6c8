import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// Two OCR readings of one statement page merged line by line (``OCRMerge``), kept only when the merge reconciles and
/// both merge orders give the same figures (``DocumentReader/checkedStatement(_:_:)``).
@Suite struct OCRMergeTests {
    static let seeds: [UInt64] = Array(1...10)

    /// The amounts of one column blanked out, as tesseract's single-column reading drops a photo's débit column.
    static func withoutColumn(_ s: OCRStatementText, debit: Bool) -> [String] {
        zip(s.rows, s.movementLines).map { row, line in
            guard (row.cents < 0) == debit else { return line }
            return s.line(OCRStatementText.date(row.day, row.month), row.label, 0)
                .replacingOccurrences(of: s.amount(0), with: "")
        }
    }

    @Test(arguments: seeds) func aDroppedColumnIsTakenFromTheOtherReading(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let first = s.text(movements: Self.withoutColumn(s, debit: true))
        let second = s.text()
        #expect(!StatementReader.read(first, ocr: true).reconciled)
        let forward = OCRMerge.merge(pages: [first], [second])
        let backward = OCRMerge.merge(pages: [second], [first])
        let reading = try #require(DocumentReader.checkedStatement(forward, backward), "graine \(seed)\n\(forward)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    /// The date column dropped (the movements then read as labels with amounts): taken from the other reading.
    @Test(arguments: seeds) func aDroppedDateColumnIsTakenFromTheOtherReading(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let first = s.text(
            movements: zip(s.rows, s.movementLines).map {
                $1.replacingOccurrences(of: OCRStatementText.date($0.day, $0.month), with: "")
            })
        #expect(!StatementReader.read(first, ocr: true).reconciled)
        let forward = OCRMerge.merge(pages: [first], [s.text()])
        let backward = OCRMerge.merge(pages: [s.text()], [first])
        let reading = try #require(DocumentReader.checkedStatement(forward, backward), "graine \(seed)\n\(forward)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    /// The first reading lost the header's « Débit » and « Crédit » as well as the débit column: the other reading's
    /// header, which names more, is taken, and the amounts find their sides again.
    @Test(arguments: seeds) func aHeaderThatLostItsColumnsIsTakenFromTheOtherReading(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let header = try #require(s.headerLines.last)
        let first = s.text(movements: Self.withoutColumn(s, debit: true))
            .replacingOccurrences(of: header, with: "Date       Libellé")
        let forward = OCRMerge.merge(pages: [first], [s.text()])
        let backward = OCRMerge.merge(pages: [s.text()], [first])
        let reading = try #require(DocumentReader.checkedStatement(forward, backward), "graine \(seed)\n\(forward)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    @Test(arguments: seeds) func aMissingRowIsAddedInItsPlace(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        var lines = s.movementLines
        let k = Int(seed) % lines.count
        let missing = lines.remove(at: k)
        let first = s.text(movements: lines)
        let merged = OCRMerge.merge(first, s.text())
        let mergedLines = OCRMerge.lines(merged)
        #expect(mergedLines == OCRMerge.lines(s.text()), "graine \(seed)\n\(merged)")
        #expect(mergedLines.contains(missing))
        let reading = try #require(DocumentReader.checkedStatement(merged, OCRMerge.merge(s.text(), first)))
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    /// The readings disagree on an amount both show: each merge order keeps its primary's, the figures differ, and
    /// nothing is taken from the merge (the caller keeps the first reading).
    @Test(arguments: seeds) func aDisagreementKeepsTheFirstReading(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let first = s.text(movements: Self.withoutColumn(s, debit: true))
        var other = s.movementLines
        let k = try #require(s.rows.indices.first { s.rows[$0].cents > 0 })
        let row = s.rows[k]
        other[k] = s.line(OCRStatementText.date(row.day, row.month), row.label, row.cents + 900)
        let second = s.text(movements: other)
        let forward = OCRMerge.merge(pages: [first], [second])
        let backward = OCRMerge.merge(pages: [second], [first])
        #expect(DocumentReader.checkedStatement(forward, backward) == nil, "graine \(seed)\n\(forward)")
    }

    /// Two readings that each miss something the other has, in either order: the same statement.
    @Test(arguments: seeds) func bothOrdersAgreeWhenTheReadingsComplementEachOther(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let first = s.text(movements: Self.withoutColumn(s, debit: true))
        let second = s.text(movements: Self.withoutColumn(s, debit: false))
        let forward = OCRMerge.merge(pages: [first], [second])
        let backward = OCRMerge.merge(pages: [second], [first])
        let reading = try #require(DocumentReader.checkedStatement(forward, backward), "graine \(seed)\n\(forward)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    /// The other reading keeps the date column the first lost, but a stray digit crept into its closing date (« au 21
    /// 1/09/2021 », in the header and on the closing line, as on a phone photo of the corpus): the clean lines are taken
    /// in both merge orders, which then agree.
    @Test(arguments: seeds) func aStrayDigitInADateLosesToTheCleanLine(seed: UInt64) throws {
        let s = OCRStatementText(seed: seed)
        let first = s.text(
            movements: zip(s.rows, s.movementLines).map {
                $1.replacingOccurrences(of: OCRStatementText.date($0.day, $0.month), with: "")
            })
        let end = OCRStatementText.date(s.end.day, s.end.month)
        let spoilt = String(end.prefix(2)) + " 1" + String(end.dropFirst(2))
        let second = s.text().replacingOccurrences(of: end, with: spoilt)
        #expect(second.contains(spoilt))
        #expect(!StatementReader.read(first, ocr: true).reconciled)
        let forward = OCRMerge.merge(pages: [first], [second])
        let backward = OCRMerge.merge(pages: [second], [first])
        let reading = try #require(DocumentReader.checkedStatement(forward, backward), "graine \(seed)\n\(backward)")
        #expect(reading.balance(at: s.closingDate)?.amount.cents == s.expected)
    }

    static func quitus(_ income: String, _ expenses: String, _ bank: String) -> String {
        """
        COMPTE RENDU FINANCIER 2020-2021
        Coopérative scolaire 075-0123 École élémentaire des Lilas
        Total des produits          \(income)
        Total des charges           \(expenses)
        Solde banque au 31/08       \(bank)
        """
    }

    @Test func aQuitusGetsTheTotalItsFirstReadingMissed() throws {
        let first = Self.quitus("4 210,50", "", "1 845,20")
        let second = Self.quitus("4 210,50", "3 980,15", "1 845,20")
        let read = QuitusReader.read(first)
        #expect(read.expenses == nil)
        let forward = OCRMerge.merge(first, second)
        let backward = OCRMerge.merge(second, first)
        let quitus = try #require(DocumentReader.checkedQuitus(forward, backward, first: read))
        #expect(
            quitus.income?.cents == 421_050 && quitus.expenses?.cents == 398_015 && quitus.bankBalance?.cents == 184_520
        )
        // The readings disagree on a total both show: nothing is taken.
        let other = Self.quitus("4 270,50", "3 980,15", "1 845,20")
        #expect(
            DocumentReader.checkedQuitus(OCRMerge.merge(first, other), OCRMerge.merge(other, first), first: read) == nil
        )
    }

    @Test func unrelatedLinesDoNotPair() {
        #expect(!OCRMerge.similar(OCRMerge.keys("31/08/2021 CB CULTURA 12,00"), OCRMerge.keys("01/09 VIR SEPA RECU")))
        #expect(OCRMerge.similar(OCRMerge.keys("31/08/2021 CB CULTURA 12,00"), OCRMerge.keys("31/08/2021 CB CULTURA")))
        #expect(!OCRMerge.similar(OCRMerge.keys("12,00"), OCRMerge.keys("12,00")))
    }
}

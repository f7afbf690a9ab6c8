import CoopmailDomain
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

@testable import CoopmailReading

/// Two things OCR does to a phone photo of a one-amount-column statement with an operation date and a value date
/// (seed-6 corpus, mails 0023 and 0163): it loses the decimal comma of an amount with no euro sign after it
/// (« 142965 » for « 1 429,65 »), and it loses the value-date column, leaving each row's operation date under its own
/// header word. Statements are drawn by seed: header spelling and order of the date columns, indent, column widths,
/// rows, the row that lost its comma.
@Suite struct OCRColumnTests {
    static let closing = Exercise(startYear: 2020).closing

    struct Drawn {
        var rows: [(operation: CalendarDate, value: CalendarDate, label: String, cents: Int)]
        var opening: Int
        var balanceAtClosing: Int
        var header: String
        var valueFirst: Bool
        var indent: Int
        var dateWidth: Int
        var labelWidth: Int
    }

    static func french(_ cents: Int) -> String { StatementOrderLayoutTests.french(cents) }

    static func pad(_ s: String, _ width: Int) -> String { LostAmountTests.padded(s, width) }

    static func dmy(_ d: CalendarDate) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }

    static func draw(seed: UInt64) -> Drawn {
        var rng = SeededGenerator(seed: seed)
        let labels = ["CB LIBRAIRIE", "VIR SEPA FAMILLE MARTIN", "PRLV SEPA EDF", "REMISE CHQ 4 CHQ", "CB MONOPRIX"]
        var rows: [(CalendarDate, CalendarDate, String, Int)] = []
        var day = 0  // days after 14/08/2021
        for _ in 0..<Int.random(in: 6...10, using: &rng) {
            day += Int.random(in: 1...3, using: &rng)
            let lag = Int.random(in: 0...3, using: &rng)
            func date(_ n: Int) -> CalendarDate? {
                n <= 17
                    ? CalendarDate(year: 2021, month: 8, day: 14 + n) : CalendarDate(year: 2021, month: 9, day: n - 17)
            }
            guard let op = date(day), let value = date(day + lag) else { continue }
            let cents = Int.random(in: 1_000...180_000, using: &rng) * (Bool.random(using: &rng) ? -1 : 1)
            rows.append((op, value, labels[Int.random(in: 0..<labels.count, using: &rng)], cents))
        }
        // A movement booked on 31/08 and valued in September: only its operation date puts it in August.
        rows.append(
            (
                CalendarDate(year: 2021, month: 8, day: 31)!, CalendarDate(year: 2021, month: 9, day: 2)!,
                "CB CULTURA", -Int.random(in: 1_000...90_000, using: &rng)
            ))
        rows.sort { FrenchDate.dayNumber($0.0) < FrenchDate.dayNumber($1.0) }
        let opening = Int.random(in: 50_000...400_000, using: &rng)
        let atClosing = opening + rows.filter { $0.0 <= closing }.map(\.3).reduce(0, +)
        let valueFirst = seed % 3 == 0
        let headers =
            valueFirst
            ? [("Valeur", "Date opé."), ("Date valeur", "Date opération")]
            : [("Date opé.", "Valeur"), ("Date opération", "Date valeur"), ("Date opé", "Val.")]
        let (first, second) = headers[Int.random(in: 0..<headers.count, using: &rng)]
        let dateWidth = max(first.count, 10) + Int.random(in: 2...5, using: &rng)
        let labelWidth = Int.random(in: 34...50, using: &rng)
        let indent = Int.random(in: 4...14, using: &rng)
        let header =
            String(repeating: " ", count: indent) + pad(first, dateWidth) + pad(second, dateWidth)
            + pad("Libellé", labelWidth) + "Montant en euros"
        return Drawn(
            rows: rows.map { (operation: $0.0, value: $0.1, label: $0.2, cents: $0.3) }, opening: opening,
            balanceAtClosing: atClosing, header: header, valueFirst: valueFirst, indent: indent,
            dateWidth: dateWidth, labelWidth: labelWidth)
    }

    /// The statement as OCR gives it. `keep`: "both" dates, or only the "operation" or the "value" date, each at its
    /// column (OCR places words by their boxes); `lostComma`: the index of the row whose amount lost its comma.
    static func text(_ d: Drawn, keep: String, lostComma: Int? = nil, seed: UInt64) -> String {
        var rng = SeededGenerator(seed: seed &+ 1000)
        let blank = String(repeating: " ", count: d.dateWidth)
        func row(_ dates: (String, String), _ label: String, _ amount: String) -> String {
            // The photo's slight tilt: a row may start one character off.
            let jitter = Int.random(in: -1...1, using: &rng)
            return String(repeating: " ", count: d.indent + jitter) + pad(dates.0, d.dateWidth)
                + pad(dates.1, d.dateWidth) + pad(label, d.labelWidth) + amount
        }
        let end = d.rows.last?.operation ?? closing
        let total = d.opening + d.rows.map(\.cents).reduce(0, +)
        var lines = [
            "BRED Banque Populaire                                   RELEVE DE COMPTE",
            "Compte courant n° 540.44.9160                     du 15/08/2021 au \(dmy(end))", "", d.header, "",
            row((blank, blank), "Solde au 14/08/2021", french(d.opening)),
        ]
        for (i, r) in d.rows.enumerated() {
            let op = keep == "value" ? blank : pad(dmy(r.operation), d.dateWidth)
            let value = keep == "operation" ? blank : pad(dmy(r.value), d.dateWidth)
            var amount = french(r.cents)
            if i == lostComma {
                amount = amount.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
            }
            lines.append(row(d.valueFirst ? (value, op) : (op, value), r.label, amount))
        }
        lines.append(row((blank, blank), "Nouveau solde au \(dmy(end))", french(total)))
        return lines.joined(separator: "\n")
    }

    @Test func anAmountThatLostItsCommaIsRepairedWhenTheStatementThenReconciles() throws {
        for seed in UInt64(1)...12 {
            let d = Self.draw(seed: seed)
            var rng = SeededGenerator(seed: seed &+ 77)
            let lost = Int.random(in: 0..<d.rows.count, using: &rng)
            let text = Self.text(d, keep: "both", lostComma: lost, seed: seed)
            let reading = StatementReader.read(text, ocr: true)
            #expect(reading.reconciled, "seed \(seed)\n\(text)")
            let b = try #require(reading.balance(at: Self.closing), "seed \(seed)\n\(text)")
            #expect(b.amount.cents == Int64(d.balanceAtClosing), "seed \(seed)\n\(text)")
            // The same digits that are not the row's lost amount (the statement's balances disagree): nothing computed.
            // (12,34 € more changes two digits at least: no one-digit slip correction explains it.)
            let wrong = text.replacingOccurrences(
                of: Self.french(d.opening), with: Self.french(d.opening + 1_234))
            #expect(StatementReader.read(wrong, ocr: true).balance(at: Self.closing) == nil, "seed \(seed)")
            // A text layer is read as printed: no repair there.
            #expect(!StatementReader.read(text, ocr: false).reconciled, "seed \(seed)")
        }
    }

    @Test func aRowNumberEndingALabelIsNeverMadeAnAmount() {
        // The label's own number ends the row (its amount lost altogether): repaired, the statement would not
        // reconcile, so the plain reading stays and gives no balance.
        for seed in UInt64(1)...12 {
            let d = Self.draw(seed: seed)
            var text = Self.text(d, keep: "both", seed: seed)
            let row = d.rows[d.rows.count / 2]
            text = text.replacingOccurrences(of: Self.french(row.cents), with: "   4521")
            let reading = StatementReader.read(text, ocr: true)
            #expect(!reading.reconciled, "seed \(seed)\n\(text)")
            #expect(reading.balance(at: Self.closing)?.source != .computed, "seed \(seed)")
        }
    }

    @Test func oneDateUnderTheOperationHeaderIsTheOperationDate() throws {
        for seed in UInt64(1)...12 {
            let d = Self.draw(seed: seed)
            let kept = Self.text(d, keep: "operation", seed: seed)
            let reading = StatementReader.read(kept, ocr: true)
            #expect(reading.reconciled, "seed \(seed)\n\(kept)")
            #expect(!reading.statement.movements.contains { $0.dateUncertain == true }, "seed \(seed)\n\(kept)")
            let b = try #require(reading.balance(at: Self.closing), "seed \(seed)\n\(kept)")
            #expect(b.amount.cents == Int64(d.balanceAtClosing), "seed \(seed)")
            // Only the value dates left, at their own column: the 31/08 movement valued in September could be counted
            // in the wrong month, so no balance is computed near it.
            let values = Self.text(d, keep: "value", seed: seed)
            let valueReading = StatementReader.read(values, ocr: true)
            #expect(valueReading.statement.movements.contains { $0.dateUncertain == true }, "seed \(seed)\n\(values)")
            #expect(valueReading.balance(at: Self.closing)?.source != .computed, "seed \(seed)\n\(values)")
        }
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation

/// A BRED statement straddling 31/08 (débit / crédit columns) as laid-out OCR text, drawn from a seed: the movements,
/// their sides, the balances and the period vary; the slip tests spoil one line of it the way OCR does.
struct OCRStatementText {
    struct Row {
        var day: Int
        var month: Int
        var label: String
        var cents: Int64
    }

    var start: Int
    var opening: Int64
    var rows: [Row]
    var euro: Bool
    /// A layout that prints whole euros (`150 €`, `1 234 €`): every amount is a whole number of euros.
    var wholeEuros = false

    /// The same statement in a layout that prints whole euros: its amounts rounded to the euro, « € » after each.
    init(seed: UInt64, wholeEuros: Bool) {
        self.init(seed: seed)
        guard wholeEuros else { return }
        self.wholeEuros = true
        euro = true
        opening = opening / 100 * 100
        rows = rows.map { r in
            var r = r
            r.cents = r.cents < 0 ? -max(100, -r.cents / 100 * 100) : max(100, r.cents / 100 * 100)
            return r
        }
    }

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 7)
        start = Int.random(in: 2...28, using: &rng)
        opening = Int64.random(in: 600_000...2_000_000, using: &rng)
        euro = Bool.random(using: &rng)
        let debits = ["CB CULTURA", "PRLV SEPA EDF", "FRAIS TENUE DE COMPTE", "CB MONOPRIX PARIS", "COTISATION OCCE"]
        let credits = ["VIR SEPA RECU APE", "REMISE CHQ 4 CHQ", "VERSEMENT ESPECES", "SUBV CAISSE DES ECOLES"]
        var rows: [Row] = []
        for _ in 0..<Int.random(in: 4...9, using: &rng) {
            let offset = Int.random(in: 0...29, using: &rng)
            let (day, month) = start + offset <= 31 ? (start + offset, 8) : (start + offset - 31, 9)
            guard day < start || month == 8 else { continue }
            let debit = Int.random(in: 0..<10, using: &rng) < 6
            let cents = Int64.random(in: 500...(debit ? 60_000 : 150_000), using: &rng)
            let label = debit ? debits.randomElement(using: &rng)! : credits.randomElement(using: &rng)!
            rows.append(Row(day: day, month: month, label: label, cents: debit ? -cents : cents))
        }
        // Both sides of 31/08 hold a movement, so that the balance at 31/08 is computed from them.
        rows.append(Row(day: 31, month: 8, label: "CB CULTURA", cents: -Int64.random(in: 500...9_000, using: &rng)))
        rows.append(Row(day: start == 1 ? 2 : 1, month: 9, label: "VIR SEPA RECU APE", cents: 12_345))
        self.rows = rows.sorted { ($0.month, $0.day) < ($1.month, $1.day) }
    }

    var end: (day: Int, month: Int) { start == 1 ? (31, 8) : (start - 1, 9) }
    var closing: Int64 { opening + rows.map(\.cents).reduce(0, +) }
    /// The balance at 31/08: the opening one plus the movements dated up to that day.
    var expected: Int64 { opening + rows.filter { $0.month == 8 }.map(\.cents).reduce(0, +) }

    static func date(_ day: Int, _ month: Int) -> String { String(format: "%02d/%02d/2021", day, month) }

    func amount(_ cents: Int64) -> String {
        var number = Money(cents: cents < 0 ? -cents : cents).frenchNumber.replacingOccurrences(
            of: "\u{202F}", with: " "
        )
        .replacingOccurrences(of: "\u{00A0}", with: " ")
        if wholeEuros && number.hasSuffix(",00") { number.removeLast(3) }
        return number + (euro ? " €" : "")
    }

    /// One table line: `first` in the date column, `label`, the amount right-aligned in its column.
    func line(_ first: String, _ label: String, _ cents: Int64) -> String {
        var s = first.padding(toLength: 11, withPad: " ", startingAt: 0) + label
        let column = cents < 0 ? 60 : 76
        let text = amount(cents)
        s = s.padding(toLength: max(s.count + 2, column - text.count), withPad: " ", startingAt: 0)
        return s + text
    }

    var headerLines: [String] {
        [
            "BRED Banque Populaire                                      RELEVE DE COMPTE",
            "Compte courant n° 518.06.4209            du \(Self.date(start, 8)) au \(Self.date(end.day, end.month))",
            "Date       Libellé".padding(toLength: 55, withPad: " ", startingAt: 0) + "Débit" + "          Crédit",
        ]
    }
    var openingLine: String { line("", "SOLDE CREDITEUR AU \(Self.date(start - 1, 8))", opening) }
    var closingLine: String { line("", "SOLDE CREDITEUR AU \(Self.date(end.day, end.month))", closing) }
    var movementLines: [String] { rows.map { line(Self.date($0.day, $0.month), $0.label, $0.cents) } }

    /// The whole page; `movements` replaces the movement lines (a spoilt reading).
    func text(movements: [String]? = nil, opening: String? = nil, closing: String? = nil) -> String {
        (headerLines + [opening ?? openingLine] + (movements ?? movementLines) + [closing ?? closingLine])
            .joined(separator: "\n") + "\n"
    }

    var closingDate: CalendarDate { CalendarDate(year: 2021, month: 8, day: 31)! }
}

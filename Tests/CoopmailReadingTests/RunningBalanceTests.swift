import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// Statements with a running-balance column (« Date Libellé Débit Crédit Solde ») read by OCR: a row's amount misread
/// or turned into marks (« 1660, » for « 1 683,72 », « 11539 » for « 1 153,39 »: scripts/make-groff-statements.py
/// seeds 42 and 43, 300 dpi scans) takes the difference of the balances printed before and after it, when the rows
/// around confirm both (StatementReader+RunningBalance.swift).
@Suite struct RunningBalanceTests {
    /// A statement of `rows` movements from 16/08 to 15/09/2021, with a balance after each; its text, its amounts,
    /// and the balance at 31/08.
    struct Made {
        var lines: [String]
        /// Line index of each movement row, in order.
        var rowLines: [Int]
        var amounts: [Int64]
        var balanceAt0831: Int64
    }

    /// « -1 234,56 », with plain spaces (as OCR gives them).
    static func euros(_ cents: Int64) -> String {
        Money(cents: cents).frenchNumber.replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    /// `text` right-aligned to end at column `end` of `line` (padded with spaces).
    static func put(_ text: String, endingAt end: Int, in line: String) -> String {
        var chars = Array(line)
        while chars.count < end { chars.append(" ") }
        let start = end - text.count
        for (k, ch) in text.enumerated() { chars[start + k] = ch }
        return String(chars)
    }

    static let debitEnd = 60
    static let creditEnd = 74
    static let balanceEnd = 90

    static func make(seed: UInt64, rows: Int = 10) -> Made {
        var rng = SeededGenerator(seed: seed)
        var lines = [
            "        BRED Banque Populaire", "        RELEVÉ DE COMPTE N° 8",
            "        Période du 16/08/2021 au 15/09/2021",
            "        IBAN : FR76 1010 7001 0000 5441 8765 992    BIC : BREDFRPPXXX", "",
        ]
        var header = "        Date    Libellé"
        header = put("Débit", endingAt: debitEnd, in: header)
        header = put("Crédit", endingAt: creditEnd, in: header)
        header = put("Solde", endingAt: balanceEnd, in: header)
        lines.append(header)
        var balance = Int64.random(in: 50_000...900_000, using: &rng)
        lines.append(put(euros(balance), endingAt: balanceEnd, in: "                Solde précédent au 15/08/2021"))
        let labels = [
            "CB CARREFOUR 5664326", "CHQ N°0476038", "VIR SEPA MAIRIE DE PARIS", "FRAIS TENUE DE COMPTE",
            "VERSEMENT ESPECES", "COTISATION OCCE", "REMISE CHEQUES 2089642", "PRLV SEPA ASSURANCE MAE",
        ]
        let days = (0..<rows).map { _ in Int.random(in: 0...30, using: &rng) }.sorted()
        var rowLines: [Int] = []
        var amounts: [Int64] = []
        var at0831 = balance
        for day in days {
            let date = day < 16 ? String(format: "%02d/08", 16 + day) : String(format: "%02d/09", day - 15)
            let cents = Int64.random(in: 1_000...250_000, using: &rng) * (Bool.random(using: &rng) ? 1 : -1)
            balance += cents
            if day < 16 { at0831 = balance }
            var line = "        \(date)   \(labels.randomElement(using: &rng) ?? "CB")"
            line = put(euros(Int64(cents.magnitude)), endingAt: cents < 0 ? debitEnd : creditEnd, in: line)
            line = put(euros(balance), endingAt: balanceEnd, in: line)
            rowLines.append(lines.count)
            lines.append(line)
            amounts.append(cents)
        }
        lines.append(put(euros(balance), endingAt: balanceEnd, in: "                Solde au 15/09/2021"))
        return Made(lines: lines, rowLines: rowLines, amounts: amounts, balanceAt0831: at0831)
    }

    /// The row's movement amount (not its balance) replaced by `marks`, right-aligned where it stood.
    static func damaged(_ made: Made, row: Int, marks: (Int64) -> String) -> [String] {
        var lines = made.lines
        let cents = made.amounts[row]
        let end = cents < 0 ? debitEnd : creditEnd
        let printed = euros(Int64(cents.magnitude))
        var chars = Array(lines[made.rowLines[row]])
        for k in (end - printed.count)..<end { chars[k] = " " }
        lines[made.rowLines[row]] = put(marks(cents), endingAt: end, in: String(chars))
        return lines
    }

    static let closing = CalendarDate(year: 2021, month: 8, day: 31)!

    @Test func theGeneratedStatementsReadAsPrinted() {
        for seed in UInt64(1)..<20 {
            let made = Self.make(seed: seed)
            let read = StatementReader.read(made.lines.joined(separator: "\n"), ocr: true)
            #expect(read.reconciled, "\(made.lines.joined(separator: "\n"))")
            #expect(read.balance(at: Self.closing)?.amount.cents == made.balanceAt0831)
            #expect(read.statement.readingNotes == nil)
        }
    }

    /// One row's amount turned into marks (its comma lost, « 11539 ») or misread in two digits: it takes the
    /// balances' difference, the balance at 31/08 is exact, and the note names the row.
    @Test(arguments: ["marks", "misread"])
    func aRowMisreadBetweenTwoConfirmedBalancesTakesTheirDifference(damage: String) {
        var tried = 0
        for seed in UInt64(1)..<30 {
            let made = Self.make(seed: seed)
            // An inner row: the rows around it confirm both its balances.
            let row = 1 + Int(seed % UInt64(made.amounts.count - 2))
            let lines = Self.damaged(made, row: row) { cents in
                let m = cents.magnitude
                if damage == "marks" { return String(m / 100) + String(format: "%02d", m % 100) }
                // Two digits changed: « 1 683,72 » → « 1 883,12 », beyond any one-digit slip.
                return Self.euros(Int64(m) + 20_060)
            }
            let text = lines.joined(separator: "\n")
            let read = StatementReader.read(text, ocr: true)
            tried += 1
            #expect(read.reconciled, "seed \(seed)\n\(text)")
            #expect(read.balance(at: Self.closing)?.amount.cents == made.balanceAt0831, "seed \(seed)\n\(text)")
            let notes = read.statement.readingNotes ?? []
            #expect(notes.contains { $0.hasPrefix("Montant repris de la colonne des soldes") }, "\(notes)")
        }
        #expect(tried >= 20)
    }

    /// What the balances cannot settle is left alone: a row's amount and its own balance both misread; two rows in a
    /// row misread (neither has both balances confirmed); the first row (its balance before is the printed opening,
    /// which no row confirms); a row read in the other column than the balances say. No balance is computed, never a
    /// wrong one. (A row whose amount and balance were misread
    /// by the same amount agrees with itself: two readings that agree cannot be told from the print.)
    @Test func aRowTheBalancesCannotConfirmKeepsTheStatementUnreconciled() {
        for seed in UInt64(1)..<30 {
            let made = Self.make(seed: seed)
            let row = 1 + Int(seed % UInt64(made.amounts.count - 3))
            // Misreads that do not make up for one another (a credit read 200,60 € high beside a débit read as much
            // high would still add up, with or without a balance column).
            let far = { (cents: Int64) in Self.euros(Int64(cents.magnitude) + 20_060) }
            let farther = { (cents: Int64) in Self.euros(Int64(cents.magnitude) + 5_003) }
            // The amount and its balance both misread (not by the same amount: the row would then agree with itself).
            var both = Self.damaged(made, row: row, marks: far)
            let balanceLine = both[made.rowLines[row]]
            if let b = AmountScanner.find(in: balanceLine).last {
                both[made.rowLines[row]] = Self.put(
                    Self.euros(b.amount.cents + 5_003), endingAt: Self.balanceEnd,
                    in: String(Array(balanceLine).prefix(b.range.lowerBound)))
            }
            // Two neighbouring rows.
            let adjacent = Self.damaged(
                Made(
                    lines: Self.damaged(made, row: row, marks: far), rowLines: made.rowLines, amounts: made.amounts,
                    balanceAt0831: made.balanceAt0831), row: row + 1, marks: farther)
            // The first row.
            let first = Self.damaged(made, row: 0, marks: far)
            // A row misread in the other column: the balances move the other way than its column says.
            var otherSide = made.lines
            let i = made.rowLines[row]
            let cents = made.amounts[row]
            var chars = Array(otherSide[i])
            let end = cents < 0 ? Self.debitEnd : Self.creditEnd
            for k in (end - Self.euros(Int64(cents.magnitude)).count)..<end { chars[k] = " " }
            otherSide[i] = Self.put(
                Self.euros(Int64(cents.magnitude) + 20_060), endingAt: cents < 0 ? Self.creditEnd : Self.debitEnd,
                in: String(chars))
            for (name, lines) in [("both", both), ("adjacent", adjacent), ("first", first), ("other side", otherSide)] {
                let text = lines.joined(separator: "\n")
                let read = StatementReader.read(text, ocr: true)
                let b = read.balance(at: Self.closing)
                #expect(
                    b == nil || b?.source != .computed || b?.amount.cents == made.balanceAt0831, "\(name) seed \(seed)")
                #expect(
                    !(read.statement.readingNotes ?? []).contains { $0.hasPrefix("Montant repris de la colonne") },
                    "\(name) seed \(seed)\n\(text)")
            }
        }
    }

    /// A running balance misread (the amounts right): nothing is repaired, the movements still add up.
    @Test func aMisreadBalanceChangesNoAmount() {
        for seed in UInt64(1)..<20 {
            let made = Self.make(seed: seed)
            var lines = made.lines
            let i = made.rowLines[2]
            guard let b = AmountScanner.find(in: lines[i]).last else { continue }
            lines[i] = Self.put(
                Self.euros(b.amount.cents + 50_000), endingAt: Self.balanceEnd,
                in: String(Array(lines[i]).prefix(b.range.lowerBound)))
            let read = StatementReader.read(lines.joined(separator: "\n"), ocr: true)
            #expect(read.reconciled)
            #expect(read.balance(at: Self.closing)?.amount.cents == made.balanceAt0831)
            #expect(read.statement.readingNotes == nil)
        }
    }
}

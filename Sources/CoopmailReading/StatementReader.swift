import CoopmailDomain
import Foundation

/// Reads a BRED (Banque Populaire) statement's text (`pdftotext -layout` output or OCR) into a ``BankStatement``.
public enum StatementReader {
    /// `ocr`: the text came from OCR, whose column positions are approximate: a sign taken from a column may then be
    /// corrected by reconciliation.
    public static func read(_ text: String, ocr: Bool = false) -> StatementReading {
        let lines = joinOrphanAmounts(text.replacingOccurrences(of: "\u{0C}", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var statement = BankStatement()
        statement.iban = IBANFinder.find(in: text, ocrFixes: ocr)
        statement.accountNumber = IBANFinder.shortAccountNumber(in: text)
        statement.holder = holder(in: lines)
        if let period = period(in: lines) {
            statement.periodStart = period.lowerBound
            statement.periodEnd = period.upperBound
        }
        let periodRange: ClosedRange<CalendarDate>? = statement.periodStart.flatMap { s in statement.periodEnd.map { s...$0 } }
            ?? inferredPeriod(lines)
        var columns: Columns? = nil
        var events: [Event] = []
        var movementCount = 0
        for line in lines {
            let folded = TextNormalizer.fold(line)
            if let c = Columns(header: folded) {
                columns = c
                continue
            }
            let pieces = splitAtCues(line, folded: folded)
            let balances = pieces.compactMap { piece in
                balanceLine(piece, folded: TextNormalizer.fold(piece), columns: columns, period: periodRange,
                            periodStart: statement.periodStart, periodEnd: statement.periodEnd)
            }
            if !balances.isEmpty {
                events += balances.map(Event.balance)
                continue
            }
            if var movement = movementLine(line, folded: folded, columns: columns, period: periodRange) {
                movementCount += 1
                // Beyond the cap the rest is not kept: the statement then counts as not reconciled (below).
                guard movementCount <= BankStatement.maxMovements else { continue }
                if ocr && movement.basis == .column { movement.basis = .approximateColumn }
                events.append(.movement(movement))
            }
        }
        var (reconciledEvents, ok) = reconcile(events)
        if movementCount > BankStatement.maxMovements { ok = false }
        for e in reconciledEvents {
            switch e {
            case .balance(let b): statement.balances.append(b)
            case .movement(let m): statement.movements.append(BankStatement.Movement(date: m.date, label: m.label, amount: m.amount))
            }
        }
        return StatementReading(statement: statement, reconciled: ok)
    }

    /// OCR of a skewed scan may put a balance's amount on a line of its own, just above or below its label:
    /// such a lone amount is joined to the neighbouring balance line that lacks one.
    static func joinOrphanAmounts(_ input: [String]) -> [String] {
        var lines = input.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        func isLoneAmount(_ line: String) -> Bool {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard let f = AmountScanner.find(in: t).first, AmountScanner.find(in: t).count == 1 else { return false }
            return f.range.count >= t.count - 2
        }
        func lacksAmount(_ line: String) -> Bool {
            let folded = TextNormalizer.fold(line)
            guard let (_, end) = balanceCue(folded) else { return false }
            return !AmountScanner.find(in: folded).contains { $0.range.lowerBound >= end }
        }
        var i = 0
        while i < lines.count {
            if lacksAmount(lines[i]) {
                if i + 1 < lines.count, isLoneAmount(lines[i + 1]) {
                    lines[i] += "   " + lines[i + 1].trimmingCharacters(in: .whitespaces)
                    lines.remove(at: i + 1)
                } else if i > 0, isLoneAmount(lines[i - 1]) {
                    lines[i - 1] = lines[i] + "   " + lines[i - 1].trimmingCharacters(in: .whitespaces)
                    lines.remove(at: i)
                    continue
                }
            }
            i += 1
        }
        return lines
    }

    // MARK: Header fields

    static func holder(in lines: [String]) -> String? {
        for line in lines {
            let folded = TextNormalizer.fold(line)
            guard let r = folded.range(of: "titulaire") else { continue }
            let source = line.count == folded.count ? line : folded
            let from = folded.distance(from: folded.startIndex, to: r.upperBound)
            let after = substring(source, from, source.count)
            let trimmed = after.drop(while: { $0 == " " || $0 == ":" || $0 == "(" || $0 == "s" || $0 == ")" })
            let firstColumn = String(trimmed).components(separatedBy: "  ").first ?? ""
            let value = firstColumn.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        // No "Titulaire": the address block names the cooperative ("COOPERATIVE SCOLAIRE OCCE" / "COOP SCOL EE …").
        for (i, line) in lines.enumerated() {
            let folded = TextNormalizer.fold(line)
            guard folded.contains("coop scol") || folded.contains("cooperative scolaire") else { continue }
            let cell = { (s: String) in s.trimmingCharacters(in: .whitespaces).components(separatedBy: "   ").first ?? "" }
            var value = cell(line)
            let words = TextNormalizer.words(value).filter { !["cooperative", "scolaire", "occe", "coop", "scol"].contains($0) }
            if words.isEmpty, i + 1 < lines.count { value += " " + cell(lines[i + 1]) }
            value = value.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }

    static func period(in lines: [String]) -> ClosedRange<CalendarDate>? {
        for line in lines {
            let folded = TextNormalizer.fold(line)
            guard folded.contains("du ") || folded.contains("periode") else { continue }
            let dates = FrenchDate.find(in: line).filter(\.yearWritten)
            guard dates.count >= 2 else { continue }
            for i in 0..<(dates.count - 1) {
                let a = dates[i], b = dates[i + 1]
                let between = substring(folded, a.range.upperBound, b.range.lowerBound)
                let before = substring(folded, max(0, a.range.lowerBound - 12), a.range.lowerBound)
                let joiner = between.trimmingCharacters(in: .whitespaces)
                let joins = ["au", "-", "a", "–", "jusqu'au"].contains(joiner) || joiner.hasSuffix(" au")
                if joins && (before.contains("du") || before.contains("periode")) && a.date < b.date {
                    return a.date...b.date
                }
            }
        }
        return nil
    }

    /// Without a printed period: the span of the fully written dates of the balance lines, to give years to `dd/mm`.
    static func inferredPeriod(_ lines: [String]) -> ClosedRange<CalendarDate>? {
        var dates: [CalendarDate] = []
        for line in lines where balanceCue(TextNormalizer.fold(line)) != nil {
            dates += FrenchDate.find(in: line).filter(\.yearWritten).map(\.date)
        }
        guard let lo = dates.min(), let hi = dates.max() else { return nil }
        return lo...hi
    }

    static func substring(_ s: String, _ from: Int, _ to: Int) -> String {
        guard from < to, to <= s.count else { return "" }
        let a = s.index(s.startIndex, offsetBy: from), b = s.index(s.startIndex, offsetBy: to)
        return String(s[a..<b])
    }

    // MARK: Columns

    /// Right edges of the débit and crédit columns, from the table header of older layouts.
    struct Columns {
        var debitEnd: Int
        var creditEnd: Int

        init?(header folded: String) {
            let words = Self.words(folded)
            guard let d = words.first(where: { $0.word == "debit" || $0.word == "debits" }),
                  let c = words.first(where: { $0.word == "credit" || $0.word == "credits" }), d.end != c.end else { return nil }
            guard words.contains(where: { $0.word == "date" || $0.word == "libelle" || $0.word == "operation" || $0.word == "operations" })
            else { return nil }
            debitEnd = d.end
            creditEnd = c.end
        }

        static func words(_ s: String) -> [(word: String, end: Int)] {
            var out: [(String, Int)] = []
            var current = ""
            for (i, ch) in s.enumerated() {
                if ch.isLetter { current.append(ch) } else {
                    if !current.isEmpty { out.append((current, i)) }
                    current = ""
                }
            }
            if !current.isEmpty { out.append((current, s.count)) }
            return out
        }

        /// True when an amount ending at `end` sits in the débit column.
        func isDebit(amountEnd end: Int) -> Bool { abs(end - debitEnd) < abs(end - creditEnd) }
    }

    // MARK: Lines

    enum SignBasis { case printed, column, approximateColumn, keyword, assumed }

    struct MovementLine: Hashable {
        var date: CalendarDate
        var label: String
        var amount: Money
        var basis: SignBasis
    }

    enum Event: Hashable {
        case balance(BankStatement.BalanceLine)
        case movement(MovementLine)
    }

    enum BalanceCue { case opening, closing, dated }

    private static let cuePattern = try! NSRegularExpression(
        pattern: #"\b(ancien solde|solde precedent|solde initial|solde d'ouverture|nouveau solde|solde final|solde (?:crediteur|debiteur)|solde au|solde en votre faveur)\b"#)

    /// A summary line may hold two balances (`Ancien solde 100,00   Nouveau solde 120,00`): one piece per balance,
    /// each keeping its columns (the rest blanked out).
    static func splitAtCues(_ line: String, folded: String) -> [String] {
        let ns = folded as NSString
        let starts = cuePattern.matches(in: folded, range: NSRange(location: 0, length: ns.length))
            .map { FrenchDate.utf16RangeToCharacters(folded, $0.range).lowerBound }
        guard starts.count >= 2 else { return [line] }
        let source = Array(line.count == folded.count ? line : folded)
        return starts.indices.map { i in
            let from = starts[i], to = i + 1 < starts.count ? starts[i + 1] : source.count
            return String(source.enumerated().map { ($0.offset >= from && $0.offset < to) ? $0.element : " " })
        }
    }

    static func balanceCue(_ folded: String) -> (BalanceCue, Int)? {
        let ns = folded as NSString
        guard let m = cuePattern.firstMatch(in: folded, range: NSRange(location: 0, length: ns.length)) else { return nil }
        if folded.contains("total") || folded.contains("a reporter") || folded.contains("report") { return nil }
        let cue = ns.substring(with: m.range)
        let end = FrenchDate.utf16RangeToCharacters(folded, m.range).upperBound
        switch cue {
        case "ancien solde", "solde precedent", "solde initial", "solde d'ouverture": return (.opening, end)
        case "nouveau solde", "solde final": return (.closing, end)
        default: return (.dated, end)
        }
    }

    static func balanceLine(_ line: String, folded: String, columns: Columns?, period: ClosedRange<CalendarDate>?,
                            periodStart: CalendarDate?, periodEnd: CalendarDate?) -> BankStatement.BalanceLine? {
        guard let (cue, cueEnd) = balanceCue(folded) else { return nil }
        let amounts = AmountScanner.find(in: folded).filter { $0.range.lowerBound >= cueEnd }
        guard let found = amounts.last else { return nil }
        let dates = FrenchDate.find(in: folded, period: period).filter { $0.range.upperBound <= found.range.lowerBound }
        var date = dates.last?.date
        if date == nil {
            switch cue {
            case .opening: date = periodStart.flatMap(previousDay)
            case .closing: date = periodEnd
            case .dated: date = nil
            }
        }
        guard let date else { return nil }
        var amount = found.amount
        if folded.contains("debiteur") {
            amount = -amount.magnitude
        } else if folded.contains("crediteur") {
            amount = amount.magnitude
        } else if !found.signed, let columns, columns.isDebit(amountEnd: found.range.upperBound) {
            amount = -amount.magnitude
        }
        return BankStatement.BalanceLine(date: date, amount: amount, label: label(line, folded: folded))
    }

    static func label(_ line: String, folded: String) -> String {
        let source = line.count == folded.count ? line : folded
        return source.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static let creditWords = ["remise", "versement", "vrst", "depot", "vir recu", "vir sepa recu", "virement recu", "subvention",
                              "interets", "avoir", "rembt", "remboursement"]
    static let debitWords = ["chq", "cheque", "prlv", "prelevement", "cb ", "carte", "frais", "cotisation", "retrait",
                             "commission", "vir emis", "vir sepa emis", "virement emis", "achat", "facture", "paiement"]

    static func movementLine(_ line: String, folded: String, columns: Columns?, period: ClosedRange<CalendarDate>?) -> MovementLine? {
        guard let firstNonSpace = folded.firstIndex(where: { !$0.isWhitespace }) else { return nil }
        let start = folded.distance(from: folded.startIndex, to: firstNonSpace)
        let dates = FrenchDate.find(in: folded, period: period)
        guard let first = dates.first, first.range.lowerBound <= start + 2 else { return nil }
        let amounts = AmountScanner.find(in: folded).filter { $0.range.lowerBound >= first.range.upperBound }
        guard let found = amounts.last else { return nil }
        if folded.contains("total") { return nil }
        // Label: between the operation date and the first amount, without the value date (printed before or after it).
        let source = line.count == folded.count ? line : folded
        let labelEnd = amounts.first!.range.lowerBound
        var chars = Array(substring(source, first.range.upperBound, labelEnd))
        for d in dates.dropFirst() where d.range.lowerBound >= first.range.upperBound && d.range.upperBound <= labelEnd {
            for k in (d.range.lowerBound - first.range.upperBound)..<(d.range.upperBound - first.range.upperBound) where k < chars.count {
                chars[k] = " "
            }
        }
        let label = String(chars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        var amount = found.amount
        var basis = SignBasis.assumed
        if found.signed {
            basis = .printed
        } else if let columns {
            amount = columns.isDebit(amountEnd: found.range.upperBound) ? -amount.magnitude : amount.magnitude
            basis = .column
        } else {
            let l = TextNormalizer.fold(label) + " "
            if creditWords.contains(where: { l.contains($0) }) {
                basis = .keyword
            } else if debitWords.contains(where: { l.hasPrefix($0) || l.contains(" " + $0) }) {
                amount = -amount.magnitude
                basis = .keyword
            }
        }
        return MovementLine(date: first.date, label: label, amount: amount, basis: basis)
    }

    static func previousDay(_ d: CalendarDate) -> CalendarDate? {
        if d.day > 1 { return CalendarDate(year: d.year, month: d.month, day: d.day - 1) }
        let month = d.month == 1 ? 12 : d.month - 1
        let year = d.month == 1 ? d.year - 1 : d.year
        return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    }
}

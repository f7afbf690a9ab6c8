import CoopmailDomain
import CoopmailText

extension StatementReader {
    // MARK: An amount OCR could not read

    /// The column an unreadable amount stands in.
    enum LostAmount: Hashable { case debit, credit }

    /// Columns an unreadable amount's end may stand from its column's header word: OCR positions are approximate.
    static let lostAmountColumnSlack = 8

    /// An OCR'd table row that opens with its date and label and ends, in the débit or crédit column, with marks that
    /// are no amount (« 04/09/2021  COMMISSION INTERVENTION      l'ATTE »: a scan's amount OCR could not read). It is
    /// kept in its place with no amount (``MovementLine/lostAmount`` says which column), so that the movements around
    /// it are never taken to add up without it; nil for any other line.
    static func lostAmountLine(
        _ line: String, folded: String, columns: Columns, period: ClosedRange<CalendarDate>?, valueDateFirst: Bool,
        bothDates: Bool
    ) -> MovementLine? {
        guard let firstNonSpace = folded.firstIndex(where: { !$0.isWhitespace }) else { return nil }
        let start = folded.distance(from: folded.startIndex, to: firstNonSpace)
        let dates = FrenchDate.find(in: folded, period: period, yearlessRow: true)
        guard let first = dates.first, first.range.lowerBound <= start + 2, let lastDate = dates.last else {
            return nil
        }
        let operation = valueDateFirst && dates.count >= 2 ? dates[1] : first
        if let period, !near(operation.date, period) { return nil }
        let overlapsDate = { (r: Range<Int>) in dates.contains { $0.range.overlaps(r) } }
        guard AmountScanner.find(in: folded).allSatisfy({ overlapsDate($0.range) }) else { return nil }
        // The text after the dates, in groups parted by three spaces or more: the label, then the unreadable amount.
        let groups = spacedGroups(Array(line.count == folded.count ? line : folded), from: lastDate.range.upperBound)
        guard groups.count >= 2, let token = groups.last, let labelEnd = groups.dropLast().last?.range.upperBound,
            token.text.count <= 14, token.range.lowerBound - labelEnd >= 3
        else { return nil }
        let label = groups.dropLast().map(\.text).joined(separator: " ")
        guard label.filter(\.isLetter).count >= 3 else { return nil }
        let end = token.range.upperBound
        guard min(abs(end - columns.debitEnd), abs(end - columns.creditEnd)) <= lostAmountColumnSlack else {
            return nil
        }
        return MovementLine(
            date: operation.date, label: label, amount: .zero, basis: .column,
            dateUncertain: bothDates && dates.count < 2,
            lostAmount: columns.isDebit(amountEnd: end) ? .debit : .credit, lostMarks: token.text)
    }

    /// The rows whose amount OCR turned into marks given the amount a second look read in their place (`marks`, by
    /// page and marks), signed by their column; and a note for each, for staff.
    static func filledLostAmounts(_ events: [Event], marks: [UnreadAmount: Money]) -> (
        events: [Event], notes: [String]
    ) {
        guard !marks.isEmpty else { return (events, []) }
        var out = events
        var notes: [String] = []
        for i in out.indices {
            guard case .movement(var m) = out[i], let side = m.lostAmount, let seen = m.lostMarks,
                let amount = marks[UnreadAmount(page: m.page, marks: seen)], amount != .zero
            else { continue }
            m.amount = side == .debit ? -amount.magnitude : amount.magnitude
            m.lostAmount = nil
            m.lostMarks = nil
            out[i] = .movement(m)
            notes.append(
                "Montant relu à part (OCR) : page \(m.page), opération du \(m.date.french) « \(m.label) », lu d'abord "
                    + "« \(seen) », relu seul sur la page : \(amount.magnitude.french) au "
                    + (side == .debit ? "débit" : "crédit") + ".")
        }
        return (out, notes)
    }

    /// Runs of non-space characters from `from` on, a run parted from the next by three spaces or more.
    static func spacedGroups(_ chars: [Character], from: Int) -> [(text: String, range: Range<Int>)] {
        var groups: [(text: String, range: Range<Int>)] = []
        var i = max(0, from)
        while i < chars.count {
            guard !chars[i].isWhitespace else {
                i += 1
                continue
            }
            let begin = i
            var last = i
            var spaces = 0
            while i < chars.count && spaces < 3 {
                if chars[i].isWhitespace {
                    spaces += 1
                } else {
                    spaces = 0
                    last = i
                }
                i += 1
            }
            let text = String(chars[begin...last]).split(separator: " ").joined(separator: " ")
            groups.append((text, begin..<(last + 1)))
        }
        return groups
    }

    /// The one unreadable amount of a statement, worked out from the balances around it, when a printed total confirms
    /// it: the balance line after its run gives the only amount that makes the run add up (of the sign its column
    /// says), and a page total or carried total printed after it must agree with that amount and disagree with any
    /// other. Nil when there is not exactly one such row or when nothing confirms it.
    ///
    /// The amount is only told to staff, never used: worked out so, it absorbs any other misread amount of its column
    /// on its page (the totals then still agree), so a single OCR slip there would give a wrong balance at 31/08.
    static func lostAmountWorkedOut(_ events: [Event]) -> Money? {
        let lost = events.indices.filter { i in
            if case .movement(let m) = events[i], m.lostAmount != nil { return true } else { return false }
        }
        guard lost.count == 1, let i = lost.first, case .movement(var m) = events[i], let side = m.lostAmount else {
            return nil
        }
        let isBalance = { (e: Event) -> Bool in if case .balance = e { return true } else { return false } }
        guard let a = events[..<i].lastIndex(where: isBalance), let b = events[(i + 1)...].firstIndex(where: isBalance),
            case .balance(let opening) = events[a], case .balance(let closing) = events[b]
        else { return nil }
        let others = ((a + 1)..<b).compactMap { k -> Money? in
            guard k != i, case .movement(let other) = events[k] else { return nil }
            return other.amount
        }
        guard let sum = Money.sum(others, start: opening.amount), let amount = closing.amount.subtracting(sum),
            amount != .zero, (amount.cents < 0) == (side == .debit)
        else { return nil }
        m.amount = amount
        m.lostAmount = nil
        var filled = events
        filled[i] = .movement(m)
        let (result, fine) = reconcile(filled, flips: false)
        guard fine, pageTotalFailures(result).isEmpty else { return nil }
        // A printed total must depend on this amount: one euro more and the totals must no longer agree.
        guard let other = amount.adding(Money(cents: amount.cents < 0 ? -100 : 100)) else { return nil }
        m.amount = other
        filled[i] = .movement(m)
        return pageTotalFailures(filled).isEmpty ? nil : amount
    }

    /// Said of a row whose amount could not be read, with the amount the printed figures give when they do.
    static func lostAmountNote(_ m: MovementLine, workedOut: Money?) -> String {
        let row = "Montant illisible à la lecture (OCR) : page \(m.page), opération du \(m.date.french) « \(m.label) »"
        guard let amount = workedOut else { return row + " : aucun solde n'est calculé à partir de ce relevé." }
        return row + " ; les soldes et le total imprimés le donneraient à \(amount.magnitude.french) au "
            + (amount.cents < 0 ? "débit" : "crédit")
            + ", à vérifier sur le relevé : aucun solde n'est calculé à partir de ce relevé."
    }
}

import CoopmailDomain

extension StatementReader {
    // MARK: A running-balance column

    /// Most rows of one statement whose amount is taken from the running balances around them: more, and the page is
    /// too damaged for its balances to be trusted either.
    static let maxRunningBalanceRepairs = 3

    /// An OCR'd statement that prints a running balance after each movement (a « Solde » column) reads each amount
    /// twice: in its débit or crédit column, and as the difference between the balance printed on its row and the one
    /// printed before it. When a row's amount was misread or not read at all (« 1660, » for « 1 683,72 », « 11539 »
    /// for « 1 153,39 »: a 300 dpi scan), it takes that difference, but only when both balances are confirmed by the
    /// rows around it: the balance before by the row above, whose own amount is that balance's difference with the
    /// one above it, and the balance after by the row below (or by the balance line printed after it). A balance
    /// misread breaks the rows on both sides of it and confirms neither: nothing is taken from it.
    ///
    /// The difference must lie on the row's side (its amount's sign, or the column of its marks).
    ///
    /// Returns the events with those amounts, and a note for each, for staff; nil when no row qualifies, or more than
    /// ``maxRunningBalanceRepairs`` do. The caller keeps them only when the statement then adds up (balances and
    /// printed totals), with no slip corrected and no sign flipped.
    static func runningBalanceRepaired(_ events: [Event]) -> (events: [Event], notes: [String])? {
        // Each movement row with a running balance, the balance before it (a previous row's, or a balance line), and
        // whether its own amount is that difference.
        struct Row {
            var index: Int
            var before: Money?
            /// The balance before it is the running balance of the row just above (not a balance line).
            var beforeFromRow: Bool
            var after: Money
            var agrees: Bool
        }
        var rows: [Row] = []
        var previous: (amount: Money, fromRow: Bool)? = nil
        // Rows (indices into `rows`) directly followed by a balance line showing their running balance.
        var closedByLine: Set<Int> = []
        for (i, event) in events.enumerated() {
            switch event {
            case .balance(let b):
                if let last = rows.last, last.index == i - 1, last.after == b.amount {
                    closedByLine.insert(rows.count - 1)
                }
                previous = (b.amount, false)
            case .total:
                continue
            case .movement(let m):
                guard let after = m.runningBalance else {
                    previous = nil
                    continue
                }
                let before = previous?.amount
                let agrees = m.lostAmount == nil && before.flatMap { after.subtracting($0) } == m.amount
                rows.append(
                    Row(
                        index: i, before: before, beforeFromRow: previous?.fromRow ?? false, after: after,
                        agrees: agrees))
                previous = (after, true)
            }
        }
        var out = events
        var notes: [String] = []
        for (k, row) in rows.enumerated() where !row.agrees {
            guard let before = row.before, row.beforeFromRow, k > 0, rows[k - 1].agrees,
                closedByLine.contains(k) || (k + 1 < rows.count && rows[k + 1].agrees && rows[k + 1].beforeFromRow),
                let amount = row.after.subtracting(before), amount != .zero,
                case .movement(var m) = events[row.index],
                // The side its column (or its marks' column) says: a balance that moves the other way is not this row's.
                Self.sameSide(amount, as: m)
            else { continue }
            let read = m.lostAmount == nil ? "lu \(m.amount.magnitude.french)" : "illisible (« \(m.lostMarks ?? "") »)"
            m.amount = amount
            m.lostAmount = nil
            m.lostMarks = nil
            out[row.index] = .movement(m)
            notes.append(
                "Montant repris de la colonne des soldes (OCR) : page \(m.page), opération du \(m.date.french) "
                    + "« \(m.label) », \(read), retenu \(amount.magnitude.french) au "
                    + (amount.cents < 0 ? "débit" : "crédit")
                    + " : l'écart entre les soldes imprimés avant (\(before.french)) et après (\(row.after.french)) "
                    + "cette opération, chacun confirmé par l'opération voisine.")
        }
        guard !notes.isEmpty, notes.count <= maxRunningBalanceRepairs else { return nil }
        return (out, notes)
    }

    /// Whether `amount` lies on the side the row was read on: its amount's sign, or its marks' column.
    static func sameSide(_ amount: Money, as m: MovementLine) -> Bool {
        if let side = m.lostAmount { return (amount.cents < 0) == (side == .debit) }
        return m.amount == .zero || (amount.cents < 0) == (m.amount.cents < 0)
    }

    /// The marks OCR read in a row's débit or crédit column where no amount came out, before the running balance
    /// `balance` that ends the row: the row's label (the groups of text after its dates, before the marks), the
    /// marks, and their column. Nil when the row holds no such marks (its movement amount then stays unknown).
    static func lostBeforeBalance(
        _ line: String, folded: String, after dateEnd: Int, balance: AmountScanner.Found, columns: Columns
    ) -> (label: String, marks: String, side: LostAmount)? {
        let chars = Array(line.count == folded.count ? line : folded)
        let groups = spacedGroups(Array(chars.prefix(balance.range.lowerBound)), from: dateEnd)
        guard groups.count >= 2, let marks = groups.last, let labelEnd = groups.dropLast().last?.range.upperBound,
            marks.text.count <= 14, marks.range.lowerBound - labelEnd >= 3,
            marks.text.contains(where: \.isNumber)
        else { return nil }
        let end = marks.range.upperBound
        guard min(abs(end - columns.debitEnd), abs(end - columns.creditEnd)) <= lostAmountColumnSlack else {
            return nil
        }
        let label = groups.dropLast().map(\.text).joined(separator: " ")
        guard label.filter(\.isLetter).count >= 3 else { return nil }
        return (label, marks.text, columns.isDebit(amountEnd: end) ? .debit : .credit)
    }
}

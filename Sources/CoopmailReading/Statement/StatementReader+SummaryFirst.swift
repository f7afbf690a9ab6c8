import CoopmailDomain
import CoopmailText

extension StatementReader {
    // MARK: Summary printed first

    /// Some banks print the statement's summary above its movements: the opening balance and the closing balance one
    /// under the other (often with the period's total débits and crédits), then the list of movements. Read in print
    /// order, the closing balance comes before the movements it closes, and nothing reconciles. This gives the events
    /// with each balance of such a leading group that is dated after the movements' first date moved after those
    /// movements (before the next balance line, or at the end), in order; nil when the events show no such group.
    ///
    /// The caller keeps the moved reading only when it reconciles to the cent, so a group of balances that is not a
    /// summary (two accounts' balances, say) changes nothing.
    static func summaryBalancesMoved(_ events: [Event]) -> [Event]? {
        var out: [Event] = []
        var changed = false
        var i = 0
        while i < events.count {
            // A group: consecutive balance lines (carried totals may sit among them), at least two.
            var j = i
            var group: [BankStatement.BalanceLine] = []
            var others: [Event] = []
            while j < events.count {
                if case .balance(let b) = events[j] {
                    group.append(b)
                } else if case .total = events[j] {
                    others.append(events[j])
                } else {
                    break
                }
                j += 1
            }
            guard group.count >= 2, let first = group.first else {
                out.append(events[i])
                i += 1
                continue
            }
            // The movements that follow the group, up to the next balance line.
            var k = j
            var run: [Event] = []
            while k < events.count {
                if case .balance = events[k] { break }
                run.append(events[k])
                k += 1
            }
            let dates = run.compactMap { e -> CalendarDate? in
                if case .movement(let m) = e { return m.date } else { return nil }
            }
            guard let earliest = dates.min() else {
                out += events[i..<j]
                i = j
                continue
            }
            // The group's balances dated after the first movement close the run; the others open it.
            let opening = group.filter { $0.date <= earliest }
            let closing = group.filter { $0.date > earliest }
            guard !opening.isEmpty, !closing.isEmpty, first.date <= earliest else {
                out += events[i..<j]
                i = j
                continue
            }
            out += opening.map(Event.balance) + others + run + closing.map(Event.balance)
            changed = true
            i = k
        }
        return changed ? out : nil
    }
}

extension StatementReader {
    // MARK: Newest first

    /// Online banking's histories list the newest movement first, the closing balance above them and the opening one
    /// below. Read in print order, nothing reconciles. This gives the events in booking order (reversed) when they are
    /// printed newest first: every movement dated on or before the one printed above it, at least two different dates,
    /// and balances dated from the latest down; nil otherwise. The caller keeps the reversed reading only when it
    /// reconciles to the cent.
    static func newestFirstReversed(_ events: [Event]) -> [Event]? {
        var dates: [CalendarDate] = []
        var balanceDates: [CalendarDate] = []
        for e in events {
            switch e {
            case .movement(let m): dates.append(m.date)
            case .balance(let b): balanceDates.append(b.date)
            case .total: break
            }
        }
        guard let newest = dates.first, let oldest = dates.last, newest > oldest,
            zip(dates, dates.dropFirst()).allSatisfy({ $0.0 >= $0.1 }),
            let top = balanceDates.first, let bottom = balanceDates.last, top > bottom,
            zip(balanceDates, balanceDates.dropFirst()).allSatisfy({ $0.0 >= $0.1 })
        else { return nil }
        return events.reversed()
    }

    /// Said of a statement listed newest first whose movements do not add up to its printed balances either way.
    static let newestFirstNote =
        "Les opérations sont listées de la plus récente à la plus ancienne et ne concordent pas avec les soldes "
        + "imprimés (un montant a pu être mal lu) : aucun solde n'est calculé à partir de ce relevé."
}

import CoopmailDomain
import CoopmailText

extension StatementReader {
    // MARK: Chronology

    /// Days a movement printed before a balance line may be dated after it: a value date printed as the only date
    /// (a deposit booked on the 31st, valued on the 2nd) runs a few days past the booking. A misread month (« 05/09 »
    /// read « 05/08 ») is about thirty days off.
    static let valueDateLag = 5

    /// Balance lines whose date cannot be right: a balance printed after movements dated well after it. A bank prints
    /// a balance once the movements above it are booked, so one of those dates was misread — on a phone photo, a month's
    /// 9 read as an 8 turns « Solde final au 05/09 » into « au 05/08 ». The amounts may still add up, so the
    /// reconciliation does not see it, yet a balance at 31/08 computed from such a base would be wrong: the statement
    /// then counts as not reconciled (no balance is computed from it) and a French note says which dates disagree.
    static func chronologyFailures(_ events: [Event]) -> [String] {
        var failures: [String] = []
        var latest: CalendarDate? = nil
        for e in events {
            switch e {
            case .movement(let m):
                if latest.map({ m.date > $0 }) ?? true { latest = m.date }
            case .balance(let b):
                if let latest, FrenchDate.dayNumber(latest) - FrenchDate.dayNumber(b.date) > valueDateLag {
                    failures.append(
                        "Le solde daté du \(b.date.french) suit des opérations du \(latest.french) : une de ces "
                            + "dates a été mal lue, aucun solde n'est calculé à partir de ce relevé.")
                }
                latest = nil
            case .total: break
            }
        }
        return failures
    }

    /// OCR'd movements dated more than ``valueDateLag`` days before a movement printed above them in the same run (the
    /// movements since the last balance line). A bank lists movements in booking order, so one of
    /// the two dates was misread: « 04/09 » read « 04/08 » among September rows puts a September movement in August, and
    /// the amounts still add up. The movement is marked (``BankStatement/Movement/dateOutOfOrder``): no balance is then
    /// computed from its run, and a French note names both dates. Returns the marked movements' positions in `events`.
    static func outOfOrderMovements(_ events: [Event]) -> (positions: Set<Int>, notes: [String]) {
        var positions: Set<Int> = []
        var notes: [String] = []
        var latest: CalendarDate? = nil
        for (position, e) in events.enumerated() {
            switch e {
            case .balance:
                // Operations dated a little before the opening balance may be booked after it: a run starts afresh.
                latest = nil
            case .movement(let m):
                guard let above = latest else {
                    latest = m.date
                    continue
                }
                if FrenchDate.dayNumber(above) - FrenchDate.dayNumber(m.date) > valueDateLag {
                    positions.insert(position)
                    if notes.count < 3 {
                        notes.append(
                            "L'opération du \(m.date.french) est imprimée après une opération du \(above.french) : une de ces "
                                + "dates a été mal lue, aucun solde n'est calculé à partir de ces opérations.")
                    }
                } else if m.date > above {
                    latest = m.date
                }
            case .total: break
            }
        }
        return (positions, notes)
    }
}

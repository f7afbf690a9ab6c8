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
}

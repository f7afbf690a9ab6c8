import CoopmailDomain

/// The period a statement covers, as printed or, failing that, from its first and last balance lines.
public struct StatementPeriod: Hashable, Comparable, Sendable {
    public var start: CalendarDate
    public var end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }

    /// Nil when neither the printed period nor the balance lines give both ends.
    public init?(of statement: BankStatement) {
        guard let start = statement.periodStart ?? statement.balances.first?.date,
            let end = statement.periodEnd ?? statement.balances.last?.date
        else { return nil }
        self.init(start: start, end: end)
    }

    public func covers(_ date: CalendarDate) -> Bool { start <= date && date <= end }

    /// « relevé du 01/06/2021 au 30/06/2021 »
    public var french: String { "relevé du \(start.french) au \(end.french)" }

    public static func < (a: Self, b: Self) -> Bool { (a.end, a.start) < (b.end, b.start) }
}

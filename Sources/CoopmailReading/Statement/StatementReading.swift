import CoopmailDomain

/// What the statement reader made of a statement, with how far its figures can be trusted.
public struct StatementReading: Hashable, Codable, Sendable {
    public var statement: BankStatement
    /// True when every run of movements between two printed balances adds up to the cent, and there is no movement
    /// outside such runs: the movement signs and amounts are then right, and a computed balance can be trusted.
    public var reconciled: Bool

    public init(statement: BankStatement, reconciled: Bool) {
        self.statement = statement
        self.reconciled = reconciled
    }

    /// The balance at `date` (31 August): read on a balance line dated that day; computed (the domain's rule) only
    /// when the movements reconcile; nil otherwise. Never a guess.
    public func balance(at date: CalendarDate) -> ClosingBalance? {
        guard let b = statement.balance(at: date) else { return nil }
        if b.source == .read || reconciled { return b }
        return nil
    }
}

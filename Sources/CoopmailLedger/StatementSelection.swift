import CoopmailDomain

/// The statement whose balance at 31 August is used for the checks, chosen among all those received.
public struct StatementSelection: Hashable, Sendable {
    public var statement: BankStatement
    public var balance: ClosingBalance
    /// For a computed balance: the last balance line dated before 31 August, the computation's base.
    public var base: BankStatement.BalanceLine?

    public init(statement: BankStatement, balance: ClosingBalance, base: BankStatement.BalanceLine?) {
        self.statement = statement
        self.balance = balance
        self.base = base
    }

    /// Picks the statement giving a balance at `closing`: one of the registered account is preferred (then one whose
    /// account could not be read, then another account's); then a balance read on a line dated that day over a computed
    /// one; among equals, the most recent statement. Ties are broken on the statements' contents, so the choice never
    /// depends on the order they are given in. Nil when no statement gives the balance.
    ///
    /// Once a statement of the registered account was received, another account's statement is never picked, even
    /// when the registered account's gives no balance (a photo too poor to read it): another account's balance does
    /// not stand for the cooperative's, and comparing it with the declaration would ask the mandataire to correct what
    /// is right.
    ///
    /// `expected`: the balance the declaration leads to expect, which confirms an OCR'd balance line the statement's
    /// movements could not vouch for when it is equal to the cent (``BankStatement/balance(at:confirmedBy:)``).
    public static func select(
        from statements: [BankStatement], closing: CalendarDate,
        registeredIBAN: String? = nil, expected: Money? = nil
    ) -> StatementSelection? {
        let candidates: [StatementSelection] = canonicalOrder(statements).compactMap { statement in
            guard let balance = statement.balance(at: closing, confirmedBy: expected) else { return nil }
            let base = balance.source == .computed ? statement.balances.last(where: { $0.date < closing }) : nil
            return StatementSelection(statement: statement, balance: balance, base: base)
        }
        let registered = registeredIBAN.flatMap(IBAN.normalized)
        let registeredReceived =
            registered.map { r in statements.contains { AccountMatch.compare($0, registeredIBAN: r).isMatch } } ?? false
        func rank(_ c: StatementSelection) -> Int {
            var account = 1
            if let registered {
                switch AccountMatch.compare(c.statement, registeredIBAN: registered) {
                case .match: account = 2
                case .unreadable: account = 1
                case .mismatch: account = 0
                }
            }
            return account * 2 + (c.balance.source == .read ? 1 : 0)
        }
        // Ranks 0 and 1 are another account's statements.
        let eligible = registeredReceived ? candidates.filter { rank($0) >= 2 } : candidates
        // canonicalOrder sorts oldest first: the last candidate of the best rank is the most recent.
        guard let best = eligible.map(rank).max() else { return nil }
        return eligible.last { rank($0) == best }
    }

    /// A total, content-based order on statements (oldest period first), so that results never depend on input order.
    public static func canonicalOrder(_ statements: [BankStatement]) -> [BankStatement] {
        statements.map { ($0, sortKey($0)) }.sorted { a, b in
            if a.1.period != b.1.period {
                switch (a.1.period, b.1.period) {
                case (nil, _): return true
                case (_, nil): return false
                case (let pa?, let pb?): return pa < pb
                }
            }
            return a.1.text < b.1.text
        }.map(\.0)
    }

    private static func sortKey(_ s: BankStatement) -> (period: StatementPeriod?, text: String) {
        (StatementPeriod(of: s), String(reflecting: s))
    }
}

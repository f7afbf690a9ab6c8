import CoopmailText

/// What was read on a bank statement (relevé de compte BRED). Every field may be missing: a reader never guesses.
public struct BankStatement: Hashable, Codable, Sendable {
    public var holder: String?
    /// Normalised IBAN when one was printed and passes the mod-97 check.
    public var iban: String?
    /// Short account number as printed (`518.06.4209`), when present.
    public var accountNumber: String?
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    /// Every balance line, in the order printed.
    public var balances: [BalanceLine]
    /// Every movement, in the order printed.
    public var movements: [Movement]
    /// False when the movements read do not add up between the printed balances (OCR noise, a missed line):
    /// a balance is then never computed from them. Nil (hand-made statements) counts as true.
    public var movementsReconciled: Bool?
    /// What staff must know about how the figures were read, in French: an amount corrected from an OCR slip (the only
    /// correction that makes every printed check add up), a page whose printed totals do not match its movements. Nil
    /// or empty when there is nothing to say.
    public var readingNotes: [String]?

    public init(
        holder: String? = nil, iban: String? = nil, accountNumber: String? = nil, periodStart: CalendarDate? = nil,
        periodEnd: CalendarDate? = nil, balances: [BalanceLine] = [], movements: [Movement] = [],
        movementsReconciled: Bool? = nil
    ) {
        self.holder = holder
        self.iban = iban
        self.accountNumber = accountNumber
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.balances = balances
        self.movements = movements
        self.movementsReconciled = movementsReconciled
    }

    /// Most movements a statement is read with: a real monthly statement of a school cooperative has a few dozen;
    /// beyond this the reader keeps the first ones and the statement counts as not reconciled.
    public static let maxMovements = 5_000

    /// Days either side of a balance's date within which a movement whose operation date was not read makes that
    /// balance uncomputable: a value date runs a few days from its operation date (a cheque deposit two or three
    /// working days after, so up to five calendar days over a weekend; seven to be safe).
    public static let uncertainDays = 7

    /// Ancien solde: the first balance printed.
    public var openingBalance: BalanceLine? { balances.first }
    /// Nouveau solde: the last balance printed.
    public var closingBalance: BalanceLine? { balances.last }

    public struct BalanceLine: Hashable, Codable, Sendable {
        public var date: CalendarDate
        /// Positive when créditeur, negative when débiteur.
        public var amount: Money
        public var label: String
        /// True when the sign was only guessed from an OCR'd column position (no « débiteur »/« créditeur », no printed
        /// sign): the line is then trusted only when the statement's movements reconcile with it.
        public var signFromOCRColumn: Bool?
        /// True when the line came out of OCR: on a photo the lines tilt, and the amount OCR puts on a balance line may
        /// be the one printed beside it (a total, the next line's). Such a line is trusted only when the movements
        /// reconcile with the statement's other balance, or when there is no other balance to check it against.
        public var readByOCR: Bool?
        public init(date: CalendarDate, amount: Money, label: String) {
            self.date = date
            self.amount = amount
            self.label = label
        }
    }

    public struct Movement: Hashable, Codable, Sendable {
        /// The operation date (the one that decides whether the movement is booked by 31/08), not the value date.
        public var date: CalendarDate
        public var label: String
        /// Signed: credits positive, debits negative.
        public var amount: Money
        /// How many balance lines were printed before this movement (nil: unknown, hand-made statements). An operation
        /// dated before the statement's opening balance but booked on this statement still counts after that balance.
        public var balancesBefore: Int?
        /// True when the row's operation date was not read: OCR kept one date of a row whose table prints two (an
        /// operation date and a value date), and that one may be the value date, a few days off. No balance is computed
        /// for a date this near it (``BankStatement/uncertainDays``). Nil: the date is the operation date.
        public var dateUncertain: Bool?
        /// True when OCR read this movement's date well before the date of a movement printed above it since the last
        /// balance line: a bank lists its movements in booking order, so one of those dates was misread, by a month
        /// perhaps (« 04/09 » read « 04/08 »), and may belong on the other side of 31/08. No balance is computed from
        /// the movements printed after the balance it would start from. Nil: in order, or not read by OCR.
        public var dateOutOfOrder: Bool?
        public init(date: CalendarDate, label: String, amount: Money) {
            self.date = date
            self.label = label
            self.amount = amount
        }
        public init(date: CalendarDate, label: String, amount: Money, balancesBefore: Int?) {
            self.date = date
            self.label = label
            self.amount = amount
            self.balancesBefore = balancesBefore
        }
        public init(date: CalendarDate, label: String, amount: Money, balancesBefore: Int?, dateUncertain: Bool?) {
            self.init(date: date, label: label, amount: amount, balancesBefore: balancesBefore)
            self.dateUncertain = dateUncertain
        }
    }
}

/// How a statement's balance at 31 August was obtained.
public enum BalanceSource: String, Codable, Sendable {
    /// Printed on a balance line dated 31/08.
    case read
    /// The last balance before 31/08 plus the movements booked up to 31/08.
    case computed
}

/// A statement's balance at the closing date of an exercise.
public struct ClosingBalance: Hashable, Codable, Sendable {
    public var date: CalendarDate
    public var amount: Money
    public var source: BalanceSource
    /// True when the statement's own figures could not vouch for this balance (read by OCR, movements that do not
    /// reconcile) and it is kept only because it equals, to the cent, the balance the declaration leads to expect.
    public var confirmedByDeclaration: Bool
    public init(date: CalendarDate, amount: Money, source: BalanceSource, confirmedByDeclaration: Bool = false) {
        self.date = date
        self.amount = amount
        self.source = source
        self.confirmedByDeclaration = confirmedByDeclaration
    }

    enum CodingKeys: String, CodingKey { case date, amount, source, confirmedByDeclaration }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(CalendarDate.self, forKey: .date)
        amount = try c.decode(Money.self, forKey: .amount)
        source = try c.decode(BalanceSource.self, forKey: .source)
        confirmedByDeclaration = try c.decodeIfPresent(Bool.self, forKey: .confirmedByDeclaration) ?? false
    }
}

extension BankStatement {
    /// The balance at `date` (31 August of an exercise): read on a balance line dated that day, or computed when the
    /// statement's period covers the day, as the last balance dated before it plus the movements booked up to it.
    /// Nil when the statement does not cover the date, lacks what the computation needs, or its movements do not
    /// reconcile (``movementsReconciled`` false): never a guess.
    ///
    /// `expected`, when given, is the balance the cooperative's declaration leads to expect. A balance line dated
    /// `date` that the statement cannot vouch for (read by OCR while the movements do not reconcile) is then kept when
    /// it equals `expected` to the cent, marked ``ClosingBalance/confirmedByDeclaration``: an OCR slip that lands
    /// exactly on the declared figure is not a risk worth naming, and a line that differs stays unknown, as before. A
    /// balance computed from movements that do not reconcile is never kept: their error may lie anywhere.
    public func balance(at date: CalendarDate, confirmedBy expected: Money? = nil) -> ClosingBalance? {
        if let vouched = balance(at: date, vouchedOnly: true) { return vouched }
        guard let expected, movementsReconciled == false, var unvouched = balance(at: date, vouchedOnly: false),
            unvouched.source == .read, unvouched.amount == expected
        else { return nil }
        unvouched.confirmedByDeclaration = true
        return unvouched
    }

    /// The balance at `date`; with `vouchedOnly`, nil when the statement's own figures do not vouch for it.
    private func balance(at date: CalendarDate, vouchedOnly: Bool) -> ClosingBalance? {
        let unreconciled = vouchedOnly && movementsReconciled == false
        if let line = balances.last(where: { $0.date == date }) {
            if line.signFromOCRColumn == true && unreconciled { return nil }
            if line.readByOCR == true && unreconciled && balances.count >= 2 { return nil }
            return ClosingBalance(date: date, amount: line.amount, source: .read)
        }
        guard !unreconciled, let start = periodStart ?? balances.first?.date,
            let end = periodEnd ?? balances.last?.date,
            start <= date, date <= end,
            let baseIndex = balances.lastIndex(where: { $0.date < date })
        else { return nil }
        let base = balances[baseIndex]
        // The base balance includes what was printed before it: the movements printed after it and dated up to `date`
        // (an operation dated before the base but printed after it was booked after it). Without positions, by date.
        let booked = movements.filter { m in
            guard m.date <= date else { return false }
            if let before = m.balancesBefore { return before > baseIndex }
            return m.date > base.date
        }
        // A movement whose operation date was not read, dated this near `date`, may fall on either side of it.
        let target = FrenchDate.dayNumber(date)
        guard
            !movements.contains(where: {
                $0.dateUncertain == true && abs(FrenchDate.dayNumber($0.date) - target) <= BankStatement.uncertainDays
            })
        else { return nil }
        // A misread date among the movements counted from the base may put one on the wrong side of `date`.
        guard
            !movements.contains(where: { m in
                m.dateOutOfOrder == true && (m.balancesBefore.map { $0 > baseIndex } ?? true)
            })
        else { return nil }
        // More movements than a statement holds, or a total beyond Int64: nothing is computed from them.
        guard booked.count <= BankStatement.maxMovements,
            let total = Money.sum(booked.map(\.amount), start: base.amount)
        else { return nil }
        return ClosingBalance(date: date, amount: total, source: .computed)
    }
}

/// The figures a cooperative declared in its compte rendu financier (CRF) for one exercise, as exported by Retkoop.
public struct FinancialReport: Hashable, Codable, Sendable {
    public var cooperative: CooperativeNumber
    public var exercise: Exercise
    /// Report à nouveau au 01.09: last year's closing balance.
    public var openingBalance: Money
    /// Total des produits.
    public var income: Money
    /// Total des charges.
    public var expenses: Money
    /// Solde banque: the bank balance in the books on 31 August.
    public var bookBankBalance: Money
    /// Solde caisse: cash held on 31 August.
    public var cashBalance: Money
    /// Chèques non débités on 31 August.
    public var outstandingCheques: Money
    /// Encaissements non crédités on 31 August.
    public var depositsInTransit: Money

    public init(
        cooperative: CooperativeNumber, exercise: Exercise, openingBalance: Money, income: Money, expenses: Money,
        bookBankBalance: Money, cashBalance: Money, outstandingCheques: Money, depositsInTransit: Money
    ) {
        self.cooperative = cooperative
        self.exercise = exercise
        self.openingBalance = openingBalance
        self.income = income
        self.expenses = expenses
        self.bookBankBalance = bookBankBalance
        self.cashBalance = cashBalance
        self.outstandingCheques = outstandingCheques
        self.depositsInTransit = depositsInTransit
    }
}

extension FinancialReport {
    /// The balance the BRED statement must show on 31 August: book bank balance + cheques not yet debited − deposits
    /// not yet credited (the contract's rule; saturating, never trapping).
    public var expectedStatementBalance: Money { bookBankBalance + outstandingCheques - depositsInTransit }
}

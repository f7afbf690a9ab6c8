/// What was read on a quitus page (the signed CRF page).
public struct Quitus: Hashable, Codable, Sendable {
    /// Cooperative numbers printed on the page.
    public var cooperativeNumbers: [CooperativeNumber]
    public var school: String?
    public var exercise: Exercise?
    /// Printed totals, when legible.
    public var income: Money?
    public var expenses: Money?
    public var bankBalance: Money?
    /// True when the page was read by OCR and its five printed figures, as read, do not add up (report à nouveau +
    /// produits − charges ≠ solde banque + solde caisse): one of them is misread, so a total that differs from the
    /// declaration may be a misreading. Nil when the figures add up, were not all read, or came from a text layer.
    public var unbalancedReading: Bool?
    /// True when the figures were read by OCR (a scan or a photo), where one misread digit is a common slip; nil for a
    /// text layer (and for readings stored before this was kept).
    public var readByOCR: Bool?
    /// True when the page says the accounts "semble(nt) correct(s)"; nil when not found.
    public var saysCorrect: Bool?
    /// Each signature place's verdict, in ``SignaturePlace`` order; nil when the page was not inspected (older readings).
    public var signatures: [SignatureReading]?
    /// The page those places are on.
    public var signingPage: SigningPage?

    public init(
        cooperativeNumbers: [CooperativeNumber] = [], school: String? = nil, exercise: Exercise? = nil,
        income: Money? = nil,
        expenses: Money? = nil, bankBalance: Money? = nil, saysCorrect: Bool? = nil,
        signatures: [SignatureReading]? = nil
    ) {
        self.signatures = signatures
        self.cooperativeNumbers = cooperativeNumbers
        self.school = school
        self.exercise = exercise
        self.income = income
        self.expenses = expenses
        self.bankBalance = bankBalance
        self.saysCorrect = saysCorrect
    }
}

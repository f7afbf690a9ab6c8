import CoopmailDomain

/// Everything the ledger rules look at for one cooperative and one exercise.
///
/// Every input may be missing: a rule whose data is absent answers `unknown`, never a guess.
public struct LedgerInput: Hashable, Sendable {
    /// The exercise checked; its ``Exercise/closing`` (31 August) is the date every balance is taken at.
    public var exercise: Exercise
    /// The figures declared in the compte rendu financier (Retkoop export), if received.
    public var declaration: FinancialReport?
    /// Every bank statement read for this dossier, in any order: the result does not depend on it.
    public var statements: [BankStatement]
    /// The IBAN registered for the cooperative, if any (normalised or not).
    public var registeredIBAN: String?
    /// Whether a quitus (the signed CRF page) was received.
    public var quitusReceived: Bool
    /// What was read on the current quitus (figures, signature places), when one was received and read.
    public var quitus: Quitus?

    public init(
        exercise: Exercise, declaration: FinancialReport? = nil, statements: [BankStatement] = [],
        registeredIBAN: String? = nil, quitusReceived: Bool = false, quitus: Quitus? = nil
    ) {
        self.exercise = exercise
        self.declaration = declaration
        self.statements = statements
        self.registeredIBAN = registeredIBAN
        self.quitusReceived = quitusReceived || quitus != nil
        self.quitus = quitus
    }
}

/// The ledger rules of the contract.
public enum Rule: String, Codable, Sendable, CaseIterable {
    case crfBalanced = "crf_balanced"
    case bankStatementMatches = "bank_statement_matches"
    case statementDate = "statement_date"
    case statementAccount = "statement_account"
    case quitusReceived = "quitus_received"
    case bankStatementReceived = "bank_statement_received"
    case quitusSigned = "quitus_signed"
    case quitusMatchesDeclaration = "quitus_matches_declaration"
}

public enum Verdict: String, Codable, Sendable {
    case pass, fail, unknown
}

/// One rule's result on one dossier, with the amounts and one French sentence a mandataire understands.
public struct Check: Hashable, Codable, Sendable {
    public var rule: Rule
    public var verdict: Verdict
    public var expected: Money?
    public var found: Money?
    public var difference: Money?
    /// One French sentence, e.g. « Le solde du relevé au 31/08/2021 (1 234,56 €) diffère de 60,00 € du solde attendu … »
    public var detail: String

    public init(
        rule: Rule, verdict: Verdict, expected: Money? = nil, found: Money? = nil, difference: Money? = nil,
        detail: String
    ) {
        self.rule = rule
        self.verdict = verdict
        self.expected = expected
        self.found = found
        self.difference = difference
        self.detail = detail
    }
}

import CoopmailDomain

extension Rule {
    /// The document a rule reads (nil: the declaration alone). When that document is missing, the rule cannot be
    /// checked, and saying so adds nothing to « document manquant ».
    public var document: DocumentKind? {
        switch self {
        case .crfBalanced: return nil
        case .quitusReceived, .quitusSigned, .quitusMatchesDeclaration: return .quitus
        case .bankStatementReceived, .bankStatementMatches, .statementDate, .statementAccount: return .bankStatement
        }
    }
}

extension Array where Element == Check {
    /// The rules that could not be checked (`unknown`) for a reason other than a missing document: a declaration
    /// never imported, a balance that could not be read, an account number missing from the statement. Unchecked is
    /// not clean: staff see each with its reason, and approving asks for confirmation as for a failed check.
    public var unchecked: [Check] {
        let missing = Set(
            filter { ($0.rule == .quitusReceived || $0.rule == .bankStatementReceived) && $0.verdict == .fail }
                .compactMap(\.rule.document))
        return filter { c in
            guard c.verdict == .unknown else { return false }
            if let doc = c.rule.document, missing.contains(doc) { return false }
            return true
        }
    }
}

import CoopmailDomain

/// One short action in plain words for each failed check, for a teacher reading on a phone: what to look at, before
/// any formula.
public enum CheckAction {
    public static func text(for check: Check, exercise: Exercise) -> String {
        let closing = exercise.closing.french
        switch check.rule {
        case .crfBalanced:
            return
                "vérifiez dans Retkoop le report à nouveau, les produits et les charges : une écriture oubliée ou saisie deux fois fausse le solde"
        case .bankStatementMatches:
            return "vérifiez les frais bancaires de septembre et la liste des chèques non encore débités au \(closing)"
        case .statementDate:
            return
                "envoyez le relevé BRED qui montre le solde au \(closing) (relevé d'août, ou de septembre avec l'ancien solde au \(closing))"
        case .statementAccount:
            return "le relevé reçu est celui d'un autre compte : envoyez le relevé du compte de la coopérative"
        case .quitusReceived:
            return "envoyez le quitus signé (la page du compte rendu financier)"
        case .bankStatementReceived:
            return "envoyez le relevé de compte BRED avec le solde au \(closing)"
        case .quitusSigned:
            return "faites signer le quitus par le parent d'élève élu et par l'enseignant, puis renvoyez-le"
        case .quitusMatchesDeclaration:
            return
                "vérifiez que les totaux imprimés sur le quitus (produits, charges, solde banque) sont ceux saisis dans Retkoop"
        }
    }

    /// The failed checks a mandataire is told about: a statement of another account makes the checks computed from
    /// it (the gap, the date) meaningless, so only the request for the right statement stays.
    public static func told(_ failed: [Check]) -> [Check] {
        guard failed.contains(where: { $0.rule == .statementAccount }) else { return failed }
        return failed.filter { $0.rule != .bankStatementMatches && $0.rule != .statementDate }
    }
}

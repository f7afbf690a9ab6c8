import CoopmailDomain
import CoopmailLedger

/// Short French names of the rules and verdicts, for tables and lists (the full sentence is in ``Check/detail``).
public enum CheckText {
    /// « Équilibre du CRF », « Solde du relevé »…
    public static func name(_ rule: Rule) -> String {
        switch rule {
        case .crfBalanced: return "équilibre du CRF"
        case .bankStatementMatches: return "solde du relevé"
        case .statementDate: return "relevé au 31/08"
        case .statementAccount: return "compte du relevé"
        case .quitusReceived: return "quitus"
        case .bankStatementReceived: return "relevé reçu"
        case .quitusSigned: return "signatures du quitus"
        case .quitusMatchesDeclaration: return "chiffres du quitus"
        }
    }

    /// A failed check in a few words, with the difference when there is one: « écart relevé 60,00 € ».
    public static func short(_ check: Check) -> String {
        switch check.rule {
        case .crfBalanced:
            return check.difference.map { "CRF déséquilibré \($0.magnitude.french)" } ?? "CRF déséquilibré"
        case .bankStatementMatches:
            return check.difference.map { "écart relevé \($0.magnitude.french)" } ?? "écart relevé"
        case .statementDate: return "relevé 31/08 manquant"
        case .statementAccount: return "autre compte"
        case .quitusReceived: return "quitus manquant"
        case .bankStatementReceived: return "relevé manquant"
        case .quitusSigned: return "signature manquante"
        case .quitusMatchesDeclaration:
            return check.difference.map { "écart quitus \($0.magnitude.french)" } ?? "quitus différent"
        }
    }

    /// « réussi », « échoué », « inconnu ».
    public static func verdict(_ v: Verdict) -> String {
        switch v {
        case .pass: return "réussi"
        case .fail: return "échoué"
        case .unknown: return "inconnu"
        }
    }
}

import CoopmailDomain
import CoopmailText

/// A visible explanation of a difference found by a rule, told to the mandataire as a hint (« Cause possible : … »).
public enum LikelyCause: Hashable, Sendable {
    /// The difference is the amount of a cheque on a statement: missing from, or wrongly in, the chèques non débités.
    case cheque(BankStatement.Movement, afterClosing: Bool)
    /// The difference is one movement booked by the bank after 31 August.
    case movementAfterClosing(BankStatement.Movement)
    /// The difference is a bank fee (frais, cotisation, commission) perhaps not booked.
    case bankFee(BankStatement.Movement)
    /// The difference is the report à nouveau: counted in the produits (a frequent error).
    case openingBalanceAsIncome(Money)
    /// The declared bank balance is a statement balance at another date (30/06 instead of 31/08).
    case balanceAtOtherDate(BankStatement.BalanceLine)
    /// A sign error: the balance is débiteur, or was declared with the wrong sign.
    case signError(Money)
    /// The statement balance is the declared book balance: the reconciliation items are in doubt.
    case reconciliationItems(cheques: Money, deposits: Money)
    /// Cheques not debited and deposits not credited appear swapped.
    case swappedItems

    /// A clause in French, to follow « Cause possible : ».
    public var french: String {
        switch self {
        case .cheque(let m, let after):
            let when =
                after ? "débité le \(m.date.french), après le 31/08" : "débité le \(m.date.french), avant le 31/08"
            let advice =
                after
                ? "vérifiez qu'il figure dans les chèques non débités"
                : "il ne doit pas figurer dans les chèques non débités"
            return
                "l'écart est égal au chèque « \(clean(m.label)) » de \(m.amount.magnitude.french) \(when) : \(advice)"
        case .movementAfterClosing(let m):
            return
                "l'écart est égal à l'opération « \(clean(m.label)) » du \(m.date.french) (\(signed(m.amount))), passée après le 31/08 : "
                + "vérifiez si elle doit figurer dans les chèques non débités ou les encaissements non crédités"
        case .bankFee(let m):
            return
                "l'écart est égal aux frais bancaires « \(clean(m.label)) » du \(m.date.french) (\(m.amount.magnitude.french)), "
                + "peut-être non enregistrés dans la comptabilité"
        case .openingBalanceAsIncome(let amount):
            return
                "l'écart est égal au report à nouveau (\(amount.french)) : il a peut-être été compté dans les produits, "
                + "alors qu'il ne doit pas l'être"
        case .balanceAtOtherDate(let line):
            return
                "le solde banque déclaré correspond au solde du relevé au \(line.date.french) (\(line.amount.french)) : "
                + "les comptes ont peut-être été arrêtés au \(line.date.french) au lieu du 31/08"
        case .signError(let amount):
            return amount.cents < 0
                ? "le relevé indique un solde débiteur (négatif) de \(amount.magnitude.french) : le signe a peut-être été inversé"
                : "un solde a peut-être été déclaré avec le mauvais signe (débiteur au lieu de créditeur, ou l'inverse)"
        case .reconciliationItems(let cheques, let deposits):
            return "le solde du relevé est égal au solde banque déclaré : les chèques non débités (\(cheques.french)) "
                + "et les encaissements non crédités (\(deposits.french)) déclarés sont peut-être à revoir"
        case .swappedItems:
            return "les chèques non débités et les encaissements non crédités ont peut-être été inversés"
        }
    }

    /// « Cause possible : … » or « Causes possibles : … ; … », or an empty string.
    public static func sentence(_ causes: [LikelyCause]) -> String {
        guard !causes.isEmpty else { return "" }
        let head = Plural.word(causes.count, "Cause possible", "Causes possibles") + " : "
        return head + causes.map(\.french).joined(separator: " ; ") + "."
    }

    private func signed(_ m: Money) -> String { m.cents > 0 ? "+" + m.french : m.french }
    /// Labels come from OCR: keep one line, no guillemets, a reasonable length.
    private func clean(_ label: String) -> String {
        let oneLine = label.map { $0.isNewline || $0 == "«" || $0 == "»" ? " " : $0 }
        let collapsed = String(oneLine).split(separator: " ").joined(separator: " ")
        return collapsed.count > 60 ? String(collapsed.prefix(59)) + "…" : collapsed
    }
}

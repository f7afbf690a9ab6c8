import CoopmailDomain
import CoopmailText

/// Decides from a page's text whether it is a quitus, a BRED bank statement or something else.
public enum PageClassifier {
    /// Weighted cues, matched on folded (lower-case, accent-free) text.
    static let statementCues: [(String, Double)] = [
        ("releve de compte", 3), ("releve", 1), ("bred", 2), ("banque populaire", 1.5), ("solde crediteur", 3),
        ("solde debiteur", 3), ("ancien solde", 2.5), ("nouveau solde", 2.5), ("solde precedent", 2.5), ("iban", 1),
        ("bic", 0.5), ("bredfrpp", 2), ("debit", 1), ("credit", 0.5), ("vir sepa", 1), ("prlv", 1), ("chq", 0.5),
        ("date valeur", 1), ("valeur", 0.5), ("libelle", 0.5), ("montant", 0.5), ("titulaire", 1),
    ]
    static let quitusCues: [(String, Double)] = [
        ("quitus", 4), ("compte rendu financier", 3), ("semble correct", 3), ("semblent corrects", 3),
        ("verificateur", 2.5), ("signature", 1.5), ("occe", 1.5), ("mandataire", 1), ("total des produits", 1.5),
        ("total des charges", 1.5), ("report a nouveau", 1), ("exercice", 0.5), ("cooperative", 0.5),
        ("solde caisse", 1), ("bilan", 0.5), ("parent elu", 1.5),
    ]

    public struct Scores: Hashable, Sendable {
        public var statement: Double
        public var quitus: Double
    }

    public static func scores(_ text: String) -> Scores {
        let folded = Folding.fold(text)
        var s = 0.0
        var q = 0.0
        for (cue, w) in statementCues where folded.contains(cue) { s += w }
        for (cue, w) in quitusCues where folded.contains(cue) { q += w }
        if IBANFinder.find(in: text) != nil { s += 2 }
        return Scores(statement: s, quitus: q)
    }

    /// The kind of one page; `.other` when neither kind has enough evidence or they are too close to call.
    public static func kind(of text: String) -> DocumentKind {
        let sc = scores(text)
        let threshold = 5.0
        if sc.statement >= threshold && sc.statement >= sc.quitus + 2 { return .bankStatement }
        // The other pages of a CRF speak of produits and charges too: a quitus must also say it approves the accounts.
        let folded = Folding.fold(text)
        let approves = ["quitus", "semble correct", "semblent corrects", "verificateur"].contains {
            folded.contains($0)
        }
        if approves && sc.quitus >= threshold && sc.quitus >= sc.statement + 2 { return .quitus }
        return .other
    }

    /// The quitus form's words short of the decisive ones (« quitus », « vérificateur », « semble correct »): what a
    /// first OCR reading of a phone-photographed quitus still shows when it dropped the title and the approval line.
    static let quitusFormWords = [
        "compte rendu financier", "mandataire", "parent", "elu", "signature", "produits", "charges", "solde",
        "exercice", "cooperative", "occe", "caisse", "enseignant", "report a nouveau", "bilan",
    ]

    /// Whether a page classified `other` shows enough of the quitus form (at least three of ``quitusFormWords``, as
    /// whole words) to deserve a second OCR reading. A hint only: the page becomes a quitus only when the second
    /// reading itself is classified as one (``kind(of:)``, which needs the decisive words).
    public static func showsQuitusForm(_ text: String) -> Bool {
        let words = Folding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let joined = " " + words.joined(separator: " ") + " "
        return quitusFormWords.filter { joined.contains(" \($0) ") }.count >= 3
    }

    /// At least three lines that start with a date and end with an amount: a page of statement movements.
    public static func looksLikeMovements(_ text: String) -> Bool {
        var count = 0
        for line in text.split(separator: "\n") {
            let l = String(line)
            guard let date = FrenchDate.find(in: l, period: nil).first ?? dayMonth(l),
                date.range.lowerBound
                    <= (l.firstIndex(where: { !$0.isWhitespace }).map { l.distance(from: l.startIndex, to: $0) } ?? 0)
                        + 2,
                let amount = AmountScanner.find(in: l).last,
                amount.range.upperBound >= l.trimmingCharacters(in: .whitespaces).count - 3
            else { continue }
            count += 1
        }
        return count >= 3
    }

    /// `dd/mm` at the start of a line (a movement date), with a placeholder year.
    static func dayMonth(_ line: String) -> FrenchDate.Found? {
        let placeholder = CalendarDate(year: 2000, month: 1, day: 1)!...CalendarDate(year: 2000, month: 12, day: 31)!
        return FrenchDate.find(in: line, period: placeholder).first
    }
}

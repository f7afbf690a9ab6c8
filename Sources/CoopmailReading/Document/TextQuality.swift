import CoopmailText

/// Rough measures of how much real French text a string holds: used to decide whether a PDF text layer is
/// usable and which rotation of a scan reads best.
public enum TextQuality {
    static let commonWords: Set<String> = [
        "de", "la", "le", "les", "des", "du", "et", "au", "aux", "en", "un", "une", "par", "pour", "sur", "dans",
        "compte", "solde", "releve", "total", "date", "banque", "credit", "debit", "cheque", "cheques", "ecole",
        "cooperative", "quitus", "nous", "vous", "signature", "nom", "paris", "rue", "exercice", "financier",
        "populaire", "bred", "iban", "montant", "operation", "libelle", "valeur", "nouveau", "ancien", "charges",
        "produits", "caisse", "mandataire", "correct", "comptes", "sepa", "vir", "chq", "remise", "frais", "agence",
        "madame", "monsieur", "avec", "est", "sont", "qui", "que", "pas", "ce", "cette", "nos", "notre", "votre",
        "fait",
        "semble", "verificateur", "verificateurs", "titulaire", "courant", "euros", "mairie", "virement", "prelevement",
    ]

    /// How many tokens are common French or banking words (`de`, `compte`, `solde`…).
    public static func dictionaryHits(_ text: String) -> Int {
        tokens(text).reduce(0) { $0 + (commonWords.contains(Folding.fold($1)) ? 1 : 0) }
    }

    /// How many different common words the text holds. OCR of a page turned the wrong way makes the same few tokens
    /// over and over (the « 21 » of every `dd/mm/21` date read upside down is « Le »): many hits of one word are not
    /// French; upright text shows several different ones.
    public static func distinctDictionaryWords(_ text: String) -> Int {
        Set(tokens(text).lazy.map { Folding.fold($0) }.filter { commonWords.contains($0) }).count
    }

    /// Number of letters and digits.
    public static func alphanumericCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (($1.properties.isAlphabetic || ("0"..."9").contains($1)) ? 1 : 0) }
    }

    /// Whether a text layer holds enough to be worth keeping rather than OCR'ing the page.
    public static func isUsableTextLayer(_ text: String) -> Bool {
        wordCount(text) >= 3 && alphanumericCount(text) >= 20
    }

    /// Tokens of at least two letters.
    public static func wordCount(_ text: String) -> Int {
        tokens(text).filter { $0.count >= 2 && $0.allSatisfy(\.isLetter) }.count
    }

    /// A score that grows with dictionary-like French words; OCR of a sideways page scores near zero.
    public static func frenchScore(_ text: String) -> Double {
        var score = 0.0
        for token in tokens(text) {
            let folded = Folding.fold(token)
            if commonWords.contains(folded) {
                score += 2
            } else if folded.count >= 4, folded.allSatisfy({ $0.isLetter }),
                folded.contains(where: { "aeiouy".contains($0) })
            {
                score += 0.5
            }
        }
        return score
    }

    static func tokens(_ text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    }
}

import CoopmailText
import Foundation

/// Finds cooperative numbers in free text, in the ways people write them (`075-0123`, `75-123`, `075 0123`,
/// `coop 123`, `coopérative n° 0123`, `n°123`), without catching dates, amounts, phone numbers, postcodes or IBANs.
public struct CooperativeNumberFinder: Sendable {
    public var defaultDepartment: Int

    public init(defaultDepartment: Int = 75) { self.defaultDepartment = defaultDepartment }

    public enum Form: String, Sendable {
        /// Département and number written (`075-0123`, `75-123`, `075 0123`).
        case full
        /// A short number after a word that says it is one (`coop 123`, `n° 0123`); the default département applies.
        case keyword
        /// A short number after a bare `n°` / `numéro`, which may number anything (an invoice, a cheque).
        case numberSign
    }

    public struct Found: Hashable, Sendable {
        public var number: CooperativeNumber
        public var form: Form
        /// The text as written.
        public var written: String

        public init(number: CooperativeNumber, form: Form, written: String) {
            self.number = number
            self.form = form
            self.written = written
        }
    }

    // Things that look like numbers but are not: masked before searching.
    private static let masks: [NSRegularExpression] = [
        // Short account numbers first, with the spaces OCR puts in them (`51 8.09.5521`), before the dates take a piece.
        #"(?<![0-9])[0-9][ ]?[0-9][ ]?[0-9][ ]?\.[ ]?[0-9]{2}[ ]?\.[ ]?[0-9]{4}(?![0-9])"#,
        #"[a-z]{2}[0-9]{2}(?:\s?[0-9a-z]{4}){2,7}(?:\s?[0-9a-z]{1,4})?"#,  // IBAN
        #"(?<![0-9])[0-9]{5}\s?[0-9]{5}\s?[0-9]{11}\s?[0-9]{2}(?![0-9])"#,  // RIB
        #"(?<![0-9])[0-3]?[0-9]\s?[/.\-]\s?[01]?[0-9]\s?[/.\-]\s?(?:[0-9]{4}|[0-9]{2})(?![0-9])"#,  // dates
        // Year and month, as file names write them (`releve-2021-08-0123.pdf`, `scan_2021_08`, `202108`, `2021.08`,
        // `20210831`): else `08-0123` reads as département 8, and a national registry has 008-0123. Before phone
        // numbers (`0123 2021-06`) and postcodes (`08 075` in `2021-08 075-0123`) take a piece of the cooperative's number.
        #"(?<![0-9]|[0-9][-/.])(?:19|20)[0-9]{2}[ ]?[-/.]?[ ]?(?:0[1-9]|1[0-2])(?:[ ]?[-/.]?[ ]?(?:0[1-9]|[12][0-9]|3[01]))?(?![0-9])"#,
        #"(?<![0-9])(?:\+33\s?|0)[1-9](?:[\s.\-]?[0-9]{2}){4}(?![0-9])"#,  // phone numbers
        #"[-+]?\s?[0-9]{1,3}(?:[\s.][0-9]{3})*,[0-9]{2}"#,  // amounts
        #"(?<![0-9])[0-9]{3}\.[0-9]{2}\.[0-9]{4}(?![0-9])"#,  // short account numbers
        #"(?<![0-9])(?:19|20)[0-9]{2}\s?[-/]\s?(?:19|20)[0-9]{2}(?![0-9])"#,  // exercises 2020-2021
        #"(?<![0-9])[0-9]{1,2}\s?h\s?[0-9]{2}"#,  // times
        // Below: numbers that a dense registry (every 075-NNNN registered) would otherwise take for a cooperative.
        #"(?<![0-9])(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9](?![0-9])"#,  // ISO dates 2021-08-31
        #"(?<![0-9/.])[01]?[0-9]\s?[/.\-]\s?(?:19|20)[0-9]{2}(?![0-9])"#,  // month and year 08/2021
        // The association's département, not a cooperative: « (AD 75) », « AD75 », « l'OCCE 75 », « OCCE 75 ».
        #"\b(?:ad|occe|udocce|departement|dept|dpt)[ ]?-?[ ]?0?[0-9]{2}\b(?![ ]?[-/.]?[ ]?[0-9])"#,
        #"(?<![0-9])[0-9]{2}[ ]?[0-9]{3}(?![0-9])"#,  // postcodes 75014, 75 014
        #"(?<![0-9])[0-9]{3} [0-9]{3} [0-9]{3}(?: [0-9]{5})?(?![0-9])"#,  // SIREN / SIRET
        #"\bpages?[ ]*[0-9]+(?:[ ]*(?:/|sur)[ ]*[0-9]+)?"#,  // page 1/2, page 3 sur 4
        #"\b(?:p|pg)\.[ ]?[0-9]+"#,  // p. 2
        #"(?<![0-9/.,])[0-9]{1,2}[ ]?/[ ]?[0-9]{1,2}(?![0-9/.,])"#,  // 1 / 3, 2/2, 31/08
        #"[0-9]+(?:[ .][0-9]{3})*[ ]?(?:€|eur\b|euros?\b)"#,  // amounts without cents: 75 €
        // A number after a word naming something else than a cooperative: branch and bank codes, accounts, clients,
        // cheques, invoices, statements, references (« code guichet 00123 », « relevé n° 12 », « chq 1234 »).
        #"\b(?:code|guichet|agence|banque|etablissement|cle|rib|compte|cpte|client|abonne|contrat|facture|cheques?|chq|remise|releve|extrait|bordereau|commande|dossier|reference|ref|siret|siren|rcs|tva|telephone|tel|fax|transaction|operation|lot|carte|ticket|avis|piece|folio|feuillet|edition|classe|salle|batiment|bat|porte|escalier|etage|appartement|bp|cs|cedex|tableau|annexe|article|art|ligne|compte-rendu)\b\.?(?:[ ]*(?:n[ ]?°|n[ ]?º|no\b\.?|numero|num\b\.?|de|du|d'|:|#|-|guichet|banque|agence|client|compte|courant|rib))*[ ]*[0-9]+(?:[ ][0-9]+)*(?![0-9]|[ ]?[-/.][ ]?[0-9])"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// `075-0123`, `75/123`. Three digits then a space and a digit are a number OCR cut (« 075-099 9 » for 075-0999),
    /// not 075-0099.
    private static let full = try! NSRegularExpression(
        pattern:
            #"(?<![0-9a-z.,/])([0-9]{2,3})\s?[-/]\s?([0-9]{4}(?![0-9]|[.,/][0-9])|[0-9]{3}(?![0-9]|[.,/][0-9]|[ ][0-9]))"#
    )
    private static let spaced = try! NSRegularExpression(
        pattern: #"(?<![0-9a-z.,/])([0-9]{2,3}) ([0-9]{4})(?![0-9]|[.,/][0-9]| ?[0-9])"#)
    private static let dotted = try! NSRegularExpression(
        pattern: #"(?<![0-9a-z.,/])(0[0-9]{2})\.([0-9]{4})(?![0-9]|[.,/][0-9])"#)
    private static let compact = try! NSRegularExpression(pattern: #"(?<![0-9a-z.,/])([0-9]{7})(?![0-9]|[.,/][0-9])"#)
    /// A short number after a word that says it is a cooperative's (`coop`, `coopérative`, `n° de coopérative`) or
    /// after a bare `n°` / `numéro`. « OCCE » alone does not say it (« OCCE 75 » is the département). The number
    /// must be on the same line as its word, and end there: « n° 075-01 00 » (a full number OCR split) is not 75.
    private static let keyword = try! NSRegularExpression(
        pattern:
            #"(?:\bcoop(?:erative)?s?\b\.?|\bnumero\b|\bnum\b\.?|\bno\b\.?|n[ ]?°|n[ ]?º)(?:[ ]*(?:n[ ]?°|n[ ]?º|no\b\.?|numero|de[ ]+(?:la[ ]+)?coop(?:erative)?|scolaire|occe|:|#|-))*[ ]*([0-9]{1,4})(?![0-9]|[.,/:h][0-9]|[ ]?[0-9]|[ ]?[-/][ ]?[0-9]|[ ]?(?:rue|bd|boulevard|avenue|av\b|place|passage|impasse|villa|cite|allee|quai|bis\b|ter\b|euros?|eur\b|€|%|ans?\b|eleves?|enfants|classes?|h\b|min))"#
    )

    /// Every number found, in order of appearance, without repeats.
    public func find(in text: String) -> [Found] {
        var folded = Folding.fold(text).replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\t", with: " ")
        for mask in Self.masks {
            let ns = folded as NSString
            var replaced = folded
            for m in mask.matches(in: folded, range: NSRange(location: 0, length: ns.length)).reversed() {
                guard let r = Range(m.range, in: replaced) else { continue }
                replaced.replaceSubrange(r, with: String(repeating: "#", count: replaced[r].count))
            }
            folded = replaced
        }
        let ns = folded as NSString
        var hits: [(Int, Found)] = []
        func add(_ location: Int, _ number: CooperativeNumber?, _ form: Form, _ written: String) {
            guard let number else { return }
            hits.append((location, Found(number: number, form: form, written: written)))
        }
        let all = NSRange(location: 0, length: ns.length)
        for m in Self.full.matches(in: folded, range: all) {
            let d = ns.substring(with: m.range(at: 1))
            let n = ns.substring(with: m.range(at: 2))
            guard plausibleDepartment(d) else { continue }
            add(m.range.location, Self.number(d, n), .full, ns.substring(with: m.range))
        }
        for m in Self.spaced.matches(in: folded, range: all) {
            let d = ns.substring(with: m.range(at: 1))
            let n = ns.substring(with: m.range(at: 2))
            // `075 0123`, or the default département without its zero (`75 0123`).
            guard (d.count == 3 && d.hasPrefix("0") && plausibleDepartment(d)) || Int(d) == defaultDepartment else {
                continue
            }
            add(m.range.location, Self.number(d, n), .full, ns.substring(with: m.range))
        }
        for m in Self.dotted.matches(in: folded, range: all) {
            let d = ns.substring(with: m.range(at: 1))
            let n = ns.substring(with: m.range(at: 2))
            guard plausibleDepartment(d) else { continue }
            add(m.range.location, Self.number(d, n), .full, ns.substring(with: m.range))
        }
        for m in Self.compact.matches(in: folded, range: all) {
            let s = ns.substring(with: m.range(at: 1))
            guard Int(s.prefix(3)) == defaultDepartment else { continue }
            add(m.range.location, CooperativeNumber(parsing: s), .full, s)
        }
        let fullRanges = hits.map { NSRange(location: $0.0, length: $0.1.written.utf16.count) }
        for m in Self.keyword.matches(in: folded, range: all) {
            let r = m.range(at: 1)
            // Skip when the digits are the start of a full number already found.
            if fullRanges.contains(where: { NSIntersectionRange($0, r).length > 0 }) { continue }
            // "coop scolaire 2021" is a year: a year-like number needs an explicit "n°" / "numéro".
            let digits = ns.substring(with: r)
            let written = ns.substring(with: m.range)
            if digits.count == 4, let v = Int(digits), (1990...2039).contains(v),
                !(written.contains("n°") || written.contains("numero") || written.contains("nº"))
            {
                continue
            }
            let saysCoop = written.contains("coop")
            add(
                r.location, Int(digits).flatMap { CooperativeNumber(department: defaultDepartment, number: $0) },
                saysCoop ? .keyword : .numberSign,
                written)
        }
        var seen = Set<CooperativeNumber>()
        return hits.sorted { $0.0 < $1.0 }.map(\.1).filter { seen.insert($0.number).inserted }
    }

    /// The number written with these digits; nil when they are not a number (the patterns allow only ASCII digits).
    static func number(_ department: String, _ number: String) -> CooperativeNumber? {
        guard let d = Int(department), let n = Int(number) else { return nil }
        return CooperativeNumber(department: d, number: n)
    }

    func plausibleDepartment(_ d: String) -> Bool {
        guard let v = Int(d) else { return false }
        return (1...95).contains(v) || (971...976).contains(v)
    }
}

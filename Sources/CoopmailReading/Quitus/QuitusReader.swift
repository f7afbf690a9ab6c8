import CoopmailDomain
import CoopmailText
import Foundation

/// Reads a quitus page (the signed page of the compte rendu financier) into a ``Quitus``.
public enum QuitusReader {
    /// `ocr`: the text came from OCR; figures that do not add up then mark the reading (``Quitus/unbalancedReading``).
    public static func read(_ text: String, defaultDepartment: Int = 75, ocr: Bool = false) -> Quitus {
        var quitus = Quitus()
        quitus.cooperativeNumbers = CooperativeNumberFinder(defaultDepartment: defaultDepartment).find(in: text).map(
            \.number)
        let lines = text.replacingOccurrences(of: "\u{0C}", with: "\n").split(separator: "\n").map(String.init)
        var opening: Money?
        var cash: Money?
        for line in lines {
            let folded = Folding.fold(line)
            if quitus.school == nil, let r = folded.range(of: "ecole") {
                let offset = folded.distance(from: folded.startIndex, to: r.lowerBound)
                let source = line.count == folded.count ? line : folded
                var value = String(source.dropFirst(offset))
                // "École : École élémentaire X" keeps what follows the colon.
                if let colon = value.firstIndex(of: ":"), value.distance(from: value.startIndex, to: colon) <= 8 {
                    value = String(value[value.index(after: colon)...])
                }
                value = value.components(separatedBy: "  ").first?.trimmingCharacters(in: .whitespaces) ?? ""
                let words = Folding.words(value)
                if words.count >= 2 && !folded.contains("cooperation a l'ecole") { quitus.school = value }
            }
            let amount = figure(in: folded)
            if opening == nil, folded.contains("report a nouveau") { opening = amount }
            if cash == nil, folded.contains("solde caisse") || folded.contains("solde de caisse") { cash = amount }
            if quitus.income == nil, folded.contains("total des produits") || folded.contains("total produits") {
                quitus.income = amount
            }
            if quitus.expenses == nil, folded.contains("total des charges") || folded.contains("total charges") {
                quitus.expenses = amount
            }
            if quitus.bankBalance == nil, folded.contains("solde banque") || folded.contains("solde bancaire") {
                quitus.bankBalance = amount
            }
        }
        if ocr, let opening, let income = quitus.income, let expenses = quitus.expenses,
            let bank = quitus.bankBalance, let cash, opening + income - expenses != bank + cash
        {
            quitus.unbalancedReading = true
        }
        if ocr { quitus.readByOCR = true }
        quitus.exercise = exercise(in: text)
        let folded = Folding.fold(text).replacingOccurrences(of: "\n", with: " ")
        let squeezed = folded.split(separator: " ").joined(separator: " ")
        if squeezed.contains("ne semble pas correct") || squeezed.contains("ne semblent pas correct")
            || squeezed.contains("incorrect")
        {
            quitus.saysCorrect = false
        } else if squeezed.contains("semble correct") || squeezed.contains("semblent correct")
            || squeezed.contains("sont exacts")
            || squeezed.contains("semble exact")
        {
            quitus.saysCorrect = true
        }
        return quitus
    }

    /// The last amount of a figure's line, unless it is the tail of a number OCR split with a space: `1 00,00` (for
    /// `100,00`) shows `00,00`, `1 50,00` shows `50,00`. An integer part opening with a zero, or a lone group of one to
    /// three digits just before it, makes the figure unread rather than wrong.
    static func figure(in folded: String) -> Money? {
        guard let found = AmountScanner.find(in: folded).last else { return nil }
        let chars = Array(folded)
        guard found.range.lowerBound <= chars.count, found.range.upperBound <= chars.count else { return nil }
        let body = String(chars[found.range]).drop(while: { !$0.isNumber })
        if body.count >= 2, body.first == "0", body.dropFirst().first?.isNumber == true { return nil }
        let before = String(chars[..<found.range.lowerBound])
        if before.range(of: #"(?<![0-9/.,])[0-9]{1,3} $"#, options: .regularExpression) != nil { return nil }
        return found.amount
    }

    private static let exercisePattern = try! NSRegularExpression(
        pattern: #"(?<![0-9])((?:19|20)[0-9]{2})\s?[-/]\s?((?:19|20)[0-9]{2})(?![0-9])"#)

    private static let shortExercisePattern = try! NSRegularExpression(
        pattern: #"(?<![0-9])((?:19|20)[0-9]{2})\s?[-/]\s?([0-9]{2})(?![0-9/.,])"#)

    static func exercise(in text: String) -> Exercise? {
        let ns = text as NSString
        for m in exercisePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let e = Exercise(ns.substring(with: m.range)) { return e }
        }
        // "2020-21"
        for m in shortExercisePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            if let a = Int(ns.substring(with: m.range(at: 1))), let b = Int(ns.substring(with: m.range(at: 2))),
                b == (a + 1) % 100
            {
                return Exercise(startYear: a)
            }
        }
        return nil
    }
}

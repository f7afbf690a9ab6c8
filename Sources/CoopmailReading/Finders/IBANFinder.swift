import CoopmailDomain
import Foundation

/// Finds a valid IBAN in text, tolerating the spaces and the letter/digit confusions of OCR.
public enum IBANFinder {
    private static let start = try! NSRegularExpression(pattern: #"[FP][RK]\s?[0-9OoIlSB]{2}"#)
    static let digitFixes: [Character: Character] = [
        "O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8", "Z": "2",
    ]

    /// The first valid IBAN in `text`, normalised. With `ocrFixes` (text that came out of OCR), the letters OCR
    /// confuses with digits (O→0, I/l/|→1, S→5, B→8, Z→2) are read as digits; typed text must print the IBAN as it is.
    public static func find(in text: String, ocrFixes: Bool = true) -> String? {
        findAll(in: text, ocrFixes: ocrFixes).first
    }

    public static func findAll(in text: String, ocrFixes: Bool = true) -> [String] {
        let upper = text.replacingOccurrences(of: "\u{00A0}", with: " ")
        let ns = upper as NSString
        var found: [String] = []
        for m in start.matches(in: upper, range: NSRange(location: 0, length: ns.length)) {
            let tail = ns.substring(from: m.range.location)
            // Collect up to 27 significant characters, allowing single spaces between groups.
            var chars: [Character] = []
            var spaces = 0
            for ch in tail {
                if ch == " " {
                    spaces += 1
                    if spaces > 2 { break }
                    continue
                }
                guard ch.isLetter || ch.isNumber || ch == "|" else { break }
                spaces = 0
                chars.append(ch)
                if chars.count == 27 { break }
            }
            guard chars.count == 27 else { continue }
            var fixed = Array("FR")
            for ch in chars.dropFirst(2) { fixed.append(ocrFixes ? digitFixes[ch] ?? ch : ch) }
            let candidate = String(fixed).uppercased()
            if IBAN.isValid(candidate), !found.contains(candidate) { found.append(candidate) }
        }
        return found
    }

    private static let dotted = try! NSRegularExpression(
        pattern: #"(?<![0-9])([0-9] ?[0-9] ?[0-9])\s?\.\s?([0-9]{2})\s?\.\s?([0-9]{4})(?![0-9])"#)

    /// A BRED short account number such as `518.06.4209`.
    public static func shortAccountNumber(in text: String) -> String? {
        let ns = text as NSString
        guard let m = dotted.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range(at: 1)).replacingOccurrences(of: " ", with: "") + "."
            + ns.substring(with: m.range(at: 2)) + "." + ns.substring(with: m.range(at: 3))
    }
}

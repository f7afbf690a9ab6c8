import Foundation

/// Repairs the spellings of amounts and dates that OCR and some generators produce, line by line, before a statement
/// is read: `O` for `0` and `l` for `1` inside numbers, `60, 00`, and a decimal point instead of a comma.
/// Every rule is about the shape of one token, never about a particular document.
enum StatementText {
    static func normalise(_ line: String, ocr: Bool) -> String {
        var s = line
        if ocr {
            s = fixDigitTokens(s)
            s = spacedComma.stringByReplacingMatches(
                in: s, range: NSRange(location: 0, length: (s as NSString).length),
                withTemplate: "$1,$2")
            s = s.replacingOccurrences(of: "—", with: "-").replacingOccurrences(of: "–", with: "-")
            s = spacedSign.stringByReplacingMatches(
                in: s, range: NSRange(location: 0, length: (s as NSString).length),
                withTemplate: "$1 ")
            s = spacedThousands.stringByReplacingMatches(
                in: s, range: NSRange(location: 0, length: (s as NSString).length),
                withTemplate: "$1 $2")
        }
        return dotDecimals(s)
    }

    /// `3O/O8/2O21` → `30/08/2021`, `1 2O4,5O` → `1 204,50`: a token of digits with separators in which OCR read a
    /// zero as a letter O, a one as l, I or |. Tokens without a separator (`CHQ 1O`) are left alone.
    static func fixDigitTokens(_ line: String) -> String {
        let ns = line as NSString
        var out = line
        for m in digitToken.matches(in: line, range: NSRange(location: 0, length: ns.length)).reversed() {
            let token = ns.substring(with: m.range)
            guard token.contains(where: { $0.isASCII && $0.isNumber }),
                token.contains(where: { "OoIl|".contains($0) })
            else { continue }
            let fixed = String(
                token.map { ch -> Character in
                    switch ch {
                    case "O", "o": return "0"
                    case "I", "l", "|": return "1"
                    default: return ch
                    }
                })
            if let r = Range(m.range, in: out) { out.replaceSubrange(r, with: fixed) }
        }
        return out
    }

    private static let digitToken = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9OoIl|])[0-9OoIl|]+(?:[.,/][0-9OoIl|]+)+(?![A-Za-z0-9])"#)
    /// `1  628,00`: OCR widened the thousands space. Only when the leading group opens a column (two spaces or the
    /// start of the line before it), so that a number ending a label (`CHQ 123  456,78`) is never joined to the amount.
    private static let spacedThousands = try! NSRegularExpression(
        pattern: #"(?:(?<=  )|(?<=^)|(?<=^ )|(?<=[-+] )|(?<=[-+]))([0-9]{1,3})  ([0-9]{3}[,.][0-9]{2})(?![0-9])"#)
    /// `-  14 798,37`: a sign that OCR moved away from its amount.
    private static let spacedSign = try! NSRegularExpression(pattern: #"(?<=\s)([-+])\s{2,}(?=[0-9])"#)
    private static let spacedComma = try! NSRegularExpression(pattern: #"([0-9]) ?, ?([0-9]{2})(?![0-9])"#)

    /// `1 234.56`, `60.00`, `1.234.56` → decimal comma. A `dd.mm` that another amount follows on the line is a date
    /// (a value date), not an amount; `dd.mm.yy` dates are never touched.
    static func dotDecimals(_ line: String) -> String {
        let ns = line as NSString
        let matches = dotAmount.matches(in: line, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return line }
        var out = line
        for (i, m) in matches.enumerated().reversed() {
            let whole = ns.substring(with: m.range(at: 1))
            if whole.count <= 2, let day = Int(whole), let month = Int(ns.substring(with: m.range(at: 2))),
                (1...31).contains(day), (1...12).contains(month)
            {
                let after = ns.substring(from: m.range.location + m.range.length)
                let followed = i + 1 < matches.count || AmountScanner.find(in: after).count > 0
                let opensLine = ns.substring(to: m.range.location).trimmingCharacters(in: .whitespaces).isEmpty
                if followed || opensLine { continue }
            }
            let body = whole.replacingOccurrences(of: ".", with: " ") + "," + ns.substring(with: m.range(at: 2))
            if let r = Range(m.range, in: out) { out.replaceSubrange(r, with: body) }
        }
        return out
    }

    private static let dotAmount = try! NSRegularExpression(
        pattern: #"(?<![0-9.,/])([0-9]{1,3}(?:[. \u00A0][0-9]{3})+|[0-9]+)\.([0-9]{2})(?![0-9.,/])"#)
}

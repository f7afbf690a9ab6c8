import Foundation

/// Repairs the spellings of amounts and dates that OCR and some generators produce, line by line, before a statement
/// is read: `O` for `0` and `l` for `1` inside numbers, `60, 00`, and a decimal point instead of a comma.
/// Every rule is about the shape of one token, never about a particular document; the one rule a layout could make
/// wrong (`euroCommas`, a whole-euro `150 €`) is switched on by the reader from the document's own evidence
/// (``StatementReader/read(_:ocr:)``).
enum StatementText {
    static func normalise(_ line: String, ocr: Bool, euroCommas: Bool = true, columnCommas: Bool = false) -> String {
        var s = line
        if ocr {
            s = fixDigitTokens(s)
            s = fixRunTogetherDates(s)
            if euroCommas { s = fixEuroAmounts(s) }
            if columnCommas { s = fixColumnAmount(s) }
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
            s = spacedDotThousands.stringByReplacingMatches(
                in: s, range: NSRange(location: 0, length: (s as NSString).length),
                withTemplate: "$1.$2")
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

    /// `3108  CB CULTURA`, `31082021`, `31/082021`, `31.0821`: a date opening the line (or the value date after it) that
    /// lost a separator. Put back as `31/08`, `31/08/2021` when day and month are possible; a number that is no date
    /// (`1234`, `2021`) is left alone. Only the first two tokens of a line (the date columns) are looked at.
    static func fixRunTogetherDates(_ line: String) -> String {
        var out = line
        var from = 0
        for _ in 0..<2 {
            let ns = out as NSString
            guard from <= ns.length,
                let m = runTogetherDate.firstMatch(
                    in: out, options: .anchored, range: NSRange(location: from, length: ns.length - from))
            else { break }
            let token = ns.substring(with: m.range(at: 1))
            let groups = (2...4).map {
                m.range(at: $0).location == NSNotFound ? nil : ns.substring(with: m.range(at: $0))
            }
            guard let day = groups[0].flatMap({ Int($0) }), let month = groups[1].flatMap({ Int($0) }),
                (1...31).contains(day), (1...12).contains(month)
            else { break }
            let separators = token.filter { $0 == "/" || $0 == "." }.count
            let wanted = groups[2] == nil ? 1 : 2
            let fixed = [groups[0], groups[1], groups[2]].compactMap { $0 }.joined(separator: "/")
            if separators < wanted {
                out = ns.replacingCharacters(in: m.range(at: 1), with: fixed)
            } else if !(token.contains("/") || token.contains(".")) {
                break
            }
            from = m.range(at: 1).location + (separators < wanted ? (fixed as NSString).length : m.range(at: 1).length)
        }
        return out
    }

    private static let runTogetherDate = try! NSRegularExpression(
        pattern: #"\s*(([0-9]{2})[./]?([0-9]{2})(?:[./]?([0-9]{2}(?:[0-9]{2})?))?)(?=\s)"#)

    /// `12345 €` → `123,45 €`, `1 234 56 €` → `1 234,56 €`: an amount the euro sign follows whose decimal comma OCR
    /// lost or read as a space. A layout that prints whole euros (`150 €`) looks the same: the reader applies this only
    /// where the document shows that its amounts carry decimals (``StatementReader/read(_:ocr:)``).
    static func fixEuroAmounts(_ line: String) -> String {
        var s = line
        for pattern in [euroSpacedComma, euroLostComma] {
            s = pattern.stringByReplacingMatches(
                in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: "$1,$2 $3")
        }
        return s
    }

    /// How many amounts on the line the euro sign follows: with their two decimals, and without a comma (those
    /// ``fixEuroAmounts(_:)`` would change).
    static func euroAmounts(_ line: String) -> (decimals: Int, withoutComma: Int) {
        let whole = { (s: String) in NSRange(location: 0, length: (s as NSString).length) }
        let spacedFixed = euroSpacedComma.stringByReplacingMatches(
            in: line, range: whole(line), withTemplate: "$1,$2 $3")
        let withoutComma =
            euroSpacedComma.numberOfMatches(in: line, range: whole(line))
            + euroLostComma.numberOfMatches(in: spacedFixed, range: whole(spacedFixed))
        return (euroDecimals.numberOfMatches(in: line, range: whole(line)), withoutComma)
    }

    /// `VIR SEPA FAMILLE HADDAD      142965` → `… 1429,65`: a row's last token, alone in the amount column (two spaces
    /// or more before it, a word earlier on the line), digits only. OCR lost its decimal comma; a reference number
    /// ending a label looks the same, so the reader applies this only when the statement then reconciles and did not
    /// before (``StatementReader/readRepairingEuroCommas(_:)``).
    static func fixColumnAmount(_ line: String) -> String {
        let ns = line as NSString
        guard let m = columnLostComma.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)),
            ns.substring(to: m.range.location).contains(where: \.isLetter)
        else { return line }
        let fixed =
            ns.substring(with: m.range(at: 1)) + ns.substring(with: m.range(at: 2)) + ","
            + ns.substring(with: m.range(at: 3))
        return ns.replacingCharacters(in: m.range, with: fixed)
    }

    /// 1 when ``fixColumnAmount(_:)`` would change the line, else 0.
    static func columnAmountsWithoutComma(_ line: String) -> Int { fixColumnAmount(line) == line ? 0 : 1 }

    private static let columnLostComma = try! NSRegularExpression(
        pattern: #"(\S {2,})([-+]?[0-9]{1,7})([0-9]{2})\s*$"#)

    private static let euroDecimals = try! NSRegularExpression(pattern: #"[0-9] ?[,.] ?[0-9]{2} ?(?:€|EUR)"#)
    private static let euroSpacedComma = try! NSRegularExpression(
        pattern: #"(?<![0-9.,])(?<![0-9][ .\u00A0])([0-9]{1,3}(?:[ .\u00A0][0-9]{3})*) ([0-9]{2}) ?(€|EUR)"#)
    private static let euroLostComma = try! NSRegularExpression(
        pattern: #"(?<![0-9.,])(?<![0-9][ .\u00A0])([0-9]{1,3}(?:[ .\u00A0][0-9]{3})*|[0-9]+)([0-9]{2}) ?(€|EUR)"#)

    private static let digitToken = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9OoIl|])[0-9OoIl|]+(?:[.,/][0-9OoIl|]+)+(?![A-Za-z0-9])"#)
    /// `1  628,00`: OCR widened the thousands space. Only when the leading group opens a column (two spaces or the
    /// start of the line before it), so that a number ending a label (`CHQ 123  456,78`) is never joined to the amount.
    private static let spacedThousands = try! NSRegularExpression(
        pattern: #"(?:(?<=  )|(?<=^)|(?<=^ )|(?<=[-+] )|(?<=[-+]))([0-9]{1,3})  ([0-9]{3}[,.][0-9]{2})(?![0-9])"#)
    /// `7. 107,08`: OCR opened a space after a dotted thousands group (« 7.107,08 »). Only a group that stands alone
    /// after a space (never the end of a dotted date, `31.08. 107,08`, nor of a reference, `N°7. 107,08`).
    private static let spacedDotThousands = try! NSRegularExpression(
        pattern: #"(?<=\s|^)([0-9]{1,3})\. ([0-9]{3},[0-9]{2})(?![0-9])"#)
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

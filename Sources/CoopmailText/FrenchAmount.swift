/// French amounts as exact integer cents, never a floating-point number: `"1 234,56"`, `"1.234,56 €"`, `"-12,00"`.
public enum FrenchAmount {
    /// Parses a French (or plain) amount exactly into cents. Returns nil for anything that is not unambiguously an
    /// amount.
    ///
    /// Accepted: optional sign (`-`, `+`, `−`) possibly followed by spaces, or a trailing `-`; digits with
    /// thousands separators (space, no-break spaces, `.` or `'`); a decimal separator `,` or `.` with one or
    /// two decimals; an optional `€` / `EUR` before or after.
    /// When both `,` and `.` appear, the last one is the decimal separator. A single `.` followed by exactly
    /// three digits is a thousands separator (`1.234` = 1 234,00 €). More than two decimals is refused. Amounts are
    /// below 10^14 cents.
    public static func cents(_ text: String) -> Int64? {
        var s = trimmed(text)
        for suffix in ["EUR", "€", "Eur", "eur"] where s.hasSuffix(suffix) {
            s = trimmed(String(s.dropLast(suffix.count)))
        }
        for prefix in ["EUR", "€"] where s.hasPrefix(prefix) {
            s = trimmed(String(s.dropFirst(prefix.count)))
        }
        var negative = false
        if let first = s.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            s = trimmed(String(s.dropFirst()))
        } else if s.hasSuffix("-") {
            negative = true
            s = trimmed(String(s.dropLast()))
        }
        for prefix in ["EUR", "€"] where s.hasPrefix(prefix) {
            s = trimmed(String(s.dropFirst(prefix.count)))
        }
        guard let first = s.first, first.isASCII, first.isNumber else { return nil }
        // Remove spacing thousands separators; they must separate groups of three digits.
        let chars = Array(s)
        var digitsAndMarks: [Character] = []
        for (i, ch) in chars.enumerated() {
            if spaceSeparators.contains(ch) || ch == "'" {
                // Must be followed by exactly three digits then a non-digit or end.
                let after = chars[(i + 1)...].prefix { $0.isASCII && $0.isNumber }
                guard after.count == 3, i > 0, chars[i - 1].isASCII, chars[i - 1].isNumber else { return nil }
                continue
            }
            guard ch.isASCII, ch.isNumber || ch == "," || ch == "." else { return nil }
            digitsAndMarks.append(ch)
        }
        let marks = digitsAndMarks.enumerated().filter { $0.element == "," || $0.element == "." }
        var decimalIndex: Int? = nil
        if let last = marks.last {
            let distinct = Set(marks.map(\.element))
            if distinct.count == 2 {
                decimalIndex = last.offset
                // every earlier mark must be the other kind
                if marks.dropLast().contains(where: { $0.element == last.element }) { return nil }
            } else if last.element == "," {
                guard marks.count == 1 else { return nil }
                decimalIndex = last.offset
            } else {
                // only dots
                let tail = digitsAndMarks.count - last.offset - 1
                if marks.count > 1 || tail == 3 { decimalIndex = nil } else { decimalIndex = last.offset }
            }
        }
        var euros: Int64 = 0
        var cents: Int64 = 0
        var groupLength = 0
        var sawSeparator = false
        for (i, ch) in digitsAndMarks.enumerated() {
            if let d = decimalIndex, i >= d { break }
            if ch == "," || ch == "." {
                if sawSeparator && groupLength != 3 { return nil }
                if !sawSeparator && (groupLength == 0 || groupLength > 3) { return nil }
                sawSeparator = true
                groupLength = 0
                continue
            }
            let (m, o1) = euros.multipliedReportingOverflow(by: 10)
            guard let digit = ch.wholeNumberValue else { return nil }
            let (a, o2) = m.addingReportingOverflow(Int64(digit))
            guard !o1, !o2, a < 1_000_000_000_000 else { return nil }
            euros = a
            groupLength += 1
        }
        if sawSeparator && groupLength != 3 { return nil }
        if let d = decimalIndex {
            let decimals = digitsAndMarks[(d + 1)...]
            guard (1...2).contains(decimals.count), decimals.allSatisfy({ $0.isNumber }) else { return nil }
            guard let value = Int64(String(decimals)) else { return nil }
            cents = value * (decimals.count == 1 ? 10 : 1)
        }
        let total = euros * 100 + cents
        return negative ? -total : total
    }

    /// `1 234,56 €` (`currency`) or `1 234,56`, with no-break spaces so that a mail client never wraps an amount.
    public static func format(cents: Int64, currency: Bool) -> String {
        let negative = cents < 0
        let absolute = cents.magnitude
        let euros = String(absolute / 100)
        let rest = absolute % 100
        var grouped = ""
        for (i, ch) in euros.enumerated() {
            if i > 0 && (euros.count - i) % 3 == 0 { grouped.append("\u{00A0}") }
            grouped.append(ch)
        }
        let decimals = rest < 10 ? "0\(rest)" : "\(rest)"
        return (negative ? "-" : "") + grouped + "," + decimals + (currency ? "\u{00A0}€" : "")
    }

    /// Spaces that separate thousands: space, no-break space, narrow no-break space, thin space.
    public static let spaceSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]
    static let blanks: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t"]

    private static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, blanks.contains(f) { s = s.dropFirst() }
        while let l = s.last, blanks.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

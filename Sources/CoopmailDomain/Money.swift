/// An amount of euros held exactly, as integer cents. Never a floating-point number.
///
/// French spellings parse exactly: `"1 234,56"`, `"1.234,56 €"`, `"-12,00"`, `"- 60,00 €"`, `"12.5"`.
/// ``french`` prints the form mandataires read: `"1 234,56 €"` (no-break spaces).
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }
    public static let zero = Money(cents: 0)

    // Amounts read from mail are below 10^14 cents (``init(french:)``) and long sums go through ``sum(_:)``, which
    // reports an overflow; these operators saturate at the ends of Int64 instead of trapping, so that no amount a mail
    // carries can stop the run.
    public static func + (a: Money, b: Money) -> Money { a.adding(b) ?? Money(cents: b.cents < 0 ? .min : .max) }
    public static func - (a: Money, b: Money) -> Money { a.subtracting(b) ?? Money(cents: b.cents > 0 ? .min : .max) }
    public static prefix func - (a: Money) -> Money { Money(cents: a.cents == .min ? .max : -a.cents) }
    public static func += (a: inout Money, b: Money) { a = a + b }
    /// `a + b`, nil on overflow.
    public func adding(_ b: Money) -> Money? {
        let (r, overflow) = cents.addingReportingOverflow(b.cents)
        return overflow ? nil : Money(cents: r)
    }
    /// `a − b`, nil on overflow.
    public func subtracting(_ b: Money) -> Money? {
        let (r, overflow) = cents.subtractingReportingOverflow(b.cents)
        return overflow ? nil : Money(cents: r)
    }
    /// `start` plus every amount, nil when the total leaves Int64 at any step.
    public static func sum<S: Sequence>(_ amounts: S, start: Money = .zero) -> Money? where S.Element == Money {
        var total = start
        for a in amounts {
            guard let t = total.adding(a) else { return nil }
            total = t
        }
        return total
    }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public var magnitude: Money { Money(cents: cents == .min ? .max : (cents < 0 ? -cents : cents)) }

    public init(from decoder: Decoder) throws { cents = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(cents)
    }

    /// `1 234,56 €`, with no-break spaces so that a mail client never wraps an amount.
    public var french: String { Money.format(cents, currency: true) }
    /// `1 234,56` without the currency sign, for tables.
    public var frenchNumber: String { Money.format(cents, currency: false) }
    public var description: String { french }

    static func format(_ cents: Int64, currency: Bool) -> String {
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
}

extension Money {
    /// Parses a French (or plain) amount exactly. Returns nil for anything that is not unambiguously an amount.
    ///
    /// Accepted: optional sign (`-`, `+`, `−`) possibly followed by spaces, or a trailing `-`; digits with
    /// thousands separators (space, no-break spaces, `.` or `'`); a decimal separator `,` or `.` with one or
    /// two decimals; an optional `€` / `EUR` before or after.
    /// When both `,` and `.` appear, the last one is the decimal separator. A single `.` followed by exactly
    /// three digits is a thousands separator (`1.234` = 1 234,00 €). More than two decimals is refused.
    public init?(french text: String) {
        var s = text.trimmingCharacters(in: Money.blanks)
        for suffix in ["EUR", "€", "Eur", "eur"] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmingCharacters(in: Money.blanks)
        }
        for prefix in ["EUR", "€"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: Money.blanks)
        }
        var negative = false
        if let first = s.first, first == "-" || first == "−" || first == "+" {
            negative = first != "+"
            s = String(s.dropFirst()).trimmingCharacters(in: Money.blanks)
        } else if s.hasSuffix("-") {
            negative = true
            s = String(s.dropLast()).trimmingCharacters(in: Money.blanks)
        }
        for prefix in ["EUR", "€"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: Money.blanks)
        }
        guard let first = s.first, first.isASCII, first.isNumber else { return nil }
        // Remove spacing thousands separators; they must separate groups of three digits.
        let chars = Array(s)
        var digitsAndMarks: [Character] = []
        for (i, ch) in chars.enumerated() {
            if Money.spaceSeparators.contains(ch) || ch == "'" {
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
        self.cents = negative ? -total : total
    }

    static let spaceSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]
    static let blanks: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\t"]
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

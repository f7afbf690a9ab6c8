import CoopmailText

/// An amount of euros held exactly, as integer cents. Never a floating-point number.
///
/// French spellings parse exactly (``FrenchAmount``): `"1 234,56"`, `"1.234,56 €"`, `"-12,00"`, `"- 60,00 €"`, `"12.5"`.
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

    /// Whether `other`'s digits (signs aside) differ from this amount's by one OCR slip: one digit changed, lost or
    /// added (« 3 162,19 » for « 3 162,15 », « 21,77 » for « 211,77 »).
    public func isOneSlip(from other: Money) -> Bool {
        let x = Array(String(magnitude.cents))
        let y = Array(String(other.magnitude.cents))
        guard x != y else { return false }
        if x.count == y.count { return zip(x, y).filter { $0 != $1 }.count == 1 }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        return long.indices.contains { i in
            var cut = long
            cut.remove(at: i)
            return cut == short
        }
    }

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
        FrenchAmount.format(cents: cents, currency: currency)
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
        guard let cents = FrenchAmount.cents(text) else { return nil }
        self.cents = cents
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

import Foundation

/// French date spellings: `31/08/2021`, `31.08.21`, `31-08-2021`, `31/08` (year from a period), `4 mai 2021`,
/// `1er août 2021`, `04 AOUT 2021`.
public enum FrenchDate {
    static let months: [(String, Int)] = [
        ("janvier", 1), ("janv", 1), ("fevrier", 2), ("fevr", 2), ("fev", 2), ("mars", 3), ("avril", 4), ("avr", 4),
        ("mai", 5), ("juin", 6), ("juillet", 7), ("juil", 7), ("aout", 8), ("septembre", 9), ("sept", 9), ("sep", 9),
        ("octobre", 10), ("oct", 10), ("novembre", 11), ("nov", 11), ("decembre", 12), ("dec", 12),
    ]

    /// A date found in a line, with the character offsets (in the folded line) of its text.
    public struct Found: Hashable, Sendable {
        public var date: CalendarDate
        public var range: Range<Int>
        /// False when the year was not written and came from the period.
        public var yearWritten: Bool
    }

    /// The year of a day/month written without one: the year that puts it inside `period` (or nearest to it).
    public static func year(day: Int, month: Int, within period: ClosedRange<CalendarDate>?) -> Int? {
        guard let period else { return nil }
        let candidates = Set([period.lowerBound.year, period.upperBound.year])
        var best: (Int, Int)? = nil
        for y in candidates.sorted() {
            guard let d = CalendarDate(year: y, month: month, day: day) else { continue }
            let distance =
                period.contains(d)
                ? 0
                : min(
                    abs(dayNumber(d) - dayNumber(period.lowerBound)),
                    abs(dayNumber(d) - dayNumber(period.upperBound)))
            if best == nil || distance < best!.1 { best = (y, distance) }
        }
        guard let best, best.1 <= 62 else { return nil }
        return best.0
    }

    /// Days since a fixed origin, for distances between dates.
    public static func dayNumber(_ d: CalendarDate) -> Int {
        // Days since a fixed origin (proleptic Gregorian), enough for distances.
        let a = (14 - d.month) / 12
        let y = d.year + 4800 - a
        let m = d.month + 12 * a - 3
        return d.day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    static func expandYear(_ y: Int, digits: Int) -> Int { digits == 2 ? 2000 + y : y }

    private static let numeric = try! NSRegularExpression(
        pattern: #"(?<![0-9])([0-3]?[0-9])[ ]?([/.\-])[ ]?([01]?[0-9])(?:\2([0-9]{4}|[0-9]{2}))?(?![0-9]|[,.][0-9])"#)
    private static let written = try! NSRegularExpression(
        pattern: #"(?<![0-9])([0-3]?[0-9])(?:er)?[ ]+([a-z]{3,9})\.?(?:[ ]+([0-9]{4}))?(?![0-9])"#)

    /// Every date in `text`, in order. Day/month without year take theirs from `period`; without a period they are skipped.
    ///
    /// `dd.mm` and `dd-mm` without a year are skipped too (an amount or a reference looks the same), except with
    /// `yearlessRow` when `text` opens with one: a statement row whose operation date is printed `02.08` (as some
    /// banks do), where every such day/month of the row (the value date) is a date as well.
    public static func find(
        in text: String, period: ClosedRange<CalendarDate>? = nil, yearlessRow: Bool = false
    ) -> [Found] {
        let folded = Folding.fold(text)
        let ns = folded as NSString
        var found: [Found] = []
        let matches = numeric.matches(in: folded, range: NSRange(location: 0, length: ns.length))
        let opensWithDayMonth =
            yearlessRow && period != nil
            && matches.first.map { m in
                m.range(at: 4).location == NSNotFound
                    && ns.substring(to: m.range.location).allSatisfy { $0 == " " || $0 == "\t" }
            } == true
        for m in matches {
            guard let day = Int(ns.substring(with: m.range(at: 1))), let month = Int(ns.substring(with: m.range(at: 3)))
            else { continue }
            var year: Int? = nil
            var written = false
            if m.range(at: 4).location != NSNotFound {
                let ys = ns.substring(with: m.range(at: 4))
                year = expandYear(Int(ys)!, digits: ys.count)
                written = true
            } else {
                // dd.mm without a year is too close to an amount or a number to be trusted; dd/mm only, unless the
                // row opens with one (`yearlessRow`).
                guard ns.substring(with: m.range(at: 2)) == "/" || opensWithDayMonth else { continue }
                year = Self.year(day: day, month: month, within: period)
            }
            guard let y = year, let date = CalendarDate(year: y, month: month, day: day) else { continue }
            found.append(Found(date: date, range: utf16RangeToCharacters(folded, m.range), yearWritten: written))
        }
        for m in written.matches(in: folded, range: NSRange(location: 0, length: ns.length)) {
            guard let day = Int(ns.substring(with: m.range(at: 1))) else { continue }
            let word = ns.substring(with: m.range(at: 2))
            guard let month = months.first(where: { $0.0 == word })?.1 else { continue }
            var year: Int? = nil
            var wroteYear = false
            if m.range(at: 3).location != NSNotFound {
                year = Int(ns.substring(with: m.range(at: 3)))
                wroteYear = true
            } else {
                year = Self.year(day: day, month: month, within: period)
            }
            guard let y = year, let date = CalendarDate(year: y, month: month, day: day) else { continue }
            found.append(Found(date: date, range: utf16RangeToCharacters(folded, m.range), yearWritten: wroteYear))
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Parses a whole string as one date.
    public static func parse(_ text: String, period: ClosedRange<CalendarDate>? = nil) -> CalendarDate? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let all = find(in: t, period: period)
        guard all.count == 1, let f = all.first, f.range.lowerBound == 0,
            f.range.upperBound == Folding.fold(t).count
        else { return nil }
        return f.date
    }

    /// The character offsets of an `NSRange` (UTF-16) of `s`.
    public static func utf16RangeToCharacters(_ s: String, _ r: NSRange) -> Range<Int> {
        guard let range = Range(r, in: s) else { return 0..<0 }
        let lower = s.distance(from: s.startIndex, to: range.lowerBound)
        return lower..<(lower + s.distance(from: range.lowerBound, to: range.upperBound))
    }
}

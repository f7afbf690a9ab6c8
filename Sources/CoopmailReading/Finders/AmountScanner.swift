import CoopmailDomain
import CoopmailText
import Foundation

/// Finds French amounts in a line of text: `1 234,56`, `1.234,56`, `- 60,00 €`, `+ 1.200,00 €`, `987,65`.
/// An amount needs a decimal comma and two decimals (statement and CRF style); the sign is kept when printed.
public enum AmountScanner {
    public struct Found: Hashable, Sendable {
        public var amount: Money
        /// True when a `+` or `-` was printed with it.
        public var signed: Bool
        /// Character offsets of the amount in the line (its end gives the column it is aligned on).
        public var range: Range<Int>
    }

    private static let pattern = try! NSRegularExpression(
        pattern:
            #"(?<![0-9A-Za-z,./:])([-+−–—]\s?)?([0-9]{1,3}(?:[ .\u00A0\u202F][0-9]{3})+|[0-9]+),([0-9]{2})(?![0-9])(\s?(?:€|EUR))?(\s?-)?"#
    )

    public static func find(in line: String) -> [Found] {
        let ns = line as NSString
        var result: [Found] = []
        for m in pattern.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            let sign = m.range(at: 1).location != NSNotFound ? ns.substring(with: m.range(at: 1)) : ""
            let trailingMinus = m.range(at: 5).location != NSNotFound
            let body = ns.substring(with: m.range(at: 2)) + "," + ns.substring(with: m.range(at: 3))
            guard var money = Money(french: body) else { continue }
            let negative =
                sign.hasPrefix("-") || sign.hasPrefix("−") || sign.hasPrefix("–") || sign.hasPrefix("—")
                || trailingMinus
            if negative { money = -money }
            var r = m.range
            if trailingMinus { r.length -= 0 }
            result.append(
                Found(
                    amount: money, signed: !sign.isEmpty || trailingMinus,
                    range: FrenchDate.utf16RangeToCharacters(line, r)))
        }
        return result
    }
}

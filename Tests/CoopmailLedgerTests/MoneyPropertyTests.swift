import CoopmailDomain
import CoopmailTestSupport
import Testing

@Suite("Money: French spellings")
struct MoneyPropertyTests {
    @Test("Printing then parsing gives back the amount, over random values")
    func roundTrip() {
        var rng = SeededGenerator(seed: 0xC0_0B_75)
        var values: [Int64] = [
            0, 1, -1, 7, 99, 100, -100, 999_999, 100_000, -123_456_789, 99_999_999_999_999, -99_999_999_999_999,
        ]
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...14, using: &rng)
            var limit: Int64 = 1
            for _ in 0..<digits { limit *= 10 }
            values.append(Int64.random(in: -(limit - 1)...(limit - 1), using: &rng))
        }
        for cents in values {
            let money = Money(cents: cents)
            #expect(Money(french: money.french) == money, "\(money.french)")
            #expect(Money(french: money.frenchNumber) == money, "\(money.frenchNumber)")
        }
    }

    @Test(
        "Printed form groups thousands with no-break spaces",
        arguments: [
            (Int64(123_456), "1\u{00A0}234,56\u{00A0}€"), (Int64(7), "0,07\u{00A0}€"),
            (Int64(-6_000), "-60,00\u{00A0}€"),
            (Int64(100_000_000), "1\u{00A0}000\u{00A0}000,00\u{00A0}€"),
        ])
    func printed(cents: Int64, text: String) {
        #expect(Money(cents: cents).french == text)
    }

    @Test(
        "Exact parsing table",
        arguments: [
            ("1 234,56", Int64(123_456)), ("1\u{00A0}234,56", 123_456), ("1.234,56 €", 123_456), ("-12,00", -1_200),
            ("- 60,00 €", -6_000), ("1234.5", 123_450), ("0,07", 7), ("12", 1_200), ("1.234", 123_400),
            ("1 234 567,89 €", 123_456_789), ("+5,10", 510), ("EUR 3,00", 300), ("60,00-", -6_000),
        ])
    func parses(text: String, cents: Int64) {
        #expect(Money(french: text) == Money(cents: cents), "\(text)")
    }

    @Test(
        "Refused spellings",
        arguments: ["12,345", "1,2,3", "abc", "", " ", "12,", ",50", "1 23,00", "12.34.56", "--5", "1e3", "12 €€"])
    func refuses(text: String) {
        #expect(Money(french: text) == nil, "\(text)")
    }
}

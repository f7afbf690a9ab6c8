import CoopmailDomain
import Testing

@Suite struct MoneyParsingTests {
    @Test(arguments: [
        ("1 234,56", 123456), ("1.234,56 €", 123456), ("-12,00", -1200), ("- 60,00 €", -6000), ("12.5", 1250),
        ("1234.56", 123456), ("0,07", 7), ("1\u{00A0}234,56", 123456), ("1\u{202F}234\u{00A0}€", 123400),
        ("1.234", 123400), ("1,234.56", 123456), ("60,00-", -6000), ("+5", 500), ("EUR 3,10", 310),
        ("1.234.567,89", 123_456_789),
    ])
    func parses(_ text: String, _ cents: Int64) {
        #expect(Money(french: text) == Money(cents: cents), "« \(text) »")
    }

    @Test(arguments: ["", "abc", "12,345", "1,2,3", "1 23,00", "--5", "1.23.4", "12,", ",50", "1e5", "€", "1 2345"])
    func refuses(_ text: String) {
        #expect(Money(french: text) == nil, "« \(text) » should be refused")
    }

    @Test func printsFrench() {
        #expect(Money(cents: 123456).french == "1\u{00A0}234,56\u{00A0}€")
        #expect(Money(cents: -6000).french == "-60,00\u{00A0}€")
        #expect(Money(cents: 5).frenchNumber == "0,05")
        #expect(Money(cents: 100_000_000).frenchNumber == "1\u{00A0}000\u{00A0}000,00")
    }

    @Test func roundTripsOverManyValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)
            #expect(Money(french: Money(cents: cents).french)?.cents == cents)
        }
    }
}

@Suite struct CooperativeNumberTests {
    @Test(arguments: [
        ("075-0123", "075-0123"), ("75-123", "075-0123"), ("075 0123", "075-0123"), ("0750123", "075-0123"),
        ("123", "075-0123"), ("0123", "075-0123"), ("93-42", "093-0042"),
    ])
    func parses(_ text: String, _ canonical: String) {
        #expect(CooperativeNumber(parsing: text, defaultDepartment: 75)?.description == canonical)
    }

    @Test(arguments: ["", "abc", "75-12345", "1234-1", "12345", "075-01a3"])
    func refuses(_ text: String) {
        #expect(CooperativeNumber(parsing: text, defaultDepartment: 75) == nil)
    }
}

@Suite struct ExerciseTests {
    @Test func bounds() {
        let e = Exercise("2020-2021")!
        #expect(e.closing.iso == "2021-08-31")
        #expect(e.opening.iso == "2020-09-01")
        #expect(e.contains(CalendarDate(year: 2021, month: 8, day: 31)!))
        #expect(!e.contains(CalendarDate(year: 2021, month: 9, day: 1)!))
        #expect(Exercise("2020-2022") == nil)
        #expect(Exercise(containing: CalendarDate(year: 2021, month: 9, day: 1)!).description == "2021-2022")
    }
}

@Suite struct IBANTests {
    @Test func checksMod97() {
        #expect(IBAN.normalized("FR76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189")
        #expect(IBAN.normalized("FR76 3000 6000 0112 3456 7890 188") == nil)
        #expect(IBAN.frenchAccountDigits("FR7630006000011234567890189") == "12345678901")
    }
}

@Suite struct BalanceAtClosingTests {
    let closing = CalendarDate(year: 2021, month: 8, day: 31)!
    func d(_ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: 2021, month: m, day: day)! }

    @Test func readsABalanceLineDatedTheDay() {
        let s = BankStatement(
            periodStart: d(8, 1), periodEnd: d(8, 31),
            balances: [
                .init(date: d(7, 31), amount: Money(cents: 1000), label: "ANCIEN SOLDE"),
                .init(date: d(8, 31), amount: Money(cents: 2500), label: "NOUVEAU SOLDE"),
            ])
        #expect(s.balance(at: closing) == ClosingBalance(date: closing, amount: Money(cents: 2500), source: .read))
    }

    @Test func computesAcrossAStraddlingPeriod() {
        let s = BankStatement(
            periodStart: d(8, 4), periodEnd: CalendarDate(year: 2021, month: 9, day: 3),
            balances: [
                .init(date: d(8, 3), amount: Money(cents: 100_000), label: "SOLDE CREDITEUR AU 03/08/2021"),
                .init(date: CalendarDate(year: 2021, month: 9, day: 3)!, amount: Money(cents: 50_000), label: "SOLDE"),
            ],
            movements: [
                .init(date: d(8, 10), label: "CHEQUE 123", amount: Money(cents: -6000)),
                .init(date: d(8, 31), label: "FRAIS", amount: Money(cents: -500)),
                .init(date: CalendarDate(year: 2021, month: 9, day: 2)!, label: "VIR", amount: Money(cents: -43_500)),
            ])
        #expect(
            s.balance(at: closing) == ClosingBalance(date: closing, amount: Money(cents: 93_500), source: .computed))
    }

    @Test func refusesAStatementThatDoesNotCoverTheDay() {
        let s = BankStatement(
            periodStart: d(6, 1), periodEnd: d(6, 30),
            balances: [
                .init(date: d(6, 30), amount: Money(cents: 1000), label: "SOLDE")
            ])
        #expect(s.balance(at: closing) == nil)
    }
}

@Suite struct UnreconciledStatementTests {
    @Test func neverComputesFromMovementsThatDoNotAddUp() {
        let d = { (m: Int, day: Int) in CalendarDate(year: 2021, month: m, day: day)! }
        var s = BankStatement(
            periodStart: d(8, 4), periodEnd: d(9, 3),
            balances: [
                .init(date: d(8, 3), amount: Money(cents: 1000), label: "SOLDE")
            ],
            movements: [.init(date: d(8, 10), label: "X", amount: Money(cents: -100))])
        #expect(s.balance(at: d(8, 31))?.amount == Money(cents: 900))
        s.movementsReconciled = false
        #expect(s.balance(at: d(8, 31)) == nil)
    }
}

@Suite struct MoneyOverflowTests {
    @Test func sumsReportOverflowAndOperatorsNeverTrap() {
        let max = Money(cents: .max)
        let min = Money(cents: .min)
        #expect(Money.sum([max, Money(cents: 1)]) == nil)
        #expect(Money.sum([min, Money(cents: -1)]) == nil)
        #expect(Money.sum([Money(cents: 5), Money(cents: -7)], start: Money(cents: 100)) == Money(cents: 98))
        #expect(max + Money(cents: 1) == max)
        #expect(min - Money(cents: 1) == min)
        #expect(-min == max)
        #expect(min.magnitude == max)
        var total = max
        total += max
        #expect(total == max)
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Testing

@testable import CoopmailLedger

@Suite("Results do not depend on the order of the statements")
struct PermutationTests {
    typealias F = Fixture

    /// A random statement around the closing date: read, computable, or not covering 31/08.
    static func randomStatement(_ rng: inout SeededGenerator) -> BankStatement {
        let month = Int.random(in: 5...10, using: &rng)
        let year = 2021
        let startDay = [1, 16][Int.random(in: 0...1, using: &rng)]
        let start = CalendarDate(year: year, month: month, day: startDay)!
        let endMonth = startDay == 1 ? month : month + 1
        let end = CalendarDate(
            year: year, month: endMonth, day: startDay == 1 ? CalendarDate.daysIn(month: month, year: year) : 15)!
        let before =
            startDay == 1
            ? CalendarDate(year: year, month: month - 1, day: CalendarDate.daysIn(month: month - 1, year: year))!
            : CalendarDate(year: year, month: month, day: 15)!
        var balances = [
            BankStatement.BalanceLine(
                date: before, amount: Money(cents: Int64.random(in: -50_000...300_000, using: &rng)),
                label: "ANCIEN SOLDE")
        ]
        var movements: [BankStatement.Movement] = []
        var days: [CalendarDate] = []
        var d = start
        while d <= end {
            days.append(d)
            d =
                d.day < CalendarDate.daysIn(month: d.month, year: d.year)
                ? CalendarDate(year: d.year, month: d.month, day: d.day + 1)!
                : CalendarDate(year: d.year, month: d.month + 1, day: 1)!
        }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let date = days[Int.random(in: 0..<days.count, using: &rng)]
            let label = ["CHQ 00012", "FRAIS TENUE COMPTE", "REMISE ESPECES", "VIR MAIRIE"][
                Int.random(in: 0...3, using: &rng)]
            movements.append(
                .init(date: date, label: label, amount: Money(cents: Int64.random(in: -20_000...20_000, using: &rng))))
        }
        if Bool.random(using: &rng) {
            balances.append(
                .init(
                    date: end, amount: Money(cents: Int64.random(in: -50_000...300_000, using: &rng)),
                    label: "NOUVEAU SOLDE"))
        }
        let iban = [F.registeredIBAN, F.otherIBAN, nil][Int.random(in: 0...2, using: &rng)]
        return BankStatement(iban: iban, periodStart: start, periodEnd: end, balances: balances, movements: movements)
    }

    @Test("Every permutation of random statements gives the same checks")
    func permutations() {
        var rng = SeededGenerator(seed: 2021_08_31)
        var sawRead = false
        var sawComputed = false
        var sawNone = false
        for _ in 0..<200 {
            let statements = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.randomStatement(&rng) }
            let declaration = F.declaration(bank: ["1 200,00", "900,00"][Int.random(in: 0...1, using: &rng)])
            let reference = Ledger().evaluate(
                LedgerInput(
                    exercise: F.exercise, declaration: declaration, statements: statements,
                    registeredIBAN: F.registeredIBAN, quitusReceived: true))
            switch StatementSelection.select(from: statements, closing: F.exercise.closing)?.balance.source {
            case .read?: sawRead = true
            case .computed?: sawComputed = true
            case nil: sawNone = true
            }
            for _ in 0..<6 {
                let shuffled = statements.shuffled(using: &rng)
                let checks = Ledger().evaluate(
                    LedgerInput(
                        exercise: F.exercise, declaration: declaration, statements: shuffled,
                        registeredIBAN: F.registeredIBAN, quitusReceived: true))
                #expect(checks == reference)
            }
        }
        #expect(sawRead && sawComputed && sawNone, "the generator must exercise every kind of selection")
    }

    @Test("A read balance is preferred over a computed one, the most recent among equals")
    func preference() {
        let computed = BankStatement(
            periodStart: F.date("2021-08-16"), periodEnd: F.date("2021-09-15"),
            balances: [.init(date: F.date("2021-08-15"), amount: F.euros("500,00"), label: "ANCIEN SOLDE")])
        let read = F.august(closing: "1 294,56")
        for order in [[computed, read], [read, computed]] {
            #expect(StatementSelection.select(from: order, closing: F.exercise.closing)?.balance.source == .read)
        }
        let september = BankStatement(
            periodStart: F.date("2021-09-01"), periodEnd: F.date("2021-09-30"),
            balances: [.init(date: F.date("2021-08-31"), amount: F.euros("1 300,00"), label: "ANCIEN SOLDE")])
        for order in [[september, read], [read, september]] {
            #expect(StatementSelection.select(from: order, closing: F.exercise.closing)?.statement == september)
        }
    }
}

@Suite("Statement selection and the registered account")
struct SelectionAccountTests {
    typealias F = Fixture

    @Test("The registered account's statement wins over another account's, even a read one over a computed one")
    func registeredAccountFirst() {
        let livret = F.august(closing: "5 000,00", iban: F.otherIBAN)
        let bred = BankStatement(
            iban: F.registeredIBAN, periodStart: F.date("2021-08-16"), periodEnd: F.date("2021-09-15"),
            balances: [.init(date: F.date("2021-08-15"), amount: F.euros("1 294,56"), label: "ANCIEN SOLDE")])
        for order in [[livret, bred], [bred, livret]] {
            let selected = StatementSelection.select(
                from: order, closing: F.exercise.closing, registeredIBAN: F.registeredIBAN)
            #expect(selected?.statement == bred)
            let checks = Ledger().evaluate(
                LedgerInput(
                    exercise: F.exercise, declaration: F.declaration(), statements: order,
                    registeredIBAN: F.registeredIBAN, quitusReceived: true))
            #expect(F.check(checks, .bankStatementMatches).verdict == .pass)
            #expect(F.check(checks, .statementAccount).verdict == .pass)
        }
        // Without a registered IBAN, the read balance is preferred.
        #expect(StatementSelection.select(from: [bred, livret], closing: F.exercise.closing)?.statement == livret)
    }
}

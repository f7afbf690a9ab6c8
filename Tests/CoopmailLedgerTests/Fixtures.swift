import CoopmailDomain
import CoopmailTestSupport

@testable import CoopmailLedger

enum Fixture {
    static let exercise = Exercise("2020-2021")!
    static let registeredIBAN = "FR9810107001010051806420945"
    static let otherIBAN = "FR5810107001010099988877712"
    static let coop = CooperativeNumber(parsing: "075-0123")!

    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func euros(_ text: String) -> Money { Money(french: text)! }

    /// The brief's example: solde banque 1 200,00 €, chèques non débités 154,56 €, encaissements non crédités 60,00 €.
    static func declaration(
        opening: String = "800,00", income: String = "2 000,00", expenses: String = "1 600,00",
        bank: String = "1 200,00", cash: String = "0,00", cheques: String = "154,56",
        deposits: String = "60,00"
    ) -> FinancialReport {
        FinancialReport(
            cooperative: coop, exercise: exercise, openingBalance: euros(opening), income: euros(income),
            expenses: euros(expenses), bookBankBalance: euros(bank), cashBalance: euros(cash),
            outstandingCheques: euros(cheques), depositsInTransit: euros(deposits))
    }

    /// An August statement whose closing balance is printed on 31/08/2021.
    static func august(closing: String, iban: String? = registeredIBAN, movements: [BankStatement.Movement] = [])
        -> BankStatement
    {
        BankStatement(
            iban: iban, periodStart: date("2021-08-01"), periodEnd: date("2021-08-31"),
            balances: [
                .init(date: date("2021-07-31"), amount: euros("1 000,00"), label: "ANCIEN SOLDE"),
                .init(date: date("2021-08-31"), amount: euros(closing), label: "NOUVEAU SOLDE"),
            ],
            movements: movements)
    }

    static func june(closing: String = "1 200,00", iban: String? = registeredIBAN) -> BankStatement {
        BankStatement(
            iban: iban, periodStart: date("2021-06-01"), periodEnd: date("2021-06-30"),
            balances: [
                .init(date: date("2021-05-31"), amount: euros("900,00"), label: "ANCIEN SOLDE"),
                .init(date: date("2021-06-30"), amount: euros(closing), label: "NOUVEAU SOLDE"),
            ])
    }

    static func check(_ checks: [Check], _ rule: Rule) -> Check { checks.first { $0.rule == rule }! }
}

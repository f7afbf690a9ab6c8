import CoopmailDomain
import Testing

@testable import CoopmailLedger

@Suite("Likely causes of a difference")
struct LikelyCauseTests {
    let ledger = Ledger()
    typealias F = Fixture

    func matches(_ statements: [BankStatement], _ declaration: FinancialReport = Fixture.declaration()) -> Check {
        F.check(
            ledger.evaluate(LedgerInput(exercise: F.exercise, declaration: declaration, statements: statements)),
            .bankStatementMatches)
    }

    @Test("A cheque debited after 31/08 missing from the chèques non débités")
    func chequeAfterClosing() {
        // Expected 1 294,56 €; the statement holds 1 394,56 €: a 100,00 € cheque debited on 03/09 was forgotten.
        var august = F.august(closing: "1 394,56")
        let september = BankStatement(
            periodStart: F.date("2021-09-01"), periodEnd: F.date("2021-09-30"),
            balances: [.init(date: F.date("2021-09-30"), amount: F.euros("1 294,56"), label: "NOUVEAU SOLDE")],
            movements: [.init(date: F.date("2021-09-03"), label: "CHEQUE 0001234", amount: F.euros("-100,00"))])
        august.periodEnd = F.date("2021-08-31")
        let check = matches([september, august])
        #expect(check.verdict == .fail)
        #expect(
            check.detail.contains("Cause possible : l'écart est égal au chèque « CHEQUE 0001234 » de 100,00\u{00A0}€"),
            "\(check.detail)")
        #expect(check.detail.contains("chèques non débités"))
    }

    @Test("A movement after 31/08 equal to the difference")
    func movementAfterClosing() {
        let september = BankStatement(
            periodStart: F.date("2021-08-16"), periodEnd: F.date("2021-09-15"),
            balances: [.init(date: F.date("2021-08-31"), amount: F.euros("1 234,56"), label: "SOLDE AU 31/08")],
            movements: [.init(date: F.date("2021-09-02"), label: "REMISE CHQ 12", amount: F.euros("60,00"))])
        let check = matches([september])
        #expect(
            check.detail.contains("l'opération « REMISE CHQ 12 » du 02/09/2021 (+60,00\u{00A0}€)"), "\(check.detail)")
    }

    @Test("A bank fee not booked")
    func bankFee() {
        let statement = F.august(
            closing: "1 282,56",
            movements: [
                .init(date: F.date("2021-08-05"), label: "FRAIS TENUE DE COMPTE", amount: F.euros("-12,00")),
                .init(date: F.date("2021-08-06"), label: "CB PAPETERIE", amount: F.euros("-13,00")),
            ])
        let check = matches([statement])
        #expect(check.difference == -F.euros("12,00"))
        #expect(check.detail.contains("frais bancaires « FRAIS TENUE DE COMPTE »"), "\(check.detail)")
        // The cause must follow the amount: with another difference, no fee is named.
        let other = matches([F.august(closing: "1 281,56", movements: statement.movements)])
        #expect(!other.detail.contains("frais bancaires"))
    }

    @Test("The declaration was closed on 30/06 instead of 31/08")
    func juneBalance() {
        // The declared solde banque 1 200,00 € is the June statement's closing balance.
        let check = matches([F.june(closing: "1 200,00"), F.august(closing: "1 500,00")])
        #expect(check.verdict == .fail)
        #expect(check.detail.contains("solde du relevé au 30/06/2021"), "\(check.detail)")
        #expect(check.detail.contains("au lieu du 31/08"))
    }

    @Test("A sign error: the balance is débiteur")
    func signError() {
        let d = F.declaration(bank: "150,00", cheques: "0,00", deposits: "0,00")
        let check = matches([F.august(closing: "-150,00")], d)
        #expect(check.detail.contains("solde débiteur (négatif) de 150,00\u{00A0}€"), "\(check.detail)")
    }

    @Test("No cause is invented when nothing matches")
    func noInventedCause() {
        let check = matches([F.august(closing: "1 111,11")])
        #expect(check.verdict == .fail)
        #expect(!check.detail.contains("Cause"))
    }
}

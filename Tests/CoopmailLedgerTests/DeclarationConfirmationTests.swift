import CoopmailDomain
import CoopmailLedger
import Testing

private typealias F = Fixture

/// An OCR'd balance line dated 31/08 on a statement whose movements do not add up is not trusted on its own (the OCR
/// may have slipped on it too); it is kept when it equals, to the cent, the balance the declaration leads to expect.
@Suite struct DeclarationConfirmationTests {
    /// An August statement read by OCR whose movements did not reconcile: both balance lines came out of OCR.
    static func unreconciledScan(closing: String) -> BankStatement {
        var s = F.august(closing: closing)
        for i in s.balances.indices { s.balances[i].readByOCR = true }
        s.movements = [.init(date: F.date("2021-08-12"), label: "CHQ 1234567", amount: F.euros("-38,00"))]
        s.movementsReconciled = false
        return s
    }

    @Test func theStatementAloneDoesNotVouchForIt() {
        let s = Self.unreconciledScan(closing: "1 294,56")
        #expect(s.balance(at: F.exercise.closing) == nil)
        #expect(s.balance(at: F.exercise.closing, confirmedBy: nil) == nil)
    }

    @Test func equalToTheCentItIsKeptAndSaysWhy() throws {
        let s = Self.unreconciledScan(closing: "1 294,56")
        let b = try #require(s.balance(at: F.exercise.closing, confirmedBy: F.euros("1 294,56")))
        #expect(b.amount == F.euros("1 294,56") && b.source == .read && b.confirmedByDeclaration)
        let checks = Ledger().evaluate(
            LedgerInput(exercise: F.exercise, declaration: F.declaration(), statements: [s]))
        #expect(F.check(checks, .bankStatementMatches).verdict == .pass)
        let date = F.check(checks, .statementDate)
        #expect(date.verdict == .pass)
        #expect(date.detail.contains("au centime près"), "\(date.detail)")
    }

    @Test(arguments: ["1 294,55", "1 294,57", "-1 294,56", "129,45"])
    func oneCentAwayItStaysUnknown(closing: String) {
        let s = Self.unreconciledScan(closing: closing)
        #expect(s.balance(at: F.exercise.closing, confirmedBy: F.euros("1 294,56")) == nil)
        let checks = Ledger().evaluate(
            LedgerInput(exercise: F.exercise, declaration: F.declaration(), statements: [s]))
        // Never a « fail » drawn from a figure the statement itself does not vouch for.
        #expect(F.check(checks, .bankStatementMatches).verdict == .unknown)
    }

    @Test func aComputedBalanceIsNeverConfirmed() {
        // A mid-month statement: the balance at 31/08 would be computed from movements that do not reconcile.
        var s = BankStatement(
            periodStart: F.date("2021-08-15"), periodEnd: F.date("2021-09-14"),
            balances: [
                .init(date: F.date("2021-08-14"), amount: F.euros("1 332,56"), label: "ANCIEN SOLDE"),
                .init(date: F.date("2021-09-14"), amount: F.euros("2 000,00"), label: "NOUVEAU SOLDE"),
            ],
            movements: [.init(date: F.date("2021-08-20"), label: "CHQ 1234567", amount: F.euros("-38,00"))],
            movementsReconciled: false)
        #expect(s.balance(at: F.exercise.closing, confirmedBy: F.euros("1 294,56")) == nil)
        s.movementsReconciled = true
        #expect(s.balance(at: F.exercise.closing)?.amount == F.euros("1 294,56"))
    }

    @Test func aVouchedBalanceIsNotMarkedConfirmed() throws {
        var s = F.august(closing: "1 294,56")
        s.movementsReconciled = true
        let b = try #require(s.balance(at: F.exercise.closing, confirmedBy: F.euros("1 294,56")))
        #expect(!b.confirmedByDeclaration)
    }
}

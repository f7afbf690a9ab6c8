import CoopmailDomain
import Testing

@testable import CoopmailLedger

@Suite("Ledger rules")
struct LedgerTests {
    let ledger = Ledger()
    typealias F = Fixture

    @Test("One check per rule, in rule order")
    func onePerRule() {
        let checks = ledger.evaluate(LedgerInput(exercise: F.exercise))
        #expect(checks.map(\.rule) == Rule.allCases)
    }

    @Test("A complete, consistent dossier passes every rule")
    func allPass() {
        let input = LedgerInput(
            exercise: F.exercise, declaration: F.declaration(), statements: [F.august(closing: "1 294,56")],
            registeredIBAN: F.registeredIBAN, quitusReceived: true, quitus: QuitusRuleTests.quitus())
        let checks = ledger.evaluate(input)
        for check in checks { #expect(check.verdict == .pass, "\(check.rule): \(check.detail)") }
        #expect(DossierStatus.automatic(from: checks) == .toReview)
    }

    @Test("crf_balanced: report à nouveau + produits − charges against solde banque + solde caisse")
    func crfBalanced() {
        let ok = F.check(ledger.evaluate(LedgerInput(exercise: F.exercise, declaration: F.declaration())), .crfBalanced)
        #expect(ok.verdict == .pass)
        #expect(ok.expected == F.euros("1 200,00") && ok.found == F.euros("1 200,00") && ok.difference == .zero)

        let bad = F.check(
            ledger.evaluate(LedgerInput(exercise: F.exercise, declaration: F.declaration(cash: "35,50"))), .crfBalanced)
        #expect(bad.verdict == .fail)
        #expect(bad.difference == F.euros("35,50"))
        #expect(bad.detail.contains("soit un écart de 35,50\u{00A0}€"))
        #expect(bad.detail.contains("report à nouveau 800,00\u{00A0}€ + produits 2\u{00A0}000,00\u{00A0}€"))

        let none = F.check(ledger.evaluate(LedgerInput(exercise: F.exercise)), .crfBalanced)
        #expect(none.verdict == .unknown && none.expected == nil)
    }

    @Test("crf_balanced: the report à nouveau counted in the produits is named as the likely cause")
    func openingBalanceAsIncome() {
        // Income wrongly includes the 800,00 € report à nouveau.
        let d = F.declaration(income: "2 800,00")
        let check = F.check(ledger.evaluate(LedgerInput(exercise: F.exercise, declaration: d)), .crfBalanced)
        #expect(check.verdict == .fail)
        #expect(check.difference == -F.euros("800,00"))
        #expect(check.detail.contains("report à nouveau (800,00\u{00A0}€)"))
        #expect(check.detail.contains("compté dans les produits"))
    }

    @Test("bank_statement_matches: the brief's sentence, with the difference in cents")
    func statementMismatchSentence() {
        let input = LedgerInput(
            exercise: F.exercise, declaration: F.declaration(), statements: [F.august(closing: "1 234,56")])
        let check = F.check(ledger.evaluate(input), .bankStatementMatches)
        #expect(check.verdict == .fail)
        #expect(check.expected?.cents == 129_456 && check.found?.cents == 123_456 && check.difference?.cents == -6_000)
        let nb = "\u{00A0}"
        let sentence =
            "Le solde du relevé au 31/08/2021 (1\(nb)234,56\(nb)€) diffère de 60,00\(nb)€ du solde attendu "
            + "(1\(nb)294,56\(nb)€ = solde banque 1\(nb)200,00\(nb)€ + chèques non débités 154,56\(nb)€ − encaissements non crédités 60,00\(nb)€)."
        #expect(check.detail.hasPrefix(sentence), "\(check.detail)")
    }

    @Test("bank_statement_matches: a balance computed on a mid-month BRED statement says so")
    func computedBalance() {
        let statement = BankStatement(
            iban: F.registeredIBAN, periodStart: F.date("2021-08-16"), periodEnd: F.date("2021-09-15"),
            balances: [
                .init(date: F.date("2021-08-15"), amount: F.euros("1 300,00"), label: "ANCIEN SOLDE"),
                .init(date: F.date("2021-09-15"), amount: F.euros("900,00"), label: "NOUVEAU SOLDE"),
            ],
            movements: [
                .init(date: F.date("2021-08-20"), label: "CB LIBRAIRIE", amount: F.euros("-45,44")),
                .init(date: F.date("2021-08-30"), label: "REMISE ESPECES", amount: F.euros("40,00")),
                .init(date: F.date("2021-09-03"), label: "CHQ 1234567", amount: F.euros("-394,56")),
            ])
        let checks = ledger.evaluate(
            LedgerInput(exercise: F.exercise, declaration: F.declaration(), statements: [statement]))
        let matches = F.check(checks, .bankStatementMatches)
        #expect(matches.found == F.euros("1 294,56"))
        #expect(matches.verdict == .pass, "\(matches.detail)")
        #expect(matches.detail.contains("calculé à partir du solde du 15/08/2021"))
        let date = F.check(checks, .statementDate)
        #expect(date.verdict == .pass)
        #expect(date.detail.contains("calculé"))
    }

    @Test("statement_date: a June statement fails, naming its period")
    func juneStatementFails() {
        let checks = ledger.evaluate(
            LedgerInput(exercise: F.exercise, declaration: F.declaration(), statements: [F.june()]))
        let date = F.check(checks, .statementDate)
        #expect(date.verdict == .fail)
        #expect(
            date.detail.contains("relevé du 01/06/2021 au 30/06/2021) : il faut le relevé qui couvre le 31/08/2021"),
            "\(date.detail)")
        #expect(date.detail.contains("30/06/2021"))
        #expect(F.check(checks, .bankStatementMatches).verdict == .unknown)
        #expect(F.check(checks, .bankStatementReceived).verdict == .pass)
        #expect(DossierStatus.automatic(from: checks) == .incomplete)
    }

    @Test("statement_date: a September statement's ancien solde au 31/08 is read")
    func septemberOpeningBalance() {
        let september = BankStatement(
            periodStart: F.date("2021-09-01"), periodEnd: F.date("2021-09-30"),
            balances: [
                .init(date: F.date("2021-08-31"), amount: F.euros("1 294,56"), label: "ANCIEN SOLDE AU 31/08"),
                .init(date: F.date("2021-09-30"), amount: F.euros("1 000,00"), label: "NOUVEAU SOLDE"),
            ])
        let checks = ledger.evaluate(
            LedgerInput(exercise: F.exercise, declaration: F.declaration(), statements: [september]))
        #expect(F.check(checks, .statementDate).verdict == .pass)
        #expect(F.check(checks, .bankStatementMatches).verdict == .pass)
    }

    @Test("statement_date: unknown without any statement or without a readable period")
    func statementDateUnknown() {
        #expect(F.check(ledger.evaluate(LedgerInput(exercise: F.exercise)), .statementDate).verdict == .unknown)
        let blank = BankStatement(iban: F.registeredIBAN)
        #expect(
            F.check(ledger.evaluate(LedgerInput(exercise: F.exercise, statements: [blank])), .statementDate).verdict
                == .unknown)
    }

    @Test("statement_account: IBAN, dotted short account number, another account, unreadable, none registered")
    func statementAccount() {
        func verdict(_ s: BankStatement, registered: String? = F.registeredIBAN) -> Verdict {
            F.check(
                ledger.evaluate(LedgerInput(exercise: F.exercise, statements: [s], registeredIBAN: registered)),
                .statementAccount
            ).verdict
        }
        #expect(verdict(F.august(closing: "1,00")) == .pass)
        #expect(verdict(F.august(closing: "1,00", iban: "fr98 1010 7001 0100 5180 6420 945")) == .pass)
        #expect(verdict(F.august(closing: "1,00", iban: F.otherIBAN)) == .fail)
        var short = F.august(closing: "1,00", iban: nil)
        short.accountNumber = "518.06.4209"
        #expect(verdict(short) == .pass)
        short.accountNumber = "999.88.8777"
        #expect(verdict(short) == .fail)
        #expect(verdict(F.august(closing: "1,00", iban: nil)) == .unknown)
        #expect(verdict(F.august(closing: "1,00"), registered: nil) == .unknown)
        #expect(verdict(F.august(closing: "1,00"), registered: "FR00 not an iban") == .unknown)
    }

    /// A photo of the registered account's statement too poor to give the balance, sent with another account's
    /// statement that gives one (seen on a shadowed phone photo): the other account's balance does not stand for the
    /// cooperative's, and the mandataire sent the right account's statement.
    @Test(
        "statement_account, bank_statement_matches: the registered account's statement without a balance, and another's"
    )
    func registeredStatementWithoutBalanceBesideAnotherAccount() {
        let registeredWithoutBalance = F.june()
        let other = F.august(closing: "1 294,56", iban: F.otherIBAN)
        let checks = ledger.evaluate(
            LedgerInput(
                exercise: F.exercise, declaration: F.declaration(), statements: [registeredWithoutBalance, other],
                registeredIBAN: F.registeredIBAN))
        #expect(F.check(checks, .statementAccount).verdict == .pass)
        #expect(F.check(checks, .bankStatementMatches).verdict == .unknown)
        #expect(
            StatementSelection.select(
                from: [other, registeredWithoutBalance], closing: F.exercise.closing, registeredIBAN: F.registeredIBAN)
                == nil)
        // Another account's statement alone is still the wrong one.
        let alone = ledger.evaluate(
            LedgerInput(
                exercise: F.exercise, declaration: F.declaration(), statements: [other],
                registeredIBAN: F.registeredIBAN))
        #expect(F.check(alone, .statementAccount).verdict == .fail)
    }

    @Test("Documents received")
    func documentsReceived() {
        let none = ledger.evaluate(LedgerInput(exercise: F.exercise, declaration: F.declaration()))
        #expect(F.check(none, .quitusReceived).verdict == .fail)
        #expect(F.check(none, .bankStatementReceived).verdict == .fail)
        #expect(DossierStatus.automatic(from: none) == .incomplete)
        let both = ledger.evaluate(LedgerInput(exercise: F.exercise, statements: [F.june()], quitusReceived: true))
        #expect(F.check(both, .quitusReceived).verdict == .pass)
        #expect(F.check(both, .bankStatementReceived).verdict == .pass)
    }

    @Test("Status: a failed amount check asks for a correction")
    func statusToCorrect() {
        let input = LedgerInput(
            exercise: F.exercise, declaration: F.declaration(), statements: [F.august(closing: "1 234,56")],
            registeredIBAN: F.registeredIBAN, quitusReceived: true)
        #expect(DossierStatus.automatic(from: ledger.evaluate(input)) == .toCorrect)
        #expect(DossierStatus.toCorrect.rawValue == "to_correct" && DossierStatus.toCorrect.label == "à corriger")
        #expect(DossierStatus.allCases.map(\.label) == ["à vérifier", "à corriger", "incomplet", "validé", "rejeté"])
    }
}

import CoopmailDomain
import CoopmailLedger
import Testing

private typealias F = Fixture

/// What the reader says about how a statement's figures were read (an OCR slip corrected, a page that does not add
/// up) reaches staff in the statement_date check.
@Suite struct ReadingNotesTests {
    @Test func aCorrectionIsShownBesideTheBalance() {
        var statement = F.august(closing: "1 294,56")
        let note = "Montant corrigé à la lecture (OCR) : page 1, opération du 12/08/2021 « CHQ 1234567 », lu 38,00 €."
        statement.readingNotes = [note]
        let check = F.check(
            Ledger().evaluate(LedgerInput(exercise: F.exercise, statements: [statement])), .statementDate)
        #expect(check.verdict == .pass)
        #expect(check.detail.contains(note), "\(check.detail)")
    }

    @Test func aPageThatDoesNotAddUpIsTheReasonGiven() {
        var statement = F.august(closing: "1 294,56")
        statement.periodStart = F.date("2021-08-15")
        statement.periodEnd = F.date("2021-09-14")
        statement.balances = [.init(date: F.date("2021-08-14"), amount: F.euros("1 000,00"), label: "ANCIEN SOLDE")]
        statement.movementsReconciled = false
        let reason = "Page 2 du relevé : « Total de la page » imprime 12,00 € et 30,00 € : la page ne s'additionne pas."
        statement.readingNotes = [reason]
        let check = F.check(
            Ledger().evaluate(LedgerInput(exercise: F.exercise, statements: [statement])), .statementDate)
        #expect(check.verdict == .unknown)
        #expect(check.detail.contains(reason), "\(check.detail)")
    }
}

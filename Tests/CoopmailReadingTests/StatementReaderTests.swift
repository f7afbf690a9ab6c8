import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

@Suite struct StatementReaderTests {
    let closing = Exercise(startYear: 2020).closing

    func statementText(_ name: String) async throws -> String {
        await DocumentReader().read(try Fixtures.bytes(name)).text
    }

    @Test func augustStatementOldColumnsBalanceRead() async throws {
        let reading = StatementReader.read(try await statementText("releve-2021-08-0123.pdf"))
        let s = reading.statement
        #expect(reading.reconciled)
        #expect(IBAN.isValid(s.iban ?? ""))
        #expect(s.iban.flatMap(IBAN.frenchAccountDigits) == "00518064209")
        #expect(s.accountNumber == "518.06.4209")
        #expect(s.holder == "COOP SCOL EE RUE KELLER")
        #expect(s.periodStart?.iso == "2021-08-01" && s.periodEnd?.iso == "2021-08-31")
        #expect(s.movements.count == 4)
        // Débit column → negative, crédit column → positive.
        #expect(s.movements.first { $0.label.hasPrefix("CHQ") }?.amount.cents == -12850)
        #expect(s.movements.first { $0.label.hasPrefix("VIR") }?.amount.cents == 45000)
        let b = reading.balance(at: closing)
        #expect(b?.source == .read)
        #expect(b?.amount == s.balances.last?.amount)
        #expect(s.balances.first?.amount.cents == 123456)
    }

    @Test func septemberStatementAncienSoldeIsTheClosingBalance() async throws {
        let reading = StatementReader.read(try await statementText("releve-2021-09-0456.pdf"))
        #expect(reading.statement.movements.map(\.amount.cents) == [-4599, 22000, -3500])
        #expect(
            reading.balance(at: closing) == ClosingBalance(date: closing, amount: Money(cents: 287015), source: .read))
    }

    @Test func straddlingPeriodIsComputed() async throws {
        let reading = StatementReader.read(try await statementText("releve-straddle-0789.pdf"))
        #expect(reading.reconciled)
        let b = try #require(reading.balance(at: closing))
        #expect(b.source == .computed)
        // Opening 987,65 − 34,20 + 150,00 − 4,50 (movements up to 31/08, not those of 01/09 and 02/09).
        let expected: Int64 = 98765 - 3420 + 15000 - 450
        #expect(b.amount.cents == expected)
    }

    @Test func dottedThousandsShortYearsAndSolde() async throws {
        let reading = StatementReader.read(try await statementText("releve-2021-09-0042.pdf"))
        #expect(reading.statement.balances.first?.label.hasPrefix("Solde précédent") == true)
        let expected: Int64 = 312560 - 2399 + 120000
        #expect(reading.balance(at: closing)?.amount.cents == expected)
    }

    @Test func statementNotCovering31AugustHasNoBalance() async throws {
        let reading = StatementReader.read(try await statementText("releve-2021-06-0123.pdf"))
        #expect(reading.statement.periodEnd?.iso == "2021-06-30")
        #expect(reading.balance(at: closing) == nil)
        #expect(reading.statement.balance(at: closing) == nil)
    }

    @Test func debiteurBalanceIsNegative() async throws {
        let reading = StatementReader.read(try await statementText("releve-debiteur-0790.pdf"))
        let expected: Int64 = 30010 - 45000 + 10000
        #expect(reading.balance(at: closing)?.amount.cents == expected)
        #expect((reading.balance(at: closing)?.amount.cents ?? 0) < 0)
    }

    @Test func unreconciledMovementsGiveNoComputedBalance() {
        // The movements do not add up to the closing balance: a computed balance would be a guess.
        let text = """
            RELEVE DE COMPTE BRED   du 16/08/2021 au 15/09/2021
            Date   Opération                                  Montant
                   Solde précédent au 15/08/2021             1 000,00 €
            20/08  CB LIBRAIRIE                                - 10,00 €
            05/09  VIR SEPA MAIRIE                            + 50,00 €
                   Nouveau solde au 15/09/2021               1 100,00 €
            """
        let reading = StatementReader.read(text)
        #expect(!reading.reconciled)
        #expect(reading.balance(at: closing) == nil)
    }

    @Test func signsFromKeywordsAreCorrectedByReconciliation() {
        // No column header and no printed signs (as OCR may give): the balances decide the one ambiguous sign.
        let text = """
            RELEVE DE COMPTE du 04/08/2021 au 03/09/2021
            SOLDE CREDITEUR AU 03/08/2021 500,00
            10/08 CHQ 0001 FOURNITURES 10/08 20,00
            20/08 VIR SEPA XYZ 20/08 30,00
            01/09 REMISE CHEQUES 01/09 100,00
            SOLDE CREDITEUR AU 03/09/2021 550,00
            """
        let reading = StatementReader.read(text)
        #expect(reading.reconciled)
        #expect(reading.statement.movements.map(\.amount.cents) == [-2000, -3000, 10000])
        #expect(reading.balance(at: closing)?.amount.cents == 45000)
    }

    @Test func writtenMonthPeriodAndBalances() {
        let text = """
            BRED Banque Populaire - Relevé de compte
            Période du 1er août 2021 au 31 août 2021
            ANCIEN SOLDE                                   2 000,00
            NOUVEAU SOLDE                                  1 940,00
            """
        let reading = StatementReader.read(text)
        #expect(reading.statement.periodStart?.iso == "2021-08-01")
        #expect(reading.statement.balances.map(\.date.iso) == ["2021-07-31", "2021-08-31"])
        #expect(reading.balance(at: closing)?.amount.cents == 194000)
    }

    @Test(arguments: ["", "SOLDE", "SOLDE CREDITEUR AU", "\u{0C}\u{0C}", String(repeating: "31/08 1,00 ", count: 500)])
    func garbageTextNeverCrashes(text: String) {
        _ = StatementReader.read(text)
        _ = QuitusReader.read(text)
        _ = PageClassifier.kind(of: text)
    }
}

@Suite struct StatementOCRLayoutTests {
    @Test func balanceAmountOnItsOwnLineIsJoined() {
        let text = """
            RELEVE DE COMPTE du 04/08/2021 au 03/09/2021
            SOLDE CREDITEUR AU 03/08/2021      100,00
            10/08 CHQ 0001 FOURNITURES 10/08     - 20,00
            984,95
            SOLDE CREDITEUR AU 03/09/2021
            """
        let reading = StatementReader.read(text, ocr: true)
        #expect(reading.statement.balances.map(\.amount.cents) == [10000, 98495])
        // 100 − 20 ≠ 984,95: the run does not reconcile, so nothing is computed.
        #expect(!reading.reconciled)
        #expect(reading.balance(at: Exercise(startYear: 2020).closing) == nil)
    }
}

@Suite struct SummaryLineTests {
    @Test func twoBalancesOnOneSummaryLine() {
        let text = """
            RELEVE DE COMPTE BRED du 01/09/2021 au 30/09/2021
            Ancien solde    2 000,00 €        Nouveau solde    1 940,00 €
            Date   Opération                            Montant
            10/09  CB LIBRAIRIE                        - 60,00 €
            """
        let reading = StatementReader.read(text)
        #expect(reading.statement.balances.map(\.amount.cents) == [200000, 194000])
        #expect(reading.statement.balances.map(\.date.iso) == ["2021-08-31", "2021-09-30"])
        #expect(reading.balance(at: Exercise(startYear: 2020).closing)?.amount.cents == 200000)
    }
}

@Suite struct ValueDateLayoutTests {
    @Test func valueDateBeforeTheLabel() {
        let text = """
            RELEVE DE COMPTE du 01/08/2021 au 31/08/2021
            Date   Valeur  Libellé                                   Débit        Crédit
                           SOLDE CREDITEUR AU 31/07/2021                          100,00
            06/08  06/08   CHQ 0004411 FOURNITURES                   34,20
            10/08  11/08   VIR SEPA MAIRIE DE PARIS                               50,00
                           SOLDE CREDITEUR AU 31/08/2021                          115,80
            """
        let reading = StatementReader.read(text)
        #expect(reading.statement.movements.map(\.label) == ["CHQ 0004411 FOURNITURES", "VIR SEPA MAIRIE DE PARIS"])
        #expect(reading.statement.movements.map(\.amount.cents) == [-3420, 5000])
        #expect(reading.reconciled)
    }
}

@Suite struct PeriodSpellingTests {
    @Test(arguments: [
        "Relevé n° 8 du 04/08/2021 au 03/09/2021", "Période : 04/08/2021 - 03/09/2021",
        "du 4 août 2021 au 3 septembre 2021", "Période du 04.08.21 au 03.09.21",
    ])
    func periods(line: String) {
        let s = StatementReader.read("RELEVE DE COMPTE\n" + line).statement
        #expect(s.periodStart?.iso == "2021-08-04")
        #expect(s.periodEnd?.iso == "2021-09-03")
    }
}

/// The account holder, read from the address block of the statement's first page.
@Suite struct StatementHolderTests {
    @Test func holderFromTheAddressBlock() {
        let text = """
            BRED Banque Populaire                       RELEVE DE COMPTE
                                                COOPERATIVE SCOLAIRE OCCE
                                                ECOLE MATERNELLE PIHET
            """
        #expect(StatementReader.read(text).statement.holder == "COOPERATIVE SCOLAIRE OCCE ECOLE MATERNELLE PIHET")
    }
}

import CoopmailClassification
import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// The reader against statements it was not tuned on: many seeds of each generated layout, clean (`pdftotext`) and
/// with OCR noise. The expected balance at 31/08 comes from the generator's own movement list.
@Suite struct GeneratedStatementTests {
    static let seedsPerCase: UInt64 = 100
    /// A BRED account the generated statements never use (the cooperative's registered one).
    static let registered = StatementGenerator.iban(bank: "10107", branch: "00100", account: "00518064209")

    struct Tally { var total = 0, right = 0, wrong = 0, missed = 0 }

    static func check(_ g: StatementGenerator.Statement, seed: UInt64, tally: inout Tally) {
        let reading = StatementReader.read(g.text, ocr: g.ocr)
        let s = reading.statement
        let tag = "\(g.layout.rawValue) ocr=\(g.ocr) seed=\(seed)"
        tally.total += 1
        let got = reading.balance(at: g.closing)
        let expected = g.expected
        if let expected {
            if got?.amount.cents == expected.cents && got?.source == expected.source {
                tally.right += 1
            } else if got == nil {
                tally.missed += 1
                // OCR noise may leave a statement undecidable (the reader then abstains): counted, allowed up to the
                // issue's 97 % target below; from a text layer, never.
                if !g.ocr { Issue.record("\(tag): no balance, expected \(expected)\n\(g.text)") }
            } else {
                tally.wrong += 1
                Issue.record("\(tag): \(String(describing: got)), expected \(expected)\n\(g.text)")
            }
        } else if let got {
            tally.wrong += 1
            Issue.record("\(tag): \(got), expected none (reconciles: \(g.reconciles))\n\(g.text)")
        } else {
            tally.right += 1
        }
        #expect(
            s.periodStart == g.periodStart && s.periodEnd == g.periodEnd,
            "\(tag): period \(String(describing: s.periodStart))–\(String(describing: s.periodEnd))")
        #expect(s.iban == g.iban, "\(tag): IBAN \(String(describing: s.iban))")
        if g.layout == .otherBank {
            #expect(StatementAccount.matches(s, registeredIBAN: registered) == false, "\(tag)")
            #expect(s.iban.map { $0.dropFirst(4).prefix(5) == "10107" } != true, "\(tag)")
        }
        if g.reconciles == false { #expect(!reading.reconciled, "\(tag): a missed movement line must not reconcile") }
    }

    @Test(arguments: StatementGenerator.Layout.allCases, [false, true])
    func balanceAt31August(layout: StatementGenerator.Layout, ocr: Bool) {
        var tally = Tally()
        for seed in 0..<Self.seedsPerCase {
            var generator = StatementGenerator(
                seed: seed &+ (ocr ? 10_000 : 0) &+ UInt64(layout.hashValueStable) &* 100_000)
            let g = generator.make(layout, ocr: ocr)
            Self.check(g, seed: seed, tally: &tally)
        }
        print(
            "relevés générés \(layout.rawValue)\(ocr ? " (OCR)" : "") : \(tally.right)/\(tally.total) justes, "
                + "\(tally.wrong) faux, \(tally.missed) sans solde")
        #expect(tally.wrong == 0)
        if ocr { #expect(tally.right * 100 >= tally.total * 97) } else { #expect(tally.right == tally.total) }
    }
}

extension StatementGenerator.Layout {
    /// A stable number per layout (hashValue changes between runs).
    var hashValueStable: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Shapes the generator draws at random, pinned one by one (each failed on the reader before this change).
@Suite struct StraddlingShapeTests {
    let closing = Exercise(startYear: 2020).closing

    @Test func operationDatedBeforeTheOpeningBalanceStillCounts() {
        // A card payment made on 13/08 and booked on this statement (from 15/08): the opening balance does not hold it.
        let text = """
            RELEVE DE COMPTE   du 15/08/2021 au 14/09/2021
            Date    Libellé                                     Montant
                    SOLDE CREDITEUR AU 14/08/2021               1 000,00
            13/08   CB LIBRAIRIE                                 -40,00
            30/08   VIR SEPA MAIRIE                              250,00
            02/09   CHQ 0000123                                  -10,00
                    SOLDE CREDITEUR AU 14/09/2021               1 200,00
            """
        let b = StatementReader.read(text).balance(at: closing)
        #expect(b == ClosingBalance(date: closing, amount: Money(cents: 121000), source: .computed))
    }

    @Test func valueDateColumnFirstThenOperationDate() {
        // « Valeur » before « Date opé. »: the second date is the operation date (31/08 counts, 01/09 does not).
        let text = """
            Période du 16/08/2021 au 15/09/2021
            Valeur    Date opé.   Libellé                          Débit        Crédit
                                  SOLDE PRECEDENT AU 15/08/2021                  500,00
            01/09     31/08       CHQ 0000124                       20,00
            30/08     01/09       REMISE CHEQUES                                  80,00
                                  NOUVEAU SOLDE AU 15/09/2021                    560,00
            """
        #expect(StatementReader.read(text).balance(at: closing)?.amount.cents == 48000)
    }

    @Test func ocrSpellingsOfAmountsDatesAndCues() {
        // `O` for `0`, a decimal point, widened spaces in a cue and inside a thousands group.
        let text = """
            du 16/O8/2021 au 15/09/2021
            Date   Opération                                 Montant
                   SOLDE  CREDITEUR AU 15/08/2O21           1  234.50
            20/08  CB LIBRAIRIE                               -34,5O
            05/09  VIR SEPA MAIRIE                            100.00
                   SOLDE CREDITEUR AU 15/09/2021            1 300,00
            """
        let r = StatementReader.read(text, ocr: true)
        #expect(r.statement.periodStart?.iso == "2021-08-16")
        #expect(
            r.balance(at: closing) == ClosingBalance(date: closing, amount: Money(cents: 120000), source: .computed))
    }

    @Test func carriedTotalsAreNeitherMovementsNorBalances() {
        let text = """
            Relevé n° 9 du 16/08/2021 au 15/09/2021
            Date     Libellé                                   Débit         Crédit
                     ANCIEN SOLDE                                             300,00
            20/08    CHQ 0000125                               50,00
                     Total de la page                          50,00
            31/08    A reporter au 31/08                                      250,00
            \u{0C}Relevé n° 9 du 16/08/2021 au 15/09/2021
            Date     Libellé                                   Débit         Crédit
            31/08    Report de la page 1                                      250,00
            02/09    VIR SEPA RECU APE                                         70,00
                     Total des mouvements                      50,00          70,00
                     NOUVEAU SOLDE                                            320,00
            """
        let r = StatementReader.read(text)
        #expect(r.reconciled)
        #expect(r.statement.movements.map(\.amount.cents) == [-5000, 7000])
        #expect(r.balance(at: closing) == ClosingBalance(date: closing, amount: Money(cents: 25000), source: .computed))
    }
}

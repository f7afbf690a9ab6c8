import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Layouts other banks and online banking print, where the lines are not in booking order or a row carries a
/// running balance: a summary (opening and closing balances) above the movements, the newest movement first, a
/// « Solde » column after the amounts. Before these were read, none of them reconciled, so no balance at 31/08 was
/// computed from them. Each is read as text (a PDF's text layer) and as OCR.
@Suite struct StatementOrderLayoutTests {
    let closing = Exercise(startYear: 2020).closing
    /// 3 000,00 − 120,00 + 250,00: the balance at 31/08 of every layout below.
    let expected = 313_000

    static let rows = [
        ("20/08/2021", "PRLV ASSURANCE", -12_000), ("27/08/2021", "REMISE CHEQUES", 25_000),
        ("02/09/2021", "CB LIBRAIRIE", -8_000), ("04/09/2021", "CB PAPETERIE", -20_000),
        ("10/09/2021", "PRLV SEPA", -12_000),
    ]

    static func french(_ cents: Int) -> String {
        let euros = abs(cents) / 100
        let thousands = euros >= 1000 ? "\(euros / 1000) \(String(format: "%03d", euros % 1000))" : "\(euros)"
        return (cents < 0 ? "-" : "") + thousands + String(format: ",%02d", abs(cents) % 100)
    }

    static func padded(_ s: String, _ width: Int) -> String {
        s.padding(toLength: max(width, s.count), withPad: " ", startingAt: 0)
    }

    /// A summary box above the movements, its balances dated or not.
    static func summaryFirst(dated: Bool, closingRepeated: Bool) -> String {
        var lines = [
            "RELEVE DE COMPTE du 15/08/2021 au 14/09/2021",
            padded(dated ? "Solde au 14/08/2021" : "Ancien solde", 50) + "3 000,00",
            "Total des débits                                    520,00",
            padded(dated ? "Solde au 14/09/2021" : "Nouveau solde", 50) + "2 730,00",
            "Date       Libellé                               Débit        Crédit",
        ]
        for (date, label, cents) in rows {
            let amount = french(abs(cents))
            lines.append(
                padded("\(date) \(label)", 41) + (cents < 0 ? padded(amount, 19) : padded("", 19) + amount))
        }
        if closingRepeated { lines.append("           Nouveau solde au 14/09/2021                        2 730,00") }
        return lines.joined(separator: "\n")
    }

    /// An online-banking history, newest first, with a running balance column or without.
    static func newestFirst(runningBalance: Bool) -> String {
        var lines = [
            "Historique du compte courant du 15/08/2021 au 14/09/2021",
            "Date opération   Libellé                              Montant" + (runningBalance ? "          Solde" : ""),
            "                 Solde au 14/09/2021                  " + (runningBalance ? "                 " : "")
                + "2 730,00",
        ]
        var balance = 273_000
        for (date, label, cents) in rows.reversed() {
            let amount = padded((cents > 0 ? "+" : "") + french(cents), 17)
            lines.append(padded("\(date)       \(label)", 53) + amount + (runningBalance ? french(balance) : ""))
            balance -= cents
        }
        lines.append(
            "                 Solde au 14/08/2021                  " + (runningBalance ? "                 " : "")
                + "3 000,00")
        return lines.joined(separator: "\n")
    }

    /// Débit and crédit columns followed by a running balance on every row.
    static func runningBalanceColumns() -> String {
        var lines = [
            "RELEVE DE COMPTE du 15/08/2021 au 14/09/2021",
            "Date       Libellé                          Débit      Crédit       Solde",
            "14/08/2021 SOLDE PRECEDENT                                        3 000,00",
        ]
        var balance = 300_000
        for (date, label, cents) in rows {
            balance += cents
            let amount = french(abs(cents))
            let columns = cents < 0 ? padded(amount, 22) : padded("", 11) + padded(amount, 11)
            lines.append(padded("\(date) \(label)", 43) + columns + french(balance))
        }
        lines.append("14/09/2021 NOUVEAU SOLDE                                          2 730,00")
        return lines.joined(separator: "\n")
    }

    static let layouts: [(String, String)] = [
        ("summary dated", summaryFirst(dated: true, closingRepeated: false)),
        ("summary undated", summaryFirst(dated: false, closingRepeated: false)),
        ("summary and closing below", summaryFirst(dated: true, closingRepeated: true)),
        ("newest first", newestFirst(runningBalance: false)),
        ("newest first, running balance", newestFirst(runningBalance: true)),
        ("running balance column", runningBalanceColumns()),
    ]

    @Test(arguments: layouts)
    func theBalanceAtClosingIsComputed(layout: (String, String)) throws {
        for ocr in [false, true] {
            let reading = StatementReader.read(layout.1, ocr: ocr)
            #expect(reading.reconciled, "\(layout.0) ocr \(ocr)")
            #expect(reading.statement.movements.count == 5, "\(layout.0) ocr \(ocr)")
            let b = try #require(reading.balance(at: closing), "\(layout.0) ocr \(ocr)")
            #expect(b.source == .computed)
            #expect(b.amount.cents == expected, "\(layout.0) ocr \(ocr)")
            #expect(reading.statement.readingNotes == nil, "\(layout.0) ocr \(ocr)")
        }
    }

    /// A reordering is kept only when the movements then add up: one amount wrong, and nothing is computed.
    @Test(arguments: layouts)
    func aWrongAmountStillGivesNoBalance(layout: (String, String)) {
        let broken = layout.1.replacingOccurrences(of: "250,00", with: "205,00")
        for ocr in [false, true] {
            let reading = StatementReader.read(broken, ocr: ocr)
            if ocr && layout.0 == "running balance column" {
                // Read by OCR, the running balances printed around the row read its amount a second time
                // (StatementReader+RunningBalance.swift): the row takes it, and says so.
                #expect(reading.balance(at: closing)?.amount.cents == Int64(expected), "\(layout.0) ocr \(ocr)")
                #expect(
                    reading.statement.readingNotes?.first?.hasPrefix("Montant repris de la colonne des soldes") == true)
            } else {
                #expect(reading.balance(at: closing) == nil, "\(layout.0) ocr \(ocr)")
            }
        }
    }

    /// A newest-first history that does not add up is said to be so, not blamed on misread dates: its dates are in
    /// order, only from the latest down.
    @Test(arguments: [false, true])
    func aNewestFirstHistoryThatDoesNotAddUpSaysSo(runningBalance: Bool) throws {
        let broken = Self.newestFirst(runningBalance: runningBalance).replacingOccurrences(of: "250,00", with: "205,00")
        for ocr in [false, true] {
            let reading = StatementReader.read(broken, ocr: ocr)
            #expect(!reading.reconciled)
            let notes = reading.statement.readingNotes ?? []
            #expect(notes == [StatementReader.newestFirstNote], "ocr \(ocr): \(notes)")
            #expect(reading.statement.movements.allSatisfy { $0.dateOutOfOrder == nil })
        }
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// What OCR does to the totals carried from page to page, seen on statements typeset by other hands
/// (scripts/make-groff-statements.py seed 41): a « Report » at the top of page 2 read « 3751,33 EUR. :5 127,52 »
/// under a page 1 total of « 3 757,33 » and « 5 127,52 »; a total « 7.107,08 » read « 7. 107,08 ». Each statement's
/// movements added up with its balances, and a carried line it merely repeats made it « not add up »: no balance.
@Suite struct CarriedTotalTests {
    /// The first line of a page after the first that carries figures over (« Report … »), with its amounts' places.
    static func carriedLines(_ text: String) -> [(line: Int, found: [AmountScanner.Found])] {
        var out: [(line: Int, found: [AmountScanner.Found])] = []
        var page = 1
        var seenOnPage = false
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            if line.contains("\u{0C}") {
                page += 1
                seenOnPage = false
            }
            let folded = line.lowercased()
            guard page > 1, !seenOnPage, folded.contains("report"), !folded.contains("reporter") else { continue }
            seenOnPage = true
            let found = AmountScanner.find(in: line)
            if !found.isEmpty { out.append((n, found)) }
        }
        return out
    }

    /// `line` with the digits at `places` (indices in the line) changed to one OCR confuses them with.
    static func slipped(_ line: String, at places: [Int], rng: inout SeededGenerator) -> String? {
        var chars = Array(line)
        for k in places {
            guard chars.indices.contains(k),
                let other = StatementReader.confusableDigits[chars[k]]?.randomElement(
                    using: &rng)
            else { return nil }
            chars[k] = other
        }
        return String(chars)
    }

    /// Generated multi-page statements, two-column and signed, whose carried lines are misread: a digit lost in each
    /// of a carried line's amounts leaves the balance at 31/08 exact; two slips in one amount leave no balance computed
    /// (a reading that is no longer the carried total's).
    @Test func aCarriedLineMisreadByOneSlipRepeatsTheTotalItCarries() throws {
        var tried = 0
        var refused = 0
        for seed in UInt64(1)..<100 {
            var g = StatementGenerator(seed: seed)
            let s = g.make(.multiPage, ocr: false)
            guard s.reconciles, let expected = s.expected, expected.source == .computed,
                StatementReader.read(s.text, ocr: true).reconciled
            else { continue }
            var lines = s.text.components(separatedBy: "\n")
            var rng = SeededGenerator(seed: seed &* 13 &+ 1)
            guard let carried = Self.carriedLines(s.text).first else { continue }
            let line = lines[carried.line]
            // A digit of each amount's euros lost (« 5 127,52 » read « 127,52 »): no single-digit slip the reader
            // corrects by itself explains it.
            var chars = Array(line)
            var lost = 0
            for f in carried.found.reversed() {
                let euros = f.range.filter { chars[$0].isNumber }.dropLast(2)
                guard euros.count >= 2, let k = euros.dropFirst().randomElement(using: &rng) else { continue }
                chars.remove(at: k)
                chars.insert(" ", at: f.range.lowerBound)
                lost += 1
            }
            let misread = String(chars)
            guard lost == carried.found.count,
                zip(AmountScanner.find(in: misread), carried.found).allSatisfy({
                    $0.amount.magnitude.isOneSlip(from: $1.amount.magnitude)
                })
            else { continue }
            lines[carried.line] = misread
            let read = StatementReader.read(lines.joined(separator: "\n"), ocr: true)
            let b = read.balance(at: s.closing)
            tried += 1
            #expect(read.reconciled, "seed \(seed): « \(misread) » for « \(line) »\n\(lines.joined(separator: "\n"))")
            #expect(b?.amount.cents == expected.cents && b?.source == .computed, "seed \(seed)")
            // Two slips in one amount: not the carried total misread by a slip.
            let first = carried.found[0]
            let digits = first.range.filter {
                Array(line)[$0].isNumber && StatementReader.confusableDigits[Array(line)[$0]] != nil
            }
            guard digits.count >= 3, let twice = Self.slipped(line, at: Array(digits.suffix(2)), rng: &rng),
                let twiceAmount = AmountScanner.find(in: twice).first?.amount,
                !twiceAmount.magnitude.isOneSlip(from: first.amount.magnitude),
                twiceAmount.magnitude != first.amount.magnitude
            else { continue }
            lines[carried.line] = twice
            let far = StatementReader.read(lines.joined(separator: "\n"), ocr: true)
            refused += 1
            #expect(!far.reconciled && far.balance(at: s.closing)?.source != .computed, "seed \(seed): « \(twice) »")
        }
        #expect(tried >= 8, "\(tried) statements tried")
        #expect(refused >= 4, "\(refused) statements tried with two slips")
    }

    /// The groff statement of seed 41 as OCR read it (page 1's total, page 2's « Report »): one slip and one lost
    /// digit, under a total the movements check.
    @Test func aReportThatLostADigitAndReadAnotherStillRepeatsItsTotal() throws {
        let text = """
                     Date    Libellé                                 Débit         Crédit
                             Solde précédent au 17.08.2021                   6 329,09 EUR
                     18.08   REMISE CHEQUES 5623773                         5 127,52 EUR
                     18.08   CHQ N°4585063                     110,77 EUR
                     27.08   VERSEMENT ESPECES                1 746,96 EUR

                     Total des opérations 1 857,73 EUR 5 127,52 EUR
                     À reporter
            \u{0C}
                     Date    Libellé                                  Débit          Crédit
                             Report                            1851,73 EUR.   :5 127,52 EÛR
                     29.08   REMISE CHEQUES 116345             1 601,80 EUR
                     06.09   CHQ N°3071010                                     1 483,12 EUR
                             NOUVEAU SOLDE AU 17.09.2021]                        9 480,20 EUR
            """
        let closing = try #require(CalendarDate(year: 2021, month: 8, day: 31))
        let read = StatementReader.read(text, ocr: true)
        #expect(read.reconciled)
        let expected: Int64 = 6_329_09 + 5_127_52 - 110_77 - 1_746_96 - 1_601_80
        let b = read.balance(at: closing)
        #expect(b?.amount.cents == expected && b?.source == .computed, "\(String(describing: b))")
        // A report that reads nothing like the total it carries (not even after the one slip the reader may correct
        // on its own) is not excused.
        let far = StatementReader.read(text.replacingOccurrences(of: "1851,73", with: "4250,13"), ocr: true)
        #expect(!far.reconciled)
        // Page 1's own total misread is not excused: it is the check of page 1's movements.
        let own = StatementReader.read(
            text.replacingOccurrences(of: "1 857,73", with: "1 851,73").replacingOccurrences(
                of: "1851,73", with: "1857,73"), ocr: true)
        #expect(own.statement.readingNotes?.isEmpty == false || !own.reconciled)
    }

    @Test func aDottedThousandsGroupCutBySpaceIsJoined() {
        let total = StatementText.normalise("        Total des opérations 7. 107,08 € 8.122,52 €", ocr: true)
        #expect(AmountScanner.find(in: total).map(\.amount.cents) == [7_107_08, 8_122_52])
        // A dotted date before an amount, a reference number, a text layer: left alone.
        let dated = StatementText.normalise("   31.08. 107,08", ocr: true)
        #expect(AmountScanner.find(in: dated).last?.amount.cents == 107_08)
        let reference = StatementText.normalise("   CHQ N°7. 107,08", ocr: true)
        #expect(AmountScanner.find(in: reference).last?.amount.cents == 107_08)
        #expect(StatementText.normalise("Total 7. 107,08", ocr: false).contains("7. 107,08"))
    }
}

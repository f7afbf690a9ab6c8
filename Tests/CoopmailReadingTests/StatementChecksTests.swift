import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Testing

/// OCR slips in amounts and printed page totals, on generated statements varied by seed: a misread digit is corrected
/// only under OCR and only when one correction makes every printed check add up; a page that does not add up is named.
@Suite struct StatementChecksTests {
    /// Digit pairs OCR reads one for the other (the test's own list, both ways).
    static let slips: [Character: [Character]] = [
        "0": ["8", "6"], "1": ["7"], "3": ["8"], "5": ["6"], "6": ["5", "8"], "7": ["1"], "8": ["3", "6", "0"],
    ]

    /// Statements of `layout` from seed `start` on whose 31/08 balance is computed from movements that reconcile.
    static func straddling(_ layout: StatementGenerator.Layout, count: Int, start: UInt64)
        -> [(seed: UInt64, statement: StatementGenerator.Statement)]
    {
        var out: [(UInt64, StatementGenerator.Statement)] = []
        var seed = start
        while out.count < count {
            var g = StatementGenerator(seed: seed)
            let s = g.make(layout, ocr: false)
            if s.reconciles, s.expected?.source == .computed, s.movements.count >= 2 { out.append((seed, s)) }
            seed += 1
        }
        return out
    }

    /// The text with one character of one movement's amount changed by `change` (nil: no change possible), and the
    /// 1-based page of that movement.
    static func altered(
        _ text: String, seed: UInt64, change: (Character, inout SeededGenerator) -> Character?
    ) -> (text: String, page: Int)? {
        var rng = SeededGenerator(seed: seed &* 7919 &+ 3)
        var pages = text.components(separatedBy: "\u{0C}").map { $0.components(separatedBy: "\n") }
        // Movement lines: a date first, an amount, no balance or total words.
        var candidates: [(page: Int, line: Int, digits: [Int])] = []
        for (p, lines) in pages.enumerated() {
            for (i, line) in lines.enumerated() {
                let t = line.drop { $0 == " " }
                guard let f = t.first, f.isNumber, t.dropFirst().first?.isNumber == true,
                    t.dropFirst(2).first == "/" || t.dropFirst(2).first == "."
                else { continue }
                let folded = line.lowercased()
                guard !folded.contains("solde"), !folded.contains("total"), !folded.contains("report"),
                    let amount = AmountScanner.find(in: line).last
                else { continue }
                let chars = Array(line)
                let digits = amount.range.filter { $0 < chars.count && chars[$0].isNumber }
                if !digits.isEmpty { candidates.append((p, i, digits)) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        for _ in 0..<20 {
            let c = candidates[Int.random(in: 0..<candidates.count, using: &rng)]
            let k = c.digits[Int.random(in: 0..<c.digits.count, using: &rng)]
            var chars = Array(pages[c.page][c.line])
            guard let replacement = change(chars[k], &rng), replacement != chars[k] else { continue }
            chars[k] = replacement
            pages[c.page][c.line] = String(chars)
            return (pages.map { $0.joined(separator: "\n") }.joined(separator: "\u{0C}"), c.page + 1)
        }
        return nil
    }

    @Test(arguments: [
        StatementGenerator.Layout.debitCredit, .signedColumn, .operationValueDates, .multiPage,
    ])
    func oneOCRSlipInAnAmount(layout: StatementGenerator.Layout) {
        var cases = 0
        var corrected = 0
        for (seed, s) in Self.straddling(layout, count: 30, start: 7_000) {
            guard let expected = s.expected,
                let slipped = Self.altered(
                    s.text, seed: seed,
                    change: { ch, rng in Self.slips[ch].map { $0[Int.random(in: 0..<$0.count, using: &rng)] } })
            else { continue }
            cases += 1
            let tag = "\(layout.rawValue) seed=\(seed)"
            // Typed text (a text layer) is never corrected: the statement no longer adds up, no balance is computed.
            let typed = StatementReader.read(slipped.text, ocr: false)
            #expect(typed.balance(at: s.closing) == nil, "\(tag): text layer corrected")
            #expect(typed.statement.readingNotes?.contains { $0.contains("corrigé") } != true, "\(tag)")
            let read = StatementReader.read(slipped.text, ocr: true)
            guard let b = read.balance(at: s.closing) else { continue }
            #expect(b.amount.cents == expected.cents && b.source == .computed, "\(tag): \(b) vs \(expected)")
            let note = read.statement.readingNotes?.first { $0.contains("Montant corrigé") }
            #expect(note != nil, "\(tag): the correction is not recorded")
            if b.amount.cents == expected.cents, note != nil { corrected += 1 }
        }
        // A slip is ambiguous when another amount or a balance could take the same correction (a 3 read for an 8 in one
        // amount, an 8 read for a 3 in another): the reader then abstains, by design. Some single slips are always
        // unique (the code before this change corrected none).
        #expect(cases >= 20 && corrected * 5 >= cases, "\(layout.rawValue): \(corrected)/\(cases) corrected")
    }

    @Test func aMissedLineIsNeverTakenForASlip() {
        // A movement line lost by OCR leaves a gap no single misread digit explains, except by chance: the reader
        // then abstains far more often than it corrects, and a correction never gives the true balance of the lost line.
        var wrong = 0
        var total = 0
        for seed in UInt64(0)..<400 {
            var g = StatementGenerator(seed: seed &+ 90_000)
            let s = g.make(.debitCredit, ocr: true)
            guard !s.reconciles else { continue }
            total += 1
            if StatementReader.read(s.text, ocr: true).reconciled { wrong += 1 }
        }
        #expect(total >= 20 && wrong == 0, "\(wrong)/\(total) missed lines taken as reconciled")
    }

    @Test func aPageThatDoesNotAddUpIsNamed() {
        var cases = 0
        for (seed, s) in Self.straddling(.multiPage, count: 25, start: 3_000) {
            guard
                let changed = Self.altered(
                    s.text, seed: seed,
                    change: { ch, rng in
                        Character(String((Int(String(ch)).map { $0 + Int.random(in: 1...9, using: &rng) } ?? 0) % 10))
                    })
            else { continue }
            cases += 1
            let tag = "seed=\(seed) page \(changed.page)"
            for ocr in [false, true] {
                let read = StatementReader.read(changed.text, ocr: ocr)
                // A single misread digit may be corrected under OCR; otherwise the statement abstains and says where.
                if ocr, let b = read.balance(at: s.closing) {
                    #expect(b.amount.cents == s.expected?.cents, "\(tag)")
                    continue
                }
                #expect(read.balance(at: s.closing) == nil, "\(tag) ocr=\(ocr)")
                let reason = read.statement.readingNotes?.first { $0.contains("ne s'additionne pas") }
                #expect(
                    reason?.hasPrefix("Page \(changed.page) du relevé") == true, "\(tag) ocr=\(ocr): \(reason ?? "-")")
            }
        }
        #expect(cases >= 20)
    }

    @Test(arguments: [false, true])
    func printedTotalsThatAddUpChangeNothing(ocr: Bool) {
        for seed in UInt64(0)..<60 {
            var g = StatementGenerator(seed: seed &+ 40_000)
            let s = g.make(.multiPage, ocr: ocr)
            guard s.reconciles, let expected = s.expected else { continue }
            let read = StatementReader.read(s.text, ocr: ocr)
            let b = read.balance(at: s.closing)
            // OCR noise may still leave a statement undecided; a text layer never.
            if ocr && b == nil { continue }
            #expect(b?.amount.cents == expected.cents && b?.source == expected.source, "seed=\(seed) ocr=\(ocr)")
            #expect(read.statement.readingNotes == nil, "seed=\(seed): \(read.statement.readingNotes ?? [])")
        }
    }
}

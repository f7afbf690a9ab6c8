import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// Amounts and movement counts no real statement has: the statement is set aside as not reconciled, nothing traps.
@Suite struct OverflowTests {
    let day = CalendarDate(year: 2021, month: 8, day: 1)!

    func movement(_ cents: Int64, _ basis: StatementReader.SignBasis = .printed) -> StatementReader.Event {
        .movement(.init(date: day, label: "VIR", amount: Money(cents: cents), basis: basis))
    }

    func balance(_ cents: Int64) -> StatementReader.Event {
        .balance(.init(date: day, amount: Money(cents: cents), label: "SOLDE"))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aRunWhoseTotalLeavesInt64DoesNotReconcile(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let big = Int64.max / 2 + Int64(rng.next() % 1_000_000)
        let count = 3 + Int(rng.next() % 5)
        let events =
            [balance(0)] + (0..<count).map { _ in movement(big, .assumed) } + [balance(Int64(rng.next() % 1000))]
        let (_, ok) = StatementReader.reconcile(events)
        #expect(!ok)
        // Flippable movements too large to double are no fix either.
        let flips = StatementReader.uniqueFlip(
            [(1, .init(date: day, label: "x", amount: Money(cents: big), basis: .assumed))],
            gap: Money(cents: 4))
        #expect(flips == nil)
    }

    @Test func aComputedBalanceThatWouldLeaveInt64IsNone() {
        let start = CalendarDate(year: 2021, month: 8, day: 16)!
        let end = CalendarDate(year: 2021, month: 9, day: 15)!
        let statement = BankStatement(
            periodStart: start, periodEnd: end,
            balances: [.init(date: start, amount: Money(cents: Int64.max - 10), label: "ANCIEN SOLDE")],
            movements: [
                .init(date: CalendarDate(year: 2021, month: 8, day: 20)!, label: "VIR", amount: Money(cents: 100))
            ])
        #expect(statement.balance(at: CalendarDate(year: 2021, month: 8, day: 31)!) == nil)
    }

    /// Lines of a statement: opening balance, `count` movements, closing balance (which they add up to).
    func statementText(movements count: Int, amount: String, cents: Int64) -> String {
        var lines = ["RELEVE DE COMPTE du 16/08/2021 au 15/09/2021", "ANCIEN SOLDE AU 15/08/2021    0,00"]
        for _ in 0..<count { lines.append("20/08/2021  VERSEMENT ESPECES   + \(amount)") }
        lines.append(
            "NOUVEAU SOLDE AU 15/09/2021   \(Money(cents: cents * Int64(count)).frenchNumber.replacingOccurrences(of: "\u{00A0}", with: " "))"
        )
        return lines.joined(separator: "\n")
    }

    @Test func aStatementWithMoreMovementsThanTheCapIsNotReconciled() {
        let within = StatementReader.read(statementText(movements: 40, amount: "12,34", cents: 1_234))
        #expect(within.statement.movements.count == 40)
        #expect(within.reconciled)
        var rng = SeededGenerator(seed: 4)
        let over = BankStatement.maxMovements + 1 + Int(rng.next() % 50)
        let reading = StatementReader.read(statementText(movements: over, amount: "12,34", cents: 1_234))
        #expect(reading.statement.movements.count == BankStatement.maxMovements)
        #expect(!reading.reconciled)
    }

    @Test func aPageOfNoSizeIsRasterisedAtTheUsualResolution() {
        for side in [1e-300, 1e-20, 5e-14, 0.5, .leastNonzeroMagnitude] {
            #expect(DocumentReader.PDFInfo(pages: 1, longestSide: [1: side]).dpi(forPage: 1) == 300, "\(side)")
        }
        #expect(DocumentReader.PDFInfo(pages: 1, longestSide: [1: 1e300]).dpi(forPage: 1) == 50)
        #expect(DocumentReader.PDFInfo(pages: 1, longestSide: [1: 841.89]).dpi(forPage: 1) == 300)
    }

    @Test func hugeAmountsAreNotAmounts() {
        #expect(Money(french: "99999999999999999999,99") == nil)
        #expect(Money(french: "9 999 999 999 999 999,99") == nil)
        #expect(AmountScanner.find(in: "20/08/2021 VIR 99999999999999999999,99").isEmpty)
    }
}

/// The limits every extractor runs under.
@Suite struct ToolLimitTests {
    @Test func aToolCannotWriteAFileLargerThanItsLimit() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-fsize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("page.pgm").path
        var rng = SeededGenerator(seed: 9)
        let limit = 8192 + Int(rng.next() % 8192)
        let output = await ToolRunner(timeout: .seconds(60), fileSizeLimitBytes: limit)
            .run("sh", ["-c", "head -c 1000000 /dev/zero > '\(target)'"])
        #expect(!output.succeeded)
        let size = (try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? -1
        #expect(size >= 0 && size <= limit, "\(size) octets écrits, limite \(limit)")
    }

    @Test func aToolThatSpinsIsStoppedByItsCPULimitNotOnlyByTheTimeout() async {
        let output = await ToolRunner(timeout: .seconds(120), cpuLimitSeconds: 1).run(
            "sh", ["-c", "while :; do :; done"])
        #expect(!output.succeeded)
        #expect(!output.timedOut)
    }

    @Test func everyRunIsLimitedInMemoryFileSizeAndCPU() {
        let runner = ToolRunner(timeout: .seconds(30), memoryLimitBytes: 1 << 30)
        let args = runner.prlimitArguments()
        #expect(args.contains("--as=\(1 << 30)"))
        #expect(args.contains("--fsize=\(512 << 20)"))
        #expect(args.contains("--cpu=35"))
        // An OCR worker lives for many pages: the pool retires it before one more page could reach its CPU limit.
        let ocr = ToolRunner(timeout: .seconds(120))
        #expect(ocr.prlimitArguments(cpuSeconds: OCRWorker.cpuSeconds(ocr)).contains("--cpu=1200"))
    }
}

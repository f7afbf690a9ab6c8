import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// A BRED statement PDF whose pages are saved turned a quarter (/Rotate 90 or 270, drawn upright on A4, as a
/// viewer's « rotate page » does) reads from its text layer exactly as the same statement upright: same balances,
/// period, account and movements.
@Suite struct TurnedStatementTests {
    /// Each page's /Rotate, as pdfinfo prints it (« Page    2 rot:  90 »).
    static func rotations(_ pdf: URL) throws -> [Int] {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        process.arguments = ["-f", "1", "-l", "9", pdf.path]
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return out.split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains(" rot:") }
            .compactMap { Int($0.split(separator: " ").last ?? "") }
    }

    @Test(arguments: [StatementGenerator.Layout.debitCredit, .multiPage], [90, 270])
    func aTurnedStatementReadsAsUpright(layout: StatementGenerator.Layout, rotate: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = RenderedStatementTests.statement(layout, start: 700)
        var readings: [StatementReading] = []
        for turn in [0, rotate] {
            let pdf = try RenderedStatementTests.pdf(s, in: dir, rotate: turn)
            let turns = try Self.rotations(pdf)
            #expect(!turns.isEmpty && turns.allSatisfy { $0 == turn }, "\(layout) \(turn): pages turned \(turns)")
            let bytes = try [UInt8](Data(contentsOf: pdf))
            let (document, parts) = await DocumentReader().readParts(bytes)
            #expect(document.pages.allSatisfy { $0.source == .textLayer }, "\(layout) \(turn)")
            let statements = parts.compactMap(\.statement)
            #expect(statements.count == 1, "\(layout) \(turn): \(parts.map(\.kind))")
            readings += statements.prefix(1)
        }
        try #require(readings.count == 2)
        let (upright, turned) = (readings[0], readings[1])
        let b = turned.balance(at: s.closing)
        #expect(b?.amount.cents == s.expected?.cents && b?.source == s.expected?.source, "\(layout) \(rotate)")
        #expect(turned.statement.periodStart == s.periodStart && turned.statement.periodEnd == s.periodEnd)
        #expect(turned.statement.iban == s.iban)
        #expect(turned.statement == upright.statement, "\(layout) \(rotate)")
    }
}

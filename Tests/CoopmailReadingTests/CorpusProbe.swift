import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

@Suite struct CorpusProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COOPMAIL_PROBE"] != nil)) func probe() async throws {
        let name = ProcessInfo.processInfo.environment["COOPMAIL_PROBE"]!
        // An absolute path reads that file (a corpus attachment), a bare name a fixture.
        let bytes =
            name.hasPrefix("/") ? [UInt8](try Data(contentsOf: URL(fileURLWithPath: name))) : try Fixtures.bytes(name)
        let (doc, parts) = await DocumentReader().readParts(bytes)
        for p in doc.pages { print("--- page \(p.number) \(p.source) rot \(p.rotation)\n\(p.text)") }
        for part in parts {
            print("=== \(part.kind) \(part.pages)")
            if let s = part.statement {
                print(
                    s.reconciled, s.statement.iban ?? "-", s.statement.accountNumber ?? "-", s.statement.holder ?? "-",
                    s.statement.periodStart?.iso ?? "-", s.statement.periodEnd?.iso ?? "-")
                for b in s.statement.balances { print("B", b.date.iso, b.amount.cents, b.label) }
                for m in s.statement.movements { print("M", m.date.iso, m.amount.cents, m.label) }
                print("0831:", String(describing: s.balance(at: CalendarDate(year: 2021, month: 8, day: 31)!)))
                print("notes:", s.statement.readingNotes ?? [])
            }
            if let q = part.quitus { print(q) }
        }
    }
}

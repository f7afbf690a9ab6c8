import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

@Suite struct CorpusProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COOPMAIL_PROBE"] != nil)) func probe() async throws {
        let name = ProcessInfo.processInfo.environment["COOPMAIL_PROBE"]!
        let (doc, parts) = await DocumentReader().readParts(try Fixtures.bytes(name))
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
            }
            if let q = part.quitus { print(q) }
        }
    }
}

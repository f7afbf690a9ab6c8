import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The per-address daily count reads the `outbox_recipient` rows the triggers keep: same answer as looking for the
/// address in each row's JSON recipients, on random outboxes.
@Suite struct OutboxRecipientTests {
    @Test(arguments: [11, 12, 13] as [UInt64])
    func countsTheRowsAddressedToAnAddressSinceAnInstant(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let addresses = ["a@ecole.test", "b@ecole.test", "c/d@ecole.test", "e@ecole.test"]
        var rows: [(recipients: [String], createdAt: String)] = []
        try store.db.write { db in
            for i in 0..<40 {
                let to = addresses.filter { _ in Bool.random(using: &rng) }
                let createdAt = String(
                    format: "2021-10-%02dT%02d:00:00Z", Int.random(in: 1...3, using: &rng),
                    Int.random(in: 0...23, using: &rng))
                var r = OutboxRecord(
                    dedupeKey: "k\(i)", kind: .acknowledgment, cooperative: nil, exercise: "2020-2021", message: nil,
                    envelopeFrom: "coopmail@ad75.test", recipients: JSON.encode(to), subject: "s", rawSha256: "0",
                    messageId: "<\(i)@t>", state: .sent, nextAttemptAt: createdAt, createdAt: createdAt)
                try r.insert(db)
                rows.append((to, createdAt))
            }
            // A removed row no longer counts.
            try db.execute(sql: "DELETE FROM outbox WHERE dedupe_key = 'k0'")
        }
        rows.removeFirst()
        for address in addresses {
            for since in ["2021-10-01T00:00:00Z", "2021-10-02T12:00:00Z", "2021-10-03T23:00:00Z"] {
                let expected = rows.filter { $0.createdAt >= since && $0.recipients.contains(address) }.count
                #expect(
                    try store.db.read { try OutboxRecord.countAddressed($0, to: address, since: since) } == expected,
                    "\(address) \(since)")
            }
        }
    }
}

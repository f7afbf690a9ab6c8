import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The poller dates a mail by the server's INTERNALDATE, never by the Date header its sender wrote.
@Suite("Date d'arrivée IMAP")
struct ArrivalTimeTests {
    @Test(arguments: [3609, 20_211_004] as [UInt64])
    func pollDatesEachMailByItsInternalDate(seed: UInt64) throws {
        let s = try PollSandbox("arrivee\(seed % 1000)")
        defer { s.cleanUp() }
        // Server arrival times spread over 2021–2025 (whole seconds, as INTERNALDATE has), against headers that lie.
        var rng = SeededGenerator(seed: seed)
        let headers = [
            "Mon, 30 Jun 3609 10:00:00 +0000", "Wed, 01 Jan 3000 00:00:00 +0100", "Sat, 01 Jan 2005 12:00:00 +0000", "",
        ]
        var expected: [String: String] = [:]
        var messages: [(data: Data, receivedAt: Date?)] = []
        for (n, header) in headers.enumerated() {
            let id = s.newID(n + 1)
            let arrival = Date(
                timeIntervalSince1970: 1_630_000_000 + Double(UInt32.random(in: 0...120_000_000, using: &rng)))
            var text = "From: mandataire1@ecole.test\r\nTo: ad75@occe.test\r\nSubject: CRF\r\nMessage-ID: \(id)\r\n"
            if !header.isEmpty { text += "Date: \(header)\r\n" }
            text += "\r\nBonjour\r\n"
            messages.append((Data(text.utf8), arrival))
            expected[id] = Timestamp.iso(arrival)
        }
        try s.drop(messages)

        let summary = try s.poller().poll()
        #expect(summary.ingest.ingested == headers.count)
        let rows = try s.openStore().db.read {
            try Row.fetchAll($0, sql: "SELECT message_id, received_at, sent_at FROM message")
        }
        #expect(rows.count == headers.count)
        for row in rows {
            let id: String = row["message_id"]
            #expect(
                row["received_at"] as String == expected[id],
                "\(id) : \(row["received_at"] as String) au lieu de \(expected[id] ?? "?")")
        }
        // The header stays as information.
        #expect(rows.contains { ($0["sent_at"] as String?)?.hasPrefix("3609-06-30") == true })
    }
}

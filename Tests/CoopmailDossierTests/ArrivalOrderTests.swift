import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Which statement is current follows the order mails arrived in, never the Date header a sender wrote.
@Suite struct ArrivalOrderTests {
    @Test(arguments: [30, 200, 4000])
    func aStatementDatedInTheFutureDoesNotReplaceOneThatArrivedLater(daysAhead: Int) throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        var config = Config()
        config.exercise = exercise
        let ingestor = Ingestor(store: f.store, config: config)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        func mail(_ id: String, date: Date?, statement: String) -> Data {
            Data(
                ("From: m@ecole.test\r\nMessage-ID: <\(id)@ecole.test>\r\nSubject: relevé coop 075-0123\r\n"
                    + (date.map { "Date: \(formatter.string(from: $0))\r\n" } ?? "")
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nci-joint\r\n"
                    + "--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=releve.txt\r\n\r\n\(statement)\r\n--B--\r\n")
                    .utf8)
        }
        let ahead = Date().addingTimeInterval(Double(daysAhead) * 86_400)
        guard
            case .ingested(let early) = try ingestor.ingest(
                .init(content: .bytes(mail("early", date: ahead, statement: "A")), source: "t")),
            case .ingested(let late) = try ingestor.ingest(
                .init(content: .bytes(mail("late", date: nil, statement: "B")), source: "t"))
        else {
            Issue.record("not ingested")
            return
        }
        // What the reading stage writes: each mail holds a statement of the same account and period.
        try f.store.db.write { db in
            try db.execute(sql: "UPDATE message SET status = 'processed', cooperative = '075-0123'")
            for (id, balance) in [(early, Int64(100_000)), (late, Int64(200_000))] {
                try db.execute(
                    sql: """
                        UPDATE document SET kind = 'bank_statement', cooperative = '075-0123', read_status = 'text', statement = ?
                        WHERE message = ? AND filename = 'releve.txt'
                        """, arguments: [JSON.encode(augustStatement(balance)), id])
            }
        }
        let d = try f.dossier("075-0123")
        let current = d.documents.filter { $0.kind == .bankStatement && $0.role == .current }
        #expect(current.map(\.message) == [late], "\(d.documents.map { ($0.message, $0.role) })")
        #expect(d.selection?.balance.amount == Money(cents: 200_000))
    }
}

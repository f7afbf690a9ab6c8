import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The records' typed columns (statuses, kinds, JSON values) read what earlier versions wrote as text, and write the
/// same text back.
@Suite struct RecordValueTests {
    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)").path
    }

    /// A statement as the reader makes one, varied by the seed.
    func statement(_ g: inout SeededGenerator) -> BankStatement {
        let day = CalendarDate(year: 2021, month: Int(g.next() % 12) + 1, day: Int(g.next() % 28) + 1)!
        let cents = Int64(g.next() % 10_000_000) - 2_000_000
        var s = BankStatement(
            holder: g.next() % 2 == 0 ? "COOP SCOLAIRE \(g.next() % 1000) « Les Tilleuls »" : nil,
            iban: g.next() % 2 == 0 ? "FR7610107001011234567890129" : nil, accountNumber: "518.06.\(g.next() % 10_000)",
            periodStart: day, periodEnd: day,
            balances: [BankStatement.BalanceLine(date: day, amount: Money(cents: cents), label: "SOLDE / Ancien")],
            movements: (0..<Int(g.next() % 4)).map {
                BankStatement.Movement(date: day, label: "VIR \($0) \\ \"x\"/é", amount: Money(cents: Int64($0) * 137))
            })
        s.movementsReconciled = g.next() % 3 == 0 ? nil : g.next() % 2 == 0
        return s
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func oldTextColumnsReadThroughTypedRecordsAndWriteBackTheSameText(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let statuses = ["received", "processed", "quarantined", "set_aside"]
        let kinds = ["quitus", "bank_statement", "other"]
        let reads = ["pending", "read", "text", "ocr", "unreadable", "container"]
        var written: [Int64: (kind: String, read: String, statement: String?, quitus: String?)] = [:]
        var messageStatus: [Int64: String] = [:]
        // Written as the earlier versions wrote them: text statuses and kinds, JSON text from `JSON.encode`.
        try store.db.write { db in
            for (i, status) in statuses.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO message (key, raw_sha256, raw_size, received_at, source, exercise, status, created_at)
                        VALUES (?, ?, 1, '2021-09-01T08:00:00Z', 'test', '2020-2021', ?, '2021-09-01T08:00:00Z')
                        """, arguments: ["k\(seed)-\(i)", "sha\(i)", status])
                let message = db.lastInsertedRowID
                messageStatus[message] = status
                for j in 0..<Int(g.next() % 4) + 1 {
                    let kind = kinds[Int(g.next() % UInt64(kinds.count))]
                    let read = reads[Int(g.next() % UInt64(reads.count))]
                    let statementText = kind == "bank_statement" ? JSON.encode(statement(&g)) : nil
                    let quitusText =
                        kind == "quitus"
                        ? JSON.encode(
                            Quitus(
                                school: "École \(g.next() % 100)", income: Money(cents: Int64(g.next() % 100_000)),
                                signatures: [SignatureReading(place: .mandataire, verdict: .signed, measure: 0.5)]))
                        : nil
                    try db.execute(
                        sql: """
                            INSERT INTO document (message, position, filename, sha256, size, media_type, kind, statement,
                                                  quitus, read_status)
                            VALUES (?, ?, 'f.pdf', ?, 1, 'application/pdf', ?, ?, ?, ?)
                            """, arguments: [message, j + 1, "d\(i)-\(j)", kind, statementText, quitusText, read])
                    written[db.lastInsertedRowID] = (kind, read, statementText, quitusText)
                }
            }
        }
        let documents = try store.db.read { try DocumentRecord.fetchAll($0) }
        #expect(documents.count == written.count)
        for d in documents {
            let old = try #require(written[d.id!])
            #expect(d.kind.rawValue == old.kind && d.readStatus.rawValue == old.read)
            #expect(d.statement.map(JSON.encode) == old.statement)
            #expect(d.quitus.map(JSON.encode) == old.quitus)
            #expect((d.statement != nil) == (old.statement != nil) && (d.quitus != nil) == (old.quitus != nil))
        }
        let messages = try store.db.read { try MessageRecord.fetchAll($0) }
        #expect(messages.map { $0.status.rawValue }.sorted() == statuses.sorted())
        for m in messages { #expect(m.status.rawValue == messageStatus[m.id!]) }
        // Saved back unchanged, every column holds the same text as before.
        try store.db.write { db in
            for d in documents { try d.update(db) }
            for m in messages { try m.update(db) }
        }
        let after = try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, read_status, statement, quitus FROM document")
        }
        for row in after {
            let old = try #require(written[row["id"]])
            #expect(row["kind"] as String == old.kind && row["read_status"] as String == old.read)
            #expect(row["statement"] as String? == old.statement && row["quitus"] as String? == old.quitus)
        }
        let statusesAfter = try store.db.read { try String.fetchAll($0, sql: "SELECT status FROM message ORDER BY id") }
        #expect(statusesAfter == statuses)
    }

    @Test func jsonThisVersionCannotDecodeIsKeptAndAnUnknownStatusIsAnError() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let odd = #"{"balances":"written by another version"}"#
        try store.db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO message (key, raw_sha256, raw_size, received_at, source, exercise, status, created_at)
                    VALUES ('k', 's', 1, '2021-09-01T08:00:00Z', 'test', '2020-2021', 'processed', '2021-09-01T08:00:00Z');
                    INSERT INTO document (message, position, filename, sha256, size, media_type, kind, statement, read_status)
                    VALUES (1, 1, 'f.pdf', 'd', 1, 'application/pdf', 'bank_statement', ?, 'text');
                    """, arguments: [odd])
        }
        var d = try #require(try store.db.read { try DocumentRecord.fetchOne($0, key: 1) })
        #expect(d.statement == nil)
        d.cooperative = "075-0123"
        try store.db.write { try d.update($0) }
        #expect(try store.db.read { try String.fetchOne($0, sql: "SELECT statement FROM document") } == odd)
        // Setting the value replaces the text.
        d.statement = BankStatement(holder: "X")
        try store.db.write { try d.update($0) }
        #expect(
            try store.db.read { try String.fetchOne($0, sql: "SELECT statement FROM document") }
                == JSON.encode(BankStatement(holder: "X")))

        try store.db.write { try $0.execute(sql: "UPDATE message SET status = 'archived'") }
        #expect(throws: StoreError.self) { try store.db.read { try MessageRecord.fetchAll($0) } }
    }

    @Test func aThrowingWriteLeavesNothingAndSQLiteEnvironmentFailuresAreTheStoresOwn() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { tx in
                var r = DecisionRecord(
                    cooperative: "075-0123", exercise: "2020-2021", action: .note, actor: "t", createdAt: "now")
                try tx.insert(&r)
                throw Stop()
            }
        }
        #expect(try store.read { try $0.decisions(cooperative: "075-0123", exercise: "2020-2021") }.isEmpty)
        #expect(StoreError.isEnvironmental(DatabaseError(resultCode: .SQLITE_FULL)))
        #expect(StoreError.isEnvironmental(DatabaseError(resultCode: .SQLITE_BUSY)))
        #expect(!StoreError.isEnvironmental(DatabaseError(resultCode: .SQLITE_CONSTRAINT)))
        #expect(!StoreError.isEnvironmental(Stop()))
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func dossierAndDecisionJSONColumnsKeepTheTextEarlierVersionsWrote(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let checks = (0..<Int(g.next() % 4) + 1).map { i in
            Check(
                rule: Rule.allCases[Int(g.next() % UInt64(Rule.allCases.count))], verdict: .fail,
                expected: Money(cents: Int64(g.next() % 100_000)), found: nil,
                detail: "solde au 31/08/2021 « \(i) » : écart \\ \"x\"")
        }
        let digests = (0..<Int(g.next() % 3)).map { _ in String(g.next(), radix: 16) }.sorted()
        let details = ["from": "075-0\(g.next() % 1000)", "to": "075-0123"]
        // Rows as earlier versions wrote them: JSON text from `JSON.encode`.
        try store.db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dossier (cooperative, exercise, status, automatic_status, checks, failed_checks, failed_count,
                                         unchecked_checks, documents, document_count, submission_count, updated_at)
                    VALUES ('075-0123', '2020-2021', 'to_review', 'to_review', ?, ?, ?, ?, ?, 1, 1, 'now');
                    INSERT INTO decision (cooperative, exercise, action, actor, documents, details, created_at)
                    VALUES ('075-0123', '2020-2021', 'reassign', 't', ?, ?, 'now');
                    """,
                arguments: [
                    JSON.encode(checks), JSON.encode(checks), checks.count, JSON.encode([Check]()),
                    JSON.encode(digests),
                    JSON.encode(digests), JSON.encode(details),
                ])
        }
        let dossier = try #require(try store.db.read { try DossierRecord.fetchOne($0) })
        #expect(dossier.checks == checks && dossier.failedChecks == checks && dossier.uncheckedChecks.isEmpty)
        #expect(dossier.documents == digests)
        let decision = try #require(
            try store.read { try $0.decisions(cooperative: "075-0123", exercise: "2020-2021") }.first)
        #expect(decision.documents == digests && decision.details == details)
        // Written back through the records: the same text.
        let before = try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT checks, failed_checks, unchecked_checks, documents FROM dossier")
                + Row.fetchAll(db, sql: "SELECT documents, details FROM decision")
        }
        try store.db.write { db in
            try db.execute(sql: "DELETE FROM dossier; DELETE FROM decision")
            try dossier.insert(db)
            var d = decision
            try d.insert(db)
        }
        let after = try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT checks, failed_checks, unchecked_checks, documents FROM dossier")
                + Row.fetchAll(db, sql: "SELECT documents, details FROM decision")
        }
        #expect(after == before)
    }

    func outbox(_ i: Int, kind: OutcomeKind, state: OutboxState) -> OutboxRecord {
        OutboxRecord(
            dedupeKey: "k\(i)", kind: kind, cooperative: "075-0123", exercise: "2020-2021", message: nil,
            envelopeFrom: "a@t", recipients: "[]", subject: "s", rawSha256: "0", messageId: "<\(i)@t>", state: state,
            nextAttemptAt: "2021-10-01T00:00:00Z", createdAt: "2021-10-01T00:00:00Z")
    }

    func dossier(_ cooperative: String, status: DossierStatus, automatic: DossierStatus) -> DossierRecord {
        DossierRecord(
            cooperative: cooperative, exercise: "2020-2021", status: status, automaticStatus: automatic, checks: [],
            failedChecks: [], failedCount: 0, documents: [], documentCount: 0, submissionCount: 1,
            lastSubmissionAt: nil, matchConfidence: nil, updatedAt: "now")
    }

    /// Every case of every stored enum is written as its raw value and read back as itself.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func everyStoredEnumCaseRoundTripsAsItsRawValue(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        // Each case at least once, paired at random with the other enum's cases.
        let kinds =
            OutcomeKind.allCases
            + OutboxState.allCases.map { _ in OutcomeKind.allCases[Int(g.next() % UInt64(OutcomeKind.allCases.count))] }
        let states =
            OutcomeKind.allCases.map { _ in OutboxState.allCases[Int(g.next() % UInt64(OutboxState.allCases.count))] }
            + OutboxState.allCases
        let statuses = DossierStatus.allCases.shuffled(using: &g)
        let actions = DecisionAction.allCases.shuffled(using: &g)
        try store.db.write { db in
            for (i, (kind, state)) in zip(kinds, states).enumerated() {
                var r = outbox(i, kind: kind, state: state)
                try r.insert(db)
            }
            for (i, status) in statuses.enumerated() {
                try dossier("075-0\(100 + i)", status: status, automatic: statuses[(i + 1) % statuses.count]).insert(db)
            }
            for action in actions {
                var r = DecisionRecord(
                    cooperative: "075-0123", exercise: "2020-2021", action: action, actor: "t", createdAt: "now")
                try r.insert(db)
            }
        }
        let (outboxRows, dossierRows, decisionRows) = try store.db.read { db in
            (
                try OutboxRecord.order(Column("id")).fetchAll(db),
                try DossierRecord.order(Column("cooperative")).fetchAll(db),
                try DecisionRecord.order(Column("id")).fetchAll(db)
            )
        }
        #expect(outboxRows.map(\.kind) == kinds && outboxRows.map(\.state) == states)
        #expect(dossierRows.map(\.status) == statuses)
        #expect(dossierRows.map(\.automaticStatus) == statuses.indices.map { statuses[($0 + 1) % statuses.count] })
        #expect(decisionRows.map(\.action) == actions)
        let text = try store.db.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT kind, state FROM outbox ORDER BY id").map {
                    [$0["kind"] as String, $0["state"] as String]
                },
                try String.fetchAll(db, sql: "SELECT status FROM dossier ORDER BY cooperative"),
                try String.fetchAll(db, sql: "SELECT action FROM decision ORDER BY id")
            )
        }
        #expect(text.0 == zip(kinds, states).map { [$0.rawValue, $1.rawValue] })
        #expect(text.1 == statuses.map(\.rawValue) && text.2 == actions.map(\.rawValue))
    }

    /// A value this version does not know (written by another version, or by hand) is an error naming the column and
    /// the value: the row is neither read as something else nor written back changed.
    @Test(arguments: [
        ("outbox", "kind"), ("outbox", "state"), ("dossier", "status"), ("dossier", "automatic_status"),
        ("decision", "action"),
    ])
    func anUnknownStoredValueIsAnErrorAndTheRowIsLeftAsItWas(table: String, column: String) throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        try store.db.write { db in
            var o = outbox(1, kind: .acknowledgment, state: .queued)
            try o.insert(db)
            try dossier("075-0123", status: .toReview, automatic: .toReview).insert(db)
            var d = DecisionRecord(
                cooperative: "075-0123", exercise: "2020-2021", action: .note, actor: "t", createdAt: "now")
            try d.insert(db)
            try db.execute(sql: "UPDATE \(table) SET \(column) = 'archived_by_v99'")
        }
        let read: (Database) throws -> Void = { db in
            switch table {
            case "outbox": _ = try OutboxRecord.fetchAll(db)
            case "dossier": _ = try DossierRecord.fetchAll(db)
            default: _ = try DecisionRecord.fetchAll(db)
            }
        }
        #expect {
            try store.db.read(read)
        } throws: { e in
            guard case StoreError.unknownValue(let c, let v) = e else { return false }
            return c == column && v == "archived_by_v99"
        }
        // The named requests the commands use fail the same way.
        if table == "outbox" {
            #expect(throws: StoreError.self) { try store.answers(cooperative: "075-0123", exercise: "2020-2021") }
        } else if table == "decision" {
            #expect(throws: StoreError.self) {
                try store.read { try $0.decisions(cooperative: "075-0123", exercise: "2020-2021") }
            }
        } else if table == "dossier" {
            // The review queue says so too, rather than leaving the dossier out of the list.
            for limit in [nil, 10] as [Int?] {
                #expect(throws: StoreError.self) {
                    try store.read {
                        try $0.queueLines(
                            exercise: "2020-2021", filter: DossierQueueFilter(includeDecided: true), order: .age,
                            limit: limit)
                    }
                }
            }
        }
        #expect(
            try store.db.read { try String.fetchOne($0, sql: "SELECT \(column) FROM \(table)") } == "archived_by_v99")
    }

    /// The typed views of the JSON text columns write the text `JSON.encode` writes, and leave a text they cannot
    /// decode as it was.
    @Test(arguments: [41, 42, 43] as [UInt64])
    func jsonColumnsReadAndWriteThroughTypedPropertiesKeepingTheText(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let alphabet = Array("aé/\\\"\n\t\u{1}\u{7F}\u{2028}€ «»<>&'0") + ["\r\n", "👍🏽"]
        func phrase() -> String {
            String((0..<Int(g.next() % 12)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
        }
        let phrases = (0..<Int(g.next() % 5)).map { _ in phrase() }
        let fields = (0..<Int(g.next() % 5)).map { _ in [phrase(), phrase()] }
        let pages = (0..<Int(g.next() % 4) + 1).map { _ in Int(g.next() % 50) + 1 }
        #expect(JSON.encode(strings: phrases) == JSON.encode(phrases))
        #expect(JSON.encode(stringLists: fields) == JSON.encode(fields))

        var m = MessageRecord(
            key: "k", messageId: nil, rawSha256: "s", rawSize: 1, fromAddress: nil, fromName: nil, returnPath: nil,
            subject: nil, sentAt: nil, receivedAt: "2021-09-01T08:00:00Z", inReplyTo: nil, references: nil,
            headers: "[]", bodyText: "", source: "test", exercise: "2020-2021", status: .received,
            quarantineReason: nil, createdAt: "2021-09-01T08:00:00Z")
        m.headerFields = fields
        m.evidence = phrases
        m.notes = phrases.reversed()
        m.messageNature = MessageNature.allCases[Int(g.next() % UInt64(MessageNature.allCases.count))]
        #expect(m.headers == JSON.encode(fields) && m.matchEvidence == JSON.encode(phrases))
        #expect(m.salvageNotes == JSON.encode(Array(phrases.reversed())))
        #expect(m.headerFields == fields && m.evidence == phrases && m.notes == phrases.reversed())
        #expect(m.nature == m.messageNature?.rawValue)

        var d = DocumentRecord(message: 1, position: 1, filename: "f", sha256: "d", size: 1, mediaType: "x")
        d.pageNumbers = pages
        d.evidence = phrases
        #expect(d.pages == JSON.encode(pages) && d.matchEvidence == JSON.encode(phrases))
        #expect(d.pageNumbers == pages && d.evidence == phrases)
        d.pageNumbers = nil
        #expect(d.pages == nil)

        // Text another version wrote, that this one cannot decode: no value, and the text stays until set.
        let odd = #"{"written":"elsewhere"}"#
        m.matchEvidence = odd
        m.headers = odd
        m.nature = "v99_nature"
        d.pages = odd
        #expect(m.evidence.isEmpty && m.headerFields == nil && m.messageNature == nil && d.pageNumbers == nil)
        #expect(m.matchEvidence == odd && m.headers == odd && m.nature == "v99_nature" && d.pages == odd)
        m.headerFields = nil
        #expect(m.headers == odd)
    }
}

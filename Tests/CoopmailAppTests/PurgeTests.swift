import CoopmailApp
import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite struct PurgeTests {
    struct Scene {
        let t: TempStore
        var oldRaw: [String] = []
        var oldOnly: [String] = []  // attachments only old mails carry
        var shared = ""  // one attachment of an old mail sent again in a kept exercise
        var keptRaw: [String] = []
        var keptAttachments: [String] = []
        var unprocessedRaw = ""
        var answer = ""  // a sent answer of an old exercise
    }

    /// Old exercises (2014-2015, 2015-2016) processed and decided, one old mail not processed yet, a kept exercise
    /// (2016-2017) that carries one of the old attachments again, and a sent answer of an old exercise.
    func scene(seed: UInt64) throws -> Scene {
        var s = Scene(t: try TempStore())
        var mails = GeneratedMails(seed: seed)
        let ingestor = Ingestor(store: s.t.store, config: Config())
        func digests(_ index: Int) throws -> (raw: String, attachment: String) {
            try s.t.store.db.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT m.raw_sha256 AS raw, d.sha256 AS att FROM message m JOIN document d ON d.message = m.id
                        WHERE m.subject = ?
                        """, arguments: ["Compte rendu \(index)"])
                return (row?["raw"] ?? "", row?["att"] ?? "")
            }
        }
        let sharedBytes = mails.attachment()
        let oldCount = Int.random(in: 3...6, using: &mails.generator)
        for i in 0..<oldCount {
            _ = try ingestor.ingest(
                mails.raw(index: i, attachment: i == 0 ? sharedBytes : nil, arrivedAt: autumn(2015 + i % 2)))
            let d = try digests(i)
            s.oldRaw.append(d.raw)
            if i == 0 { s.shared = d.attachment } else { s.oldOnly.append(d.attachment) }
        }
        try s.t.store.db.write { db in
            try db.execute(
                sql: "UPDATE message SET status = 'processed', cooperative = '075-0123' WHERE exercise < '2016-2017'")
        }
        _ = try ingestor.ingest(mails.raw(index: 100, arrivedAt: autumn(2016)))
        s.unprocessedRaw = try digests(100).raw
        for i in 200..<(200 + Int.random(in: 2...4, using: &mails.generator)) {
            _ = try ingestor.ingest(
                mails.raw(index: i, attachment: i == 200 ? sharedBytes : nil, arrivedAt: autumn(2017)))
            let d = try digests(i)
            s.keptRaw.append(d.raw)
            s.keptAttachments.append(d.attachment)
        }
        s.answer = try s.t.store.blobs.put(Data("Subject: Dossier validé \(seed)\r\n\r\nMerci.\r\n".utf8))
        try s.t.store.db.write { db in
            for exercise in ["2014-2015", "2015-2016"] {
                try db.execute(
                    sql: """
                        INSERT INTO dossier(cooperative, exercise, status, automatic_status, checks, documents, updated_at)
                        VALUES ('075-0123', ?, 'approved', 'complete', '[]', '["x"]', '2016-01-01T00:00:00Z')
                        """, arguments: [exercise])
                try db.execute(
                    sql: """
                        INSERT INTO decision(cooperative, exercise, action, actor, reason, created_at)
                        VALUES ('075-0123', ?, 'approve', 'marie', 'conforme', '2016-01-02T00:00:00Z')
                        """, arguments: [exercise])
            }
            try db.execute(
                sql: """
                    INSERT INTO outbox(dedupe_key, kind, cooperative, exercise, envelope_from, recipients, subject, raw_sha256,
                                       message_id, state, next_attempt_at, created_at)
                    VALUES ('decision:1', 'validated', '075-0123', '2014-2015', 'ad75@occe.coop', '[]', 's', ?, '<a@b>', 'sent',
                            '2016-01-01T00:00:00Z', '2016-01-01T00:00:00Z')
                    """, arguments: [s.answer])
            try db.execute(sql: "DELETE FROM dossier_dirty")
        }
        return s
    }

    func snapshot(_ store: Store, _ sql: String) throws -> [Row] {
        try store.db.read { try Row.fetchAll($0, sql: sql) }
    }

    @Test func dryRunCountsAndChangesNothing() throws {
        let seed = testSeed()
        let s = try scene(seed: seed)
        let store = s.t.store
        let tables = ["message", "document", "outbox", "decision", "dossier", "reading"]
        let before = try tables.map { try snapshot(store, "SELECT * FROM \($0) ORDER BY rowid") }
        let report = try StorePurge.purge(store, before: "2016-2017", actor: "marie", dryRun: true)
        #expect(report.messages == s.oldRaw.count, "seed \(seed)")
        #expect(report.documents == s.oldRaw.count)
        #expect(report.answers == 1)
        #expect(report.unprocessed == 1)
        #expect(report.shared == 1)
        #expect(report.blobs == s.oldRaw.count + s.oldOnly.count + 1)
        #expect(report.bytes > 0)
        #expect(report.dossiers == 2)
        #expect(try tables.map { try snapshot(store, "SELECT * FROM \($0) ORDER BY rowid") } == before)
        #expect(try snapshot(store, "SELECT * FROM purge_log").isEmpty)
        for digest in s.oldRaw + s.oldOnly + [s.answer, s.shared] { #expect(store.blobs.contains(digest)) }

        // The real purge does what the dry run counted.
        var real = try StorePurge.purge(store, before: "2016-2017", actor: "marie", dryRun: false)
        real.dryRun = true
        #expect("\(real)" == "\(report)")
    }

    @Test func purgeDeletesOldFilesAndKeepsFiguresDecisionsAndSharedFiles() throws {
        let seed = testSeed()
        let s = try scene(seed: seed)
        let store = s.t.store
        let dossiersBefore = try snapshot(store, "SELECT * FROM dossier ORDER BY exercise")
        let decisionsBefore = try snapshot(store, "SELECT * FROM decision ORDER BY id")
        let keptBefore = try snapshot(
            store, "SELECT * FROM message WHERE exercise >= '2016-2017' OR status = 'received' ORDER BY id")
        let documentsBefore = try snapshot(
            store,
            "SELECT id, message, filename, sha256, size, kind, statement, quitus, cooperative FROM document ORDER BY id"
        )

        let report = try StorePurge.purge(store, before: "2016-2017", actor: "marie", dryRun: false)
        #expect(report.messages == s.oldRaw.count, "seed \(seed)")

        for digest in s.oldRaw + s.oldOnly + [s.answer] { #expect(!store.blobs.contains(digest), "seed \(seed)") }
        for digest in s.keptRaw + s.keptAttachments + [s.shared, s.unprocessedRaw] {
            #expect(store.blobs.contains(digest), "seed \(seed)")
        }
        // Rows stay, marked purged; kept exercises and the unprocessed mail are untouched.
        let purged = try store.db.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message WHERE purged_at IS NOT NULL")
        }
        #expect(purged == s.oldRaw.count)
        #expect(
            try snapshot(
                store, "SELECT * FROM message WHERE exercise >= '2016-2017' OR status = 'received' ORDER BY id")
                == keptBefore)
        #expect(
            try snapshot(
                store,
                "SELECT id, message, filename, sha256, size, kind, statement, quitus, cooperative FROM document ORDER BY id"
            ) == documentsBefore)
        #expect(try snapshot(store, "SELECT * FROM dossier ORDER BY exercise") == dossiersBefore)
        // Decisions stay; each purged dossier's history says what happened and who did it.
        let decisions = try snapshot(store, "SELECT * FROM decision ORDER BY id")
        #expect(Array(decisions.prefix(decisionsBefore.count)) == decisionsBefore)
        let notes = decisions.dropFirst(decisionsBefore.count)
        #expect(notes.count == 2)
        #expect(notes.allSatisfy { ($0["action"] as String?) == "note" && ($0["actor"] as String?) == "marie" })
        #expect(notes.allSatisfy { (($0["reason"] as String?) ?? "").contains("Purge de conservation") })
        let log = try snapshot(store, "SELECT * FROM purge_log")
        #expect(log.count == 1 && (log.first?["blobs_removed"] as Int?) == report.blobs)
        // The folder is whole: no referenced file missing, no orphan left.
        let check = try StoreVerifier.verify(store, repair: false)
        #expect(check.isHealthy && check.orphans.isEmpty, "seed \(seed)")
        // Purging again finds nothing more.
        let again = try StorePurge.purge(store, before: "2016-2017", actor: "marie", dryRun: false)
        #expect(again.messages == 0 && again.blobs == 0 && again.dossiers == 0)
    }
}

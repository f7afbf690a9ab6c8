import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// When a dossier became complete (#16): kept on the dossier row by the dossier stage, and backfilled by the migration
/// v21-completion for the dossiers stored before it; both checked against a plain computation of generated seasons
/// (documents moved to another cooperative, quarantined mails, several quitus and statements), one seed each.
@Suite struct CompletionTests {
    @Test(arguments: [UInt64(21), 22, 23, 24, 25])
    func completionIsTheLaterOfTheFirstQuitusAndStatementStoredAndBackfilled(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let folder = try TemporaryFolder(prefix: "coopmail-completion")
        let data = try DataFolder(path: folder.dataPath)
        let queue = try DatabaseQueue(path: data.databasePath)
        try Migrations.migrator.migrate(queue, upTo: "v20-scale")

        let e = exercise.description
        let coops = (1...Int.random(in: 3...14, using: &rng)).map { String(format: "075-%04d", $0) }
        var firstQuitus: [String: String] = [:]
        var firstStatement: [String: String] = [:]
        var withDossier: Set<String> = []
        var serial = 0
        try queue.write { db in
            for coop in coops {
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    serial += 1
                    let received = String(
                        format: "2021-%02d-%02dT%02d:00:00Z", Int.random(in: 9...12, using: &rng),
                        Int.random(in: 1...28, using: &rng), Int.random(in: 0...23, using: &rng))
                    let quarantined = Int.random(in: 0..<8, using: &rng) == 0
                    var m = MessageRecord(
                        key: "<c\(serial)@t>", messageId: "<c\(serial)@t>",
                        rawSha256: String(repeating: "0", count: 64),
                        rawSize: 1, fromAddress: "m@ecole.test", fromName: nil, returnPath: nil, subject: "s",
                        sentAt: nil, receivedAt: received, inReplyTo: nil, references: nil, headers: "[]",
                        bodyText: "", source: "test", exercise: e,
                        status: quarantined ? MessageStatus.quarantined : MessageStatus.processed,
                        quarantineReason: quarantined ? "test" : nil, cooperative: quarantined ? nil : coop,
                        createdAt: received, nature: "documents")
                    try m.insert(db)
                    if !quarantined { withDossier.insert(coop) }
                    for position in 1...Int.random(in: 1...2, using: &rng) {
                        let kind = [DocumentKind.quitus, .bankStatement, .other][Int.random(in: 0..<3, using: &rng)]
                        // Now and then a document set on another cooperative (a reassignment, a forward).
                        let owner: String? =
                            Int.random(in: 0..<5, using: &rng) == 0 ? coops.randomElement(using: &rng) : nil
                        let d = DocumentRecord(
                            message: m.id!, position: position, filename: "\(kind.rawValue).pdf",
                            sha256: "\(serial)-\(position)", size: 1, mediaType: "application/pdf",
                            kind: kind, cooperative: owner, readStatus: .read)
                        var row = d
                        try row.insert(db)
                        let effective = owner ?? coop
                        guard !quarantined else { continue }
                        withDossier.insert(effective)
                        if kind == .quitus {
                            firstQuitus[effective] = min(firstQuitus[effective] ?? received, received)
                        }
                        if kind == .bankStatement {
                            firstStatement[effective] = min(firstStatement[effective] ?? received, received)
                        }
                    }
                }
            }
            // The snapshots an older version left (without the completion), nothing marked as changed.
            for coop in withDossier {
                try db.execute(
                    sql: """
                        INSERT INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at)
                        VALUES (?, ?, 'incomplete', 'incomplete', '[]', '2021-12-31T00:00:00Z')
                        """, arguments: [coop, e])
            }
            try db.execute(sql: "DELETE FROM dossier_dirty")
        }
        var expected: [String: String] = [:]
        for coop in withDossier {
            if let q = firstQuitus[coop], let s = firstStatement[coop] { expected[coop] = max(q, s) }
        }
        func stored(_ reader: some DatabaseReader) throws -> [String: String] {
            try reader.read { db in
                var out: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT cooperative, completed_at FROM dossier") {
                    if let at = row["completed_at"] as String? { out[row["cooperative"]] = at }
                }
                return out
            }
        }

        try Migrations.migrator.migrate(queue)
        #expect(try stored(queue) == expected, "backfill (seed \(seed))")
        try queue.close()

        let store = try Store(folder: data)
        try store.db.write { db in try db.execute(sql: "UPDATE dossier SET completed_at = NULL") }
        try DossierService(store: store).refreshAll(exercise: exercise)
        #expect(try stored(store.db) == expected, "dossier stage (seed \(seed))")
    }
}

import CoopmailDomain
import Foundation
import GRDB

/// What a purge removed (or, dry run, would remove).
public struct PurgeReport: Sendable {
    public var before: String
    public var dryRun: Bool
    public var messages = 0
    public var documents = 0
    public var answers = 0
    /// Files deleted from `blobs/` (or that would be).
    public var blobs = 0
    public var bytes: Int64 = 0
    /// Files of the purged rows kept because a kept exercise still refers to them.
    public var shared = 0
    /// Messages of those exercises not processed yet: left untouched.
    public var unprocessed = 0
    /// Dossiers whose history records the purge.
    public var dossiers = 0
}

/// Retention: deletes the raw mails, attachments and rendered answers of the exercises before a given one, keeping
/// their rows (senders, dates, subjects, figures read, matches), the dossiers, their checks and the decisions.
///
/// The rows are marked `purged_at` and the purge is logged (`purge_log`, and a note in each dossier's history) in
/// one transaction; the files are deleted after it commits. A crash in between leaves only orphans, which
/// `verify --reparer` removes. A file that a kept row also refers to (the same attachment sent again later) stays.
public enum StorePurge {
    /// States of an answer that nothing will ever send again; others (queued, uncertain…) are kept.
    static let finalAnswerStates = ["sent", "failed", "refused"]

    public static func purge(
        _ store: Store, before exercise: String, actor: String, dryRun: Bool,
        now: Date = Date()
    ) throws -> PurgeReport {
        var report = PurgeReport(before: exercise, dryRun: dryRun)
        var doomed: [String] = []
        let stamp = Timestamp.iso(now)
        try store.db.writeWithoutTransaction { db in
            try db.inTransaction {
                report.unprocessed =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(*) FROM message WHERE exercise < ? AND purged_at IS NULL AND status = 'received'
                            """, arguments: [exercise]) ?? 0
                try db.execute(
                    sql: """
                        CREATE TEMP TABLE purge_message AS SELECT id FROM message
                        WHERE exercise < ? AND purged_at IS NULL AND status <> 'received'
                        """, arguments: [exercise])
                defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.purge_message") }
                let states = finalAnswerStates.map { "'\($0)'" }.joined(separator: ",")
                let answerFilter = """
                    purged_at IS NULL AND state IN (\(states))
                    AND (exercise < ? OR message IN (SELECT id FROM temp.purge_message))
                    """
                let candidates = Set(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT raw_sha256 FROM message WHERE id IN (SELECT id FROM temp.purge_message)
                            UNION SELECT sha256 FROM document WHERE message IN (SELECT id FROM temp.purge_message) AND purged_at IS NULL
                            UNION SELECT raw_sha256 FROM outbox WHERE \(answerFilter)
                            """, arguments: [exercise]))
                // The dossiers touched, for their history.
                let dossiers = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT x.cooperative, x.exercise, d.documents FROM (
                            SELECT m.cooperative AS cooperative, m.exercise AS exercise FROM message m
                            WHERE m.id IN (SELECT id FROM temp.purge_message) AND m.cooperative IS NOT NULL
                            UNION SELECT doc.cooperative, m.exercise FROM document doc JOIN message m ON m.id = doc.message
                            WHERE m.id IN (SELECT id FROM temp.purge_message) AND doc.cooperative IS NOT NULL
                        ) x JOIN dossier d ON d.cooperative = x.cooperative AND d.exercise = x.exercise
                        ORDER BY x.exercise, x.cooperative
                        """)

                try db.execute(
                    sql: """
                        UPDATE document SET purged_at = ? WHERE message IN (SELECT id FROM temp.purge_message) AND purged_at IS NULL
                        """, arguments: [stamp])
                report.documents = db.changesCount
                try db.execute(
                    sql: """
                        UPDATE message SET purged_at = ?, body_text = '' WHERE id IN (SELECT id FROM temp.purge_message)
                        """, arguments: [stamp])
                report.messages = db.changesCount
                try db.execute(
                    sql: "UPDATE outbox SET purged_at = ? WHERE \(answerFilter)", arguments: [stamp, exercise])
                report.answers = db.changesCount

                let kept = try BlobReferences.digests(db)
                let gone = candidates.filter { SHA256.isDigest($0) && !kept.contains($0) }.sorted()
                report.shared = candidates.count - gone.count
                for digest in gone where store.blobs.contains(digest) {
                    doomed.append(digest)
                    var st = stat()
                    if stat(store.blobs.url(for: digest).path, &st) == 0 { report.bytes += Int64(st.st_size) }
                }
                report.blobs = doomed.count
                // The reading cache holds the text of those attachments: it goes with them.
                for digest in gone { try db.execute(sql: "DELETE FROM reading WHERE sha256 = ?", arguments: [digest]) }

                try db.execute(
                    sql: """
                        INSERT INTO purge_log(before_exercise, actor, messages, documents, answers, blobs_removed, bytes_removed, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        exercise, actor, report.messages, report.documents, report.answers, report.blobs,
                        report.bytes, stamp,
                    ])
                let logID = db.lastInsertedRowID
                let reason = """
                    Purge de conservation (exercices antérieurs à \(exercise)) : courriels bruts et pièces jointes \
                    supprimés ; chiffres lus, vérifications et décisions conservés.
                    """
                for row in dossiers {
                    var note = DecisionRecord(
                        cooperative: row["cooperative"], exercise: row["exercise"], action: .note,
                        actor: actor, reason: reason,
                        documents: JSON.decode([String].self, row["documents"] as String?) ?? [],
                        details: ["purge": String(logID)], createdAt: stamp)
                    try note.insert(db)
                }
                report.dossiers = dossiers.count
                return dryRun ? .rollback : .commit
            }
        }
        guard !dryRun else { return report }
        var failed = 0
        for digest in doomed where unlink(store.blobs.url(for: digest).path) != 0 && errno != ENOENT { failed += 1 }
        if failed > 0 {
            throw StoreError.purgeIncomplete(failed: failed, folder: store.folder.blobsURL.path)
        }
        return report
    }
}

import CoopmailStore
import Foundation
import GRDB
import Testing

/// Mails set aside « en échec »: listed by `review` with their error, in the export with their status, put back in
/// the queue by `reessayer`.
@Suite(.serialized) struct SetAsideCommandTests {
    @Test func reviewListsASetAsideMailAndReessayerPutsItBack() throws {
        let cli = try season()
        let store = try cli.store()
        let id = try store.submission(
            coop: "075-0200", receivedAt: Date(), subject: "CRF \u{202E}Sans Envoi", statementCents: nil)
        try store.db.write { db in
            try db.execute(
                sql: """
                    UPDATE message SET status = 'set_aside', processing_attempts = 2,
                           processing_error = 'erreur pendant la lecture : pièce illisible' WHERE id = ?
                    """, arguments: [id])
        }
        let review = try cli.run(["review", "--exercise", "2020-2021"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Courriels en échec"))
        #expect(review.stdout.contains("n° \(id)") && review.stdout.contains("pièce illisible"))
        #expect(!review.stdout.contains("\u{202E}"))
        #expect(review.stdout.contains("coopmail reessayer"))

        let export = try cli.run(["export", "--format", "json", "--exercise", "2020-2021"])
        #expect(export.stdout.contains("\"set_aside\""), "\(export.stderr)")

        let retry = try cli.run(["reessayer", "\(id)"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout.contains("remis dans la file"))
        let row = try store.db.read {
            try Row.fetchOne($0, sql: "SELECT status, processing_attempts FROM message WHERE id = ?", arguments: [id])!
        }
        #expect(row["status"] as String == "received" && row["processing_attempts"] as Int == 0)
        #expect(try !cli.run(["review", "--exercise", "2020-2021"]).stdout.contains("Courriels en échec"))

        let again = try cli.run(["reessayer", "\(id)"])
        #expect(again.status != 0 && again.stderr.contains("pas « en échec »"))
        let unknown = try cli.run(["reessayer", "<nulle-part@test>"])
        #expect(unknown.status != 0 && unknown.stderr.contains("introuvable"))
        #expect(try cli.run(["reessayer", "--help"]).stdout.contains("Remet dans la file"))
    }
}

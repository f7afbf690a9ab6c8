import CoopmailDomain
import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite(.serialized) struct AnswersTests {
    /// A permanent SMTP refusal is shown to staff in `show` (with the server's reason) and flagged under `review`.
    @Test func failedAnswersAreShownToStaff() throws {
        let cli = try season()
        let store = try cli.store()
        try store.db.write { db in
            var row = Self.answer(1, kind: .toCorrect, subject: "Dossier à corriger", state: .failed)
            row.lastError = "550 5.1.1 <marie@ecole.test>: Recipient address rejected: User unknown"
            try row.insert(db)
        }
        let show = try cli.run(["show", "075-0123", "--exercise", "2020-2021"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Réponses au mandataire"))
        #expect(show.stdout.contains("dossier à corriger → marie@ecole.test : ÉCHEC DÉFINITIF"))
        #expect(show.stdout.contains("User unknown"))
        let review = try cli.run(["review", "--exercise", "2020-2021"])
        #expect(review.stdout.contains("1 réponse non envoyée"), "\(review.stdout)")
        #expect(review.stdout.contains("coopmail show 075-0123"))
        let other = try cli.run(["show", "075-0124", "--exercise", "2020-2021"])
        #expect(other.stdout.contains("Réponses au mandataire :\naucune") || other.stdout.contains("  aucune"))
    }

    /// A state written by another version is reported in French by the commands that list answers; the row is left
    /// as it was.
    @Test func anUnknownStateIsReportedInFrenchAndLeftAsItWas() throws {
        let cli = try season()
        let store = try cli.store()
        try store.db.write { db in
            var row = Self.answer(2, kind: .validated, subject: "Dossier validé", state: .queued)
            try row.insert(db)
            try db.execute(sql: "UPDATE outbox SET state = 'held_by_v99'")
        }
        for command in [
            ["show", "075-0123", "--exercise", "2020-2021"], ["show", "075-0123", "--exercise", "2020-2021", "--json"],
        ] {
            let r = try cli.run(command)
            #expect(r.status != 0, "\(command)")
            #expect(
                r.stderr.contains("valeur inconnue « held_by_v99 » dans la colonne state de la base de données"),
                "\(command): \(r.stderr)")
        }
        #expect(try store.db.read { try String.fetchOne($0, sql: "SELECT state FROM outbox") } == "held_by_v99")
    }

    /// A decision answer to 075-0123's mandataire for 2020-2021, as the outbox stores it.
    static func answer(_ n: Int, kind: OutcomeKind, subject: String, state: OutboxState) -> OutboxRecord {
        OutboxRecord(
            dedupeKey: "decision:\(n)", kind: kind, cooperative: "075-0123", exercise: "2020-2021",
            message: nil, envelopeFrom: "ad75@occe.test", recipients: "[\"marie@ecole.test\"]",
            subject: subject, rawSha256: String(repeating: "0", count: 64),
            messageId: "<outcome-\(n)@occe.test>", state: state, nextAttemptAt: "2021-10-04T00:00:00Z",
            createdAt: "2021-10-04T09:00:00Z")
    }
}

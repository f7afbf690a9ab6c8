import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// Staff see a failing address where they look (`show`, `review`) and `remind --dry-run` says why a cooperative
/// cannot be reminded.
@Suite(.serialized) struct FailingAddressCommandTests {
    @Test func aBouncedAddressIsShownAndNotReminded() throws {
        let cli = try CLI()
        let registry = try cli.file(
            "registre.csv",
            """
            numero;ecole;commune;mandataire;email;iban
            075-0501;École Paul;Paris;M. Paul Durand;paul@ecole.test;

            """)
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        let queued = try cli.run(["remind", "--exercice", "2020-2021"])
        #expect(queued.status == 0, "\(queued.stderr)")
        let row = try cli.store().db.read { try OutboxRecord.fetchOne($0) }
        guard let row, let id = row.id else {
            Issue.record("no reminder queued: \(queued.stdout)")
            return
        }
        #expect(try cli.run(["courriers", String(id), "--annuler"]).status == 0)
        _ = try cli.file(
            "bounce.eml",
            BounceGenerator.mail(
                shape: .exim, failed: ["paul@ecole.test"], diagnostic: 0,
                ourMessageID: row.messageId, seed: 11))
        let ingest = try cli.run(["ingest", cli.root.appendingPathComponent("bounce.eml").path])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let show = try cli.run(["show", "075-0501", "--exercice", "2020-2021"])
        #expect(
            show.stdout.contains("adresse en échec : paul@ecole.test (User unknown"), "\(show.stdout)\(show.stderr)")
        let review = try cli.run(["review", "--exercice", "2020-2021"])
        #expect(review.stdout.contains("Adresses en échec (1)"), "\(review.stdout)")
        #expect(
            review.stdout.contains("paul@ecole.test (User unknown") && review.stdout.contains("coopérative 075-0501"))
        let dry = try cli.run(["remind", "--dry-run", "--exercice", "2020-2021"])
        #expect(dry.stdout.contains("aucun envoi possible"), "\(dry.stdout)")
        #expect(dry.stdout.contains("à contacter autrement"))
        let json = try cli.run(["remind", "--dry-run", "--json", "--exercice", "2020-2021"])
        let list = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(list?.first?["email"] as? String == "")
        #expect(
            (list?.first?["failing_addresses"] as? [String])?.first?.hasPrefix("paul@ecole.test") == true,
            "\(json.stdout)")
    }
}

import Foundation
import Testing

/// Staff see questions and automatic mails apart from the dossiers: `review`, `status`, `show`.
@Suite(.serialized) struct NatureCommandTests {
    @Test func questionsAndAutomaticMailsAreListedApart() throws {
        let cli = try CLI()
        let registry = try cli.file(
            "registre.csv",
            """
            numero;ecole;commune;mandataire;email;iban
            075-0123;École Keller;Paris 11e;Marie;marie@ecole.test;

            """)
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        try FileManager.default.createDirectory(
            at: cli.root.appendingPathComponent("mails"), withIntermediateDirectories: true)
        _ = try cli.file(
            "mails/q.eml",
            "From: Marie <marie@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Date limite\r\n"
                + "Message-ID: <q@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nQuelle est la date limite ?\r\n"
        )
        _ = try cli.file(
            "mails/ooo.eml",
            "From: Marie <marie@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Out of Office: Relance coop 075-0123\r\n"
                + "Auto-Submitted: auto-replied\r\nMessage-ID: <o@ecole.test>\r\nDate: Mon, 04 Oct 2021 10:15:00 +0200\r\n\r\nAbsente.\r\n"
        )
        let ingest = try cli.run(["ingest", cli.root.appendingPathComponent("mails").path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let review = try cli.run(["review", "--exercise", "2020-2021"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("1 question en attente"), "\(review.stdout)")
        #expect(review.stdout.contains("Quelle est la date limite ?"))
        #expect(review.stdout.contains("Courriels automatiques (1)"))
        #expect(review.stdout.contains("Out of Office: Relance coop 075-0123"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.run(["review", "--json", "--exercise", "2020-2021"]).stdout.utf8))
                as? [String: Any])
        let automatic = (json["automatic_mails"] as? [[String: Any]]) ?? []
        #expect(automatic.map { $0["subject"] as? String } == ["Out of Office: Relance coop 075-0123"], "\(json)")
        #expect(json["questions_waiting"] as? Int == 1)
        let status = try cli.run(["status", "--exercise", "2020-2021"])
        #expect(status.stdout.contains("Questions en attente (messages sans document) : 1."), "\(status.stdout)")
        // The automatic mails are counted once, with the other mails outside any dossier.
        #expect(status.stdout.components(separatedBy: "automatiques : 1.").count == 2, "\(status.stdout)")
        let show = try cli.run(["show", "075-0123", "--exercise", "2020-2021"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Messages sans document (questions ; 1 en attente de réponse)"), "\(show.stdout)")
        #expect(show.stdout.contains("« Date limite »\n      Quelle est la date limite ?"), "\(show.stdout)")
    }
}

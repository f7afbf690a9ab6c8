import Foundation
import Testing

/// Every mail received is visible: `status` and `review` count and list the mails attached to no cooperative (with
/// why), quarantined (with the reason) and automatic; `show COOP` lists every mail from its registered addresses; a
/// cooperative whose registered sender wrote is never « sans envoi ».
@Suite(.serialized) struct MailVisibilityTests {
    func mailbox(_ cli: CLI) throws -> String {
        let registry = try cli.file(
            "registre.csv",
            """
            numero;ecole;commune;mandataire;email;iban
            075-0301;École Anne;Paris;Anne Roux;anne@ecole.test;
            075-0302;École Bruno;Paris;Bruno Petit;bruno@ecole.test;
            075-0304;École Denis;Paris;Denis Blanc;denis@ecole.test;

            """)
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        let dir = cli.root.appendingPathComponent("mails")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Anne's mail is too deeply nested: quarantined whole.
        var deep = try String(
            contentsOf: repoRoot.appendingPathComponent("Fixtures/mail/10-deep-nesting.eml"), encoding: .utf8)
        deep = deep.replacingOccurrences(of: "From: a@ecole.test", with: "From: Anne Roux <anne@ecole.test>")
        _ = try cli.file("mails/deep.eml", deep)
        // Bruno answers a reminder, without documents.
        _ = try cli.file(
            "mails/reply.eml",
            "From: Bruno Petit <bruno@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Re: Relance\r\n"
                + "Message-ID: <r@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nJe l'envoie demain.\r\n")
        // A colleague forwards a mail naming no cooperative, from an address nobody registered.
        _ = try cli.file(
            "mails/fwd.eml",
            "From: Secrétariat <secretariat@mairie.test>\r\nTo: ad75@occe.coop\r\nSubject: TR: documents de l'école\r\n"
                + "Message-ID: <f@mairie.test>\r\nDate: Mon, 04 Oct 2021 10:15:00 +0200\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoici les papiers.\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"scan.pdf\"\r\nContent-Disposition: attachment; filename=\"scan.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8).base64EncodedString()
                + "\r\n--b--\r\n")
        _ = try cli.file(
            "mails/ooo.eml",
            "From: Denis Blanc <denis@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Réponse automatique : absent\r\n"
                + "Auto-Submitted: auto-replied\r\nMessage-ID: <o@ecole.test>\r\nDate: Mon, 04 Oct 2021 11:15:00 +0200\r\n\r\nAbsent.\r\n"
        )
        let ingest = try cli.run(["ingest", dir.path])
        #expect(ingest.status == 0 || ingest.status == 1, "\(ingest.stderr)")
        return dir.path
    }

    @Test func everyMailIsSomewhereAndWritersAreNotSilent() throws {
        let cli = try CLI()
        _ = try mailbox(cli)
        let status = try cli.run(["status", "--exercise", "2020-2021", "--sans-envoi"])
        #expect(status.status == 0, "\(status.stderr)")
        // Anne and Bruno wrote; Denis's address sent only an out-of-office: he is still « sans envoi ».
        #expect(!status.stdout.contains("Sans envoi : 075-0301"), "\(status.stdout)")
        #expect(
            !status.stdout.contains("075-0302,") && !status.stdout.contains("Sans envoi : 075-0302"), "\(status.stdout)"
        )
        #expect(status.stdout.contains("dont 1 sans aucun envoi"), "\(status.stdout)")
        #expect(status.stdout.contains("Sans envoi : 075-0304\n"), "\(status.stdout)")
        #expect(status.stdout.contains("rien de rattaché"), "\(status.stdout)")
        #expect(status.stdout.contains("rattachés à aucune coopérative : 1 ; en quarantaine : 1 ;"), "\(status.stdout)")
        #expect(status.stdout.contains("automatiques : 1."), "\(status.stdout)")
        #expect(status.stdout.contains("TR: documents de l'école"))
        let json = try cli.run(["status", "--exercise", "2020-2021", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["without_submission_list"] as? [String] == ["075-0304"], "\(json.stdout)")
        #expect((object?["wrote_nothing_attached_list"] as? [String])?.contains("075-0301") == true)
        #expect((object?["quarantined_mails"] as? [[String: Any]])?.count == 1)

        let review = try cli.run(["review", "--exercise", "2020-2021"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Courriels rattachés à aucune coopérative (1)"), "\(review.stdout)")
        #expect(review.stdout.contains("secretariat@mairie.test absent du registre"), "\(review.stdout)")
        #expect(review.stdout.contains("courriel transféré"))
        #expect(review.stdout.contains("Courriels en quarantaine (1)"))
        #expect(review.stdout.contains("de Anne Roux") || review.stdout.contains("de anne@ecole.test"))
        #expect(review.stdout.contains("Courriels automatiques (1)"))

        let show = try cli.run(["show", "075-0301", "--exercise", "2020-2021"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("a écrit, rien de rattaché"), "\(show.stdout)")
        #expect(show.stdout.contains("en quarantaine"), "\(show.stdout)")
        let denis = try cli.run(["show", "075-0304", "--exercise", "2020-2021"])
        #expect(denis.stdout.contains("courriel automatique"), "\(denis.stdout)")
        #expect(denis.stdout.contains("seulement des courriels automatiques (sans envoi)"), "\(denis.stdout)")
    }

    @Test func aCooperativeThatSentNothingIsStillSansEnvoi() throws {
        let cli = try CLI()
        let registry = try cli.file(
            "registre.csv",
            "numero;ecole;commune;mandataire;email;iban\n075-0309;École Zéro;Paris;Zoé;zoe@ecole.test;\n")
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        _ = try mailbox(cli)
        let status = try cli.run(["status", "--exercise", "2020-2021", "--sans-envoi"])
        #expect(status.stdout.contains("Sans envoi : 075-0304, 075-0309\n"), "\(status.stdout)")
        let show = try cli.run(["show", "075-0309", "--exercise", "2020-2021"])
        #expect(show.status != 0)
    }
}

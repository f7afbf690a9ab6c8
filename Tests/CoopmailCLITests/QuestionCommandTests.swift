import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// Questions of mandataires (#15): `review --questions`, `answered`, and their replies threaded to our mails in `show`.
@Suite(.serialized) struct QuestionCommandTests {
    static let registry = """
        numero;ecole;commune;mandataire;email;iban
        075-0101;École Alpha;Paris;Anne;anne@ecole.test;
        075-0102;École Bravo;Paris;Bruno;bruno@ecole.test;
        075-0103;École Charlie;Paris;Chloé;chloe@ecole.test;

        """
    static let senders = [
        "075-0101": "anne@ecole.test", "075-0102": "bruno@ecole.test", "075-0103": "chloe@ecole.test",
    ]

    static func json(_ run: Run) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            "\(run.stdout) \(run.stderr)")
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func questionsAreListedThenLeaveTheListOnceAnswered(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let cli = try CLI()
        #expect(try cli.run(["coops", "import", try cli.file("registre.csv", Self.registry)]).status == 0)
        try FileManager.default.createDirectory(
            at: cli.root.appendingPathComponent("mails"), withIntermediateDirectories: true)
        let count = Int.random(in: 2...5, using: &rng)
        var expected: [String: (coop: String, question: String)] = [:]  // subject → what must be shown
        for i in 0..<count {
            let coop = Self.senders.keys.sorted()[Int.random(in: 0..<3, using: &rng)]
            let subject = "Question \(seed)-\(i)"
            let question = "Faut-il envoyer le relevé n° \(Int.random(in: 100...999, using: &rng)) ?"
            expected[subject] = (coop, question)
            var body = ["Bonjour,", "", question]
            if Bool.random(using: &rng) { body.append("Merci\u{1B}[2J d'avance \u{202E}fdp.exe") }
            if Bool.random(using: &rng) {
                body += ["", "Le 12/10/2021 à 10:00, OCCE AD75 a écrit :", "> ancienne ligne citée"]
            } else {
                body += ["> ancienne ligne citée"]
            }
            body += ["-- ", "Signature secrète", "06 00 00 00 00"]
            let day = 4 + i
            _ = try cli.file(
                "mails/q\(i).eml",
                "From: <\(Self.senders[coop]!)>\r\nTo: ad75@occe.coop\r\nSubject: \(subject)\r\n"
                    + "Message-ID: <q\(seed)-\(i)@ecole.test>\r\nDate: \(String(format: "%02d", day)) Oct 2021 09:15:00 +0200\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.joined(separator: "\r\n") + "\r\n")
        }
        let ingest = try cli.run(["ingest", cli.root.appendingPathComponent("mails").path])
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let listed = try Self.json(try cli.run(["review", "--questions", "--json", "--exercice", "2020-2021"]))
        #expect(listed["total"] as? Int == count)
        let questions = try #require(listed["questions"] as? [[String: Any]])
        #expect(questions.count == count)
        var ids: [String: Int] = [:]
        for q in questions {
            let subject = try #require(q["subject"] as? String)
            let want = try #require(expected[subject], "\(subject)")
            ids[subject] = q["message"] as? Int
            #expect(q["cooperative"] as? String == want.coop)
            let excerpt = try #require(q["excerpt"] as? [String])
            #expect(excerpt.count <= 3 && excerpt.contains(want.question), "\(excerpt)")
            let joined = excerpt.joined(separator: "\n")
            #expect(
                !joined.contains("ancienne ligne") && !joined.contains("Signature secrète")
                    && !joined.contains("a écrit"), "\(excerpt)")
            #expect(!joined.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(excerpt)")
        }
        let text = try cli.run(["review", "--questions", "--exercice", "2020-2021"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\(count) questions en attente de réponse"), "\(text.stdout)")
        for (subject, want) in expected {
            #expect(text.stdout.contains("« \(subject) »") && text.stdout.contains(want.question))
        }
        #expect(!text.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })

        // Staff answer one (chosen by the seed): it leaves the list, the count and goes in the dossier's history.
        let subjects = expected.keys.sorted()
        let chosen = subjects[Int.random(in: 0..<subjects.count, using: &rng)]
        let id = try #require(ids[chosen])
        let answered = try cli.run(["answered", "message:\(id)", "--par", "Claire"])
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(answered.stdout.contains("marquée répondue par Claire"), "\(answered.stdout)")
        let after = try Self.json(try cli.run(["review", "--questions", "--json", "--exercice", "2020-2021"]))
        #expect(after["total"] as? Int == count - 1)
        #expect(!((after["questions"] as? [[String: Any]]) ?? []).contains { $0["message"] as? Int == id })
        let queue = try Self.json(try cli.run(["review", "--json", "--exercice", "2020-2021"]))
        #expect(queue["questions_waiting"] as? Int == count - 1)
        let history = try cli.run(["history", expected[chosen]!.coop, "--exercice", "2020-2021"])
        #expect(
            history.stdout.contains("question répondue par Claire") && history.stdout.contains(chosen),
            "\(history.stdout)")
        let show = try cli.run(["show", expected[chosen]!.coop, "--exercice", "2020-2021"])
        #expect(show.stdout.contains("répondue par Claire"), "\(show.stdout)")

        // Twice, unknown, not a number: a French error and a non-zero exit.
        let again = try cli.run(["answered", String(id)])
        #expect(again.status != 0 && again.stderr.contains("déjà marquée répondue (par Claire"), "\(again.stderr)")
        let unknown = try cli.run(["answered", "987654"])
        #expect(unknown.status != 0 && unknown.stderr.contains("message n° 987654 introuvable"), "\(unknown.stderr)")
        let junk = try cli.run(["answered", "douze"])
        #expect(junk.status != 0 && junk.stderr.contains("n'est pas un numéro de message"), "\(junk.stderr)")
        // COOPMAIL_STAFF names who answered when --par is absent.
        if let other = subjects.first(where: { $0 != chosen }), let otherID = ids[other] {
            let byEnv = try cli.run(["answered", String(otherID)], env: ["COOPMAIL_STAFF": "Paul"])
            #expect(byEnv.status == 0 && byEnv.stdout.contains("par Paul"), "\(byEnv.stdout) \(byEnv.stderr)")
        }
    }

    /// A reply is threaded to our mail only when its In-Reply-To or References name exactly the Message-ID of a mail we
    /// sent that very cooperative.
    @Test func aReplyIsThreadedOnlyToTheExactMessageIDWeSentThatCooperative() throws {
        let cli = try CLI()
        #expect(try cli.run(["coops", "import", try cli.file("registre.csv", Self.registry)]).status == 0)
        let queued = try cli.run(["remind", "--exercice", "2020-2021"])
        #expect(queued.status == 0, "\(queued.stderr)")
        let sent = try cli.store().db.read { try OutboxRecord.order(Column("id")).fetchAll($0) }
        let ours = try #require(sent.first { $0.cooperative == "075-0101" })
        let theirs = try #require(sent.first { $0.cooperative == "075-0102" })
        let id = ours.messageId
        #expect(id.hasPrefix("<") && id.hasSuffix(">"))
        let inner = String(id.dropFirst().dropLast())
        try FileManager.default.createDirectory(
            at: cli.root.appendingPathComponent("mails"), withIntermediateDirectories: true)
        let cases: [(name: String, headers: String, threaded: Bool)] = [
            ("direct", "In-Reply-To: \(id)\r\n", true),
            ("references", "References: <ailleurs@ecole.test> \(id)\r\n", true),
            ("longer", "In-Reply-To: <x\(inner)>\r\n", false),
            ("shorter", "In-Reply-To: <\(inner.dropLast())>\r\n", false),
            ("unbracketed", "In-Reply-To: \(inner)\r\n", false),
            ("other-coop", "In-Reply-To: \(theirs.messageId)\r\n", false),
        ]
        for (i, c) in cases.enumerated() {
            _ = try cli.file(
                "mails/\(c.name).eml",
                "From: <anne@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Re: relance \(c.name)\r\n"
                    + "Message-ID: <r-\(c.name)@ecole.test>\r\n\(c.headers)Date: 1\(i) Oct 2021 09:15:00 +0200\r\n\r\nJe l'envoie demain (\(c.name)).\r\n"
            )
        }
        #expect(try cli.run(["ingest", cli.root.appendingPathComponent("mails").path]).status == 0)
        let show = try Self.json(try cli.run(["show", "075-0101", "--json", "--exercice", "2020-2021"]))
        let answers = try #require(show["answers"] as? [[String: Any]])
        #expect(answers.count == 1)
        let replies = (answers.first?["replies"] as? [[String: Any]]) ?? []
        #expect(
            Set(replies.compactMap { $0["subject"] as? String })
                == Set(cases.filter(\.threaded).map { "Re: relance \($0.name)" }),
            "\(replies)")
        #expect(replies.allSatisfy { ($0["phrase"] as? String)?.hasPrefix("réponse à la relance du ") == true })
        let text = try cli.run(["show", "075-0101", "--exercice", "2020-2021"])
        #expect(text.stdout.contains("↳") && text.stdout.contains("réponse à la relance du"), "\(text.stdout)")
        let questions = try cli.run(["review", "--questions", "--exercice", "2020-2021"])
        #expect(
            questions.stdout.components(separatedBy: "— réponse à la relance du").count - 1 == 2, "\(questions.stdout)")
    }
}

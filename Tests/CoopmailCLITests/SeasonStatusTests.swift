import Foundation
import Testing

/// `status`: the season chart (sparklines on a terminal, a weekly table otherwise), `--csv`, `--json`, deadlines.
@Suite(.serialized) struct SeasonStatusTests {
    @Test func statusDrawsTheSeasonWeekByWeekWithTheConfiguredDeadlines() throws {
        let cli = try CLI()
        #expect(
            try cli.run(["coops", "import", try cli.file("registre.csv", QuestionCommandTests.registry)]).status == 0)
        let config = try cli.file(
            "coopmail.toml", "[season]\nsubmission_deadline = \"2021-10-31\"\nreminder_dates = [\"2021-10-15\"]\n")
        try FileManager.default.createDirectory(
            at: cli.root.appendingPathComponent("mails"), withIntermediateDirectories: true)
        let dates = ["04 Oct 2021 09:15:00 +0200", "05 Oct 2021 11:00:00 +0200", "20 Oct 2021 09:15:00 +0200"]
        for (i, date) in dates.enumerated() {
            _ = try cli.file(
                "mails/\(i).eml",
                "From: <anne@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Question \(i)\r\n"
                    + "Message-ID: <s\(i)@ecole.test>\r\nDate: \(date)\r\n\r\nUne question.\r\n")
        }
        #expect(try cli.run(["ingest", cli.root.appendingPathComponent("mails").path]).status == 0)
        let args = ["status", "--exercice", "2020-2021", "--config", config]

        let csv = try cli.run(args + ["--csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(
            csv.stdout.hasPrefix(
                "\u{FEFF}Semaine du;Au;Courriels reçus;Dossiers complets;Validés;Rejetés;Relances envoyées\r\n"))
        #expect(csv.stdout.contains("\r\n29/09/2021;05/10/2021;2;0;0;0;0\r\n"), "\(csv.stdout.prefix(600))")
        #expect(csv.stdout.contains("\r\n20/10/2021;26/10/2021;1;0;0;0;0\r\n"))

        let plain = try cli.run(args)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("Saison du 01/09/2021 au 31/08/2022"), "\(plain.stdout)")
        #expect(
            plain.stdout.contains("Échéances : 15/10/2021 relance prévue ; 31/10/2021 date limite d'envoi des comptes"))
        let row = plain.stdout.split(separator: "\n").first { $0.contains("29/09/2021") }.map(String.init) ?? ""
        #expect(row.split(separator: " ").map(String.init) == ["29/09/2021", "2", "0", "0", "0", "0"], "\(row)")
        #expect(!plain.stdout.contains("█"), "no bars when stdout is not a terminal")

        let terminal = try cli.runInTerminal(args, input: "")
        #expect(
            terminal.stdout.contains("Courriels reçus") && terminal.stdout.contains("total 3"), "\(terminal.stdout)")
        #expect(terminal.stdout.contains("█") && terminal.stdout.contains("▲ échéance"), "\(terminal.stdout)")

        let json = try cli.run(args + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let season = try #require(object["season"] as? [String: Any])
        let weeks = try #require(season["weeks"] as? [[String: Any]])
        #expect(weeks.compactMap { $0["received"] as? Int }.reduce(0, +) == 3)
        #expect(object["questions_waiting"] as? Int == 3)
        #expect(try cli.run(args + ["--csv", "--json"]).status == 64)
    }

    /// Every command that prints a list also speaks JSON.
    @Test func listsHaveJSON() throws {
        let cli = try CLI()
        #expect(
            try cli.run(["coops", "import", try cli.file("registre.csv", QuestionCommandTests.registry)]).status == 0)
        #expect(try cli.run(["remind", "--exercice", "2020-2021"]).status == 0)
        let mails = try cli.run(["courriers", "--json"])
        #expect(mails.status == 0, "\(mails.stderr)")
        let list = try #require(
            try JSONSerialization.jsonObject(with: Data(mails.stdout.utf8)) as? [[String: Any]], "\(mails.stdout)")
        #expect(list.count == 3)
        #expect(Set(list.compactMap { $0["cooperative"] as? String }) == ["075-0101", "075-0102", "075-0103"])
        #expect(
            list.allSatisfy {
                $0["kind"] as? String == "reminder_nothing_received" && $0["state"] as? String == "queued"
            })
        let first = try #require(list.first?["id"] as? Int)
        let one = try cli.run(["courriers", String(first), "--json"])
        let preview = try #require(
            try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any], "\(one.stdout)")
        #expect(
            (preview["text"] as? String)?.contains("Subject:") == true
                || (preview["text"] as? String)?.contains("Objet") == true,
            "\(one.stdout)")
        let verify = try cli.run(["verify", "--json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any], "\(verify.stdout)")
        #expect(report["healthy"] as? Bool == true && (report["missing"] as? [Any])?.isEmpty == true)
    }
}

import CoopmailStore
import Foundation
import Testing

/// Mail-borne text printed to a staff member's terminal (F9), and private copies opened from it (F10).
@Suite(.serialized) struct TerminalSafetyTests {
    /// A mail whose subject, sender name and attachment name carry terminal escapes and a bidirectional override.
    func hostileMail(in cli: CLI, attachment: String, name: String) throws -> String {
        let esc = "\u{1B}"
        let mail = """
            From: "Marie\(esc)[2J\(esc)]0;pwned\u{07}" <marie@ecole.test>
            To: ad75@occe.test
            Subject: CRF 075-0123 \(esc)[31mROUGE\(esc)[0m \u{202E}fdp.exe
            Date: Mon, 13 Sep 2021 10:00:00 +0200
            Message-ID: <hostile-\(UUID().uuidString)@ecole.test>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Bonjour,\u{202E} voici le relevé.
            --b
            Content-Type: application/octet-stream; name="\(name)"
            Content-Disposition: attachment; filename="\(name)"
            Content-Transfer-Encoding: base64

            \(Data(attachment.utf8).base64EncodedString())
            --b--

            """
        return try cli.file("hostile-\(UUID().uuidString).eml", mail.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    /// Every escape character left in `text` starts one of the CLI's own colour sequences.
    func onlyOwnEscapes(_ text: String) -> Bool {
        let allowed = ["0", "1", "31", "32", "33", "34", "35", "36", "90"].map { "\u{1B}[\($0)m" }
        var rest = Substring(text)
        while let i = rest.firstIndex(of: "\u{1B}") {
            guard allowed.contains(where: { rest[i...].hasPrefix($0) }) else { return false }
            rest = rest[rest.index(after: i)...]
        }
        return true
    }

    @Test func mailBorneControlsAndBidiOverridesNeverReachTheTerminal() throws {
        let cli = try CLI()
        let registry = try cli.file(
            "registre.csv",
            """
            numero;ecole;commune;mandataire;email;iban
            075-0123;École Keller;Paris 11e;Marie Martin;marie@ecole.test;

            """)
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        let path = try hostileMail(in: cli, attachment: "%PDF-1.4\n%%EOF\n", name: "releve\u{202E}fdp.exe")
        let ingest = try cli.run(["ingest", path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        var outputs: [Run] = []
        for args in [
            ["review", "--exercise", "2020-2021"], ["show", "075-0123", "--exercise", "2020-2021"],
            ["status", "--exercise", "2020-2021"], ["export", "--format", "csv", "--exercise", "2020-2021"],
            ["review", "--json", "--exercise", "2020-2021"],
        ] {
            outputs.append(try cli.run(args))
            outputs.append(try cli.runInTerminal(args, input: "", colours: true))
        }
        let shown = outputs.map { $0.stdout + $0.stderr }
        // The mail's text did reach the output (the test is about how, not whether).
        #expect(shown.contains { $0.contains("ROUGE") }, "\(shown)")
        for text in shown {
            #expect(
                onlyOwnEscapes(text), "an escape sequence from the mail reached the terminal: \(text.debugDescription)")
            #expect(!text.contains("\u{202E}") && !text.contains("\u{07}"), "\(text.debugDescription)")
        }
        #expect(shown.contains { $0.contains("\\u202e") }, "the override is shown as a visible escape")
        // The CSV export keeps its CR LF line ends (a spreadsheet needs them), and only them.
        let csv = try cli.run(["export", "--format", "csv", "--exercise", "2020-2021"]).stdout
        #expect(csv.hasSuffix("\r\n") && !csv.contains("\\u000d"), "\(csv.debugDescription)")
        #expect(csv.split(separator: "\r\n").count >= 2 && !csv.contains("\u{202E}") && onlyOwnEscapes(csv))
    }

    @Test func openChoosesTheExtensionFromTheBytesAndSweepsOldCopies() throws {
        let cli = try CLI()
        let tmp = cli.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        // A copy left two days ago by an earlier `open`, and one from an hour ago.
        let old = tmp.appendingPathComponent("coopmail-AbC123")
        let recent = tmp.appendingPathComponent("coopmail-XyZ789")
        for dir in [old, recent] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: dir.appendingPathComponent("piece-1.pdf"))
        }
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -2 * 86_400)], ofItemAtPath: old.path)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: recent.path)

        let pdf = try hostileMail(
            in: cli, attachment: "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", name: "lanceur.desktop")
        let script = try hostileMail(in: cli, attachment: "#!/bin/sh\nrm -rf ~\n", name: "releve.pdf")
        #expect(try cli.run(["ingest", pdf, script]).status == 0)
        let docs = try cli.store().db.read { db in try DocumentRecord.order(sql: "id").fetchAll(db) }
            .filter { !$0.mediaType.hasPrefix("text/") || $0.filename.hasSuffix(".pdf") }
        let env = ["TMPDIR": tmp.path, "DISPLAY": "", "WAYLAND_DISPLAY": ""]
        var paths: [String: String] = [:]
        for d in docs {
            let r = try cli.run(["open", String(d.id ?? 0)], env: env)
            #expect(r.status == 0, "\(r.stderr)")
            paths[d.filename] = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(paths["lanceur.desktop"]?.hasSuffix(".pdf") == true, "\(paths)")
        // A shell script named .pdf is not opened as a PDF, nor as a script: its bytes say text, so .txt at most.
        #expect(paths["releve.pdf"].map { $0.hasSuffix(".txt") || $0.hasSuffix(".bin") } == true, "\(paths)")
        #expect(!FileManager.default.fileExists(atPath: old.path), "a copy older than a day is removed")
        #expect(FileManager.default.fileExists(atPath: recent.path), "a recent copy is kept")
    }
}

/// F11: a weakened TLS setting is said on every run of the cron commands, not once.
@Suite struct SecurityWarningTests {
    @Test func notifyWarnsOnEveryRunWhenCertificatesAreNotChecked() throws {
        let cli = try CLI()
        let config = try cli.file(
            "c.toml",
            """
            [smtp]
            url = "smtp://127.0.0.1:9/"
            username = "ad75"
            password_env = "COOPMAIL_TEST_SMTP_PASSWORD"
            verify_certificate = false
            from = "OCCE <ad75@occe.test>"
            """)
        for _ in 0..<2 {
            let r = try cli.run(["notify", "--config", config], env: ["COOPMAIL_TEST_SMTP_PASSWORD": "x"])
            #expect(r.stderr.contains("verify_certificate = false"), "\(r.stderr)")
            #expect(r.stdout.isEmpty, "nothing to send: nothing on stdout")
        }
        let safe = try cli.file(
            "safe.toml",
            """
            [smtp]
            url = "smtp://127.0.0.1:9/"
            username = "ad75"
            password_env = "COOPMAIL_TEST_SMTP_PASSWORD"
            from = "OCCE <ad75@occe.test>"
            """)
        let r = try cli.run(["notify", "--config", safe], env: ["COOPMAIL_TEST_SMTP_PASSWORD": "x"])
        #expect(!r.stderr.contains("Attention"), "\(r.stderr)")
    }
}

import CoopmailStore
import Foundation
import GRDB
import Testing

/// `make install BUILD=debug DESTDIR=…` (the binaries `swift build` made, no release build), then the installed
/// program alone: it must find its OCR worker in `libexec/coopmail/` and its templates in `share/coopmail/templates/`
/// without any environment variable.
@Suite(.serialized) struct InstallTests {
    final class Install {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "coopmail-install-\(UUID().uuidString)")
        var prefix: URL { destdir.appendingPathComponent("usr") }
        init() throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "make", "-s", "-C", repoRoot.path, "install", "BUILD=debug", "DESTDIR=\(destdir.path)", "PREFIX=/usr",
            ]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw CLIError("make install a échoué (\(p.terminationStatus))") }
        }
        deinit { try? FileManager.default.removeItem(at: destdir) }
    }

    /// A mail from the mandataire of 075-0123 carrying `image` (a JPEG of Fixtures/documents).
    func mail(_ image: String, from: String, id: String) throws -> String {
        let bytes = try Data(contentsOf: repoRoot.appendingPathComponent("Fixtures/documents/" + image))
        let body = bytes.base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return """
            From: \(from)\r
            To: ad75@occe.coop\r
            Subject: Quitus\r
            Date: Tue, 5 Oct 2021 10:00:00 +0200\r
            Message-ID: <\(id)@ac-paris.fr>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Bonjour, voici le quitus.\r
            --b\r
            Content-Type: image/jpeg; name="\(image)"\r
            Content-Disposition: attachment; filename="\(image)"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(body)\r
            --b--\r

            """
    }

    /// The environment of an installed program: none of the variables that would point it at the build tree.
    static let clean = ["COOPMAIL_OCR_WORKER", "COOPMAIL_TEMPLATES", "COOPMAIL_CONFIG", "COOPMAIL_DATA_DIR"]

    @Test func installedProgramReadsScansWithItsWorkerAndAnswersFromItsTemplates() throws {
        let install = try Install()
        _ = install.destdir
        let fm = FileManager.default
        let bin = install.prefix.appendingPathComponent("bin/coopmail")
        let worker = install.prefix.appendingPathComponent("libexec/coopmail/coopmail-ocr")
        let templates = install.prefix.appendingPathComponent("share/coopmail/templates")
        #expect(fm.isExecutableFile(atPath: bin.path) && fm.isExecutableFile(atPath: worker.path))
        #expect(fm.fileExists(atPath: install.prefix.appendingPathComponent("share/doc/coopmail/coopmail.toml").path))
        for path in [
            "share/bash-completion/completions/coopmail", "share/zsh/site-functions/_coopmail",
            "share/fish/vendor_completions.d/coopmail.fish",
        ] {
            let text = (try? String(contentsOf: install.prefix.appendingPathComponent(path), encoding: .utf8)) ?? ""
            #expect(text.contains("coopmail") && text.contains("purge"), "\(path)")
        }
        // A marker only the installed template has: the answer must come from there.
        let marker = "marqueur-\(UUID().uuidString.prefix(8))"
        let validated = templates.appendingPathComponent("validated.mustache")
        try (try String(contentsOf: validated, encoding: .utf8) + "\n" + marker + "\n").write(
            to: validated, atomically: true, encoding: .utf8)

        let cli = try CLI()
        cli.executable = bin
        // Run through `env -u`: the variables are removed, not emptied (an empty COOPMAIL_OCR_WORKER means no worker).
        cli.executable = URL(fileURLWithPath: "/usr/bin/env")
        let run = { (args: [String]) throws -> Run in
            try cli.run(Self.clean.flatMap { ["-u", $0] } + [bin.path] + args)
        }
        #expect(
            try run(["coops", "import", repoRoot.appendingPathComponent("Fixtures/documents/registry.csv").path]).status
                == 0)
        let first = try cli.file(
            "quitus.eml", mail("scan-quitus-0123-rot90.jpg", from: "claire.martin@ac-paris.fr", id: "q1"))
        let ingest = try run(["ingest", first])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(!ingest.stderr.contains("coopmail-ocr"), "\(ingest.stderr)")
        let store = try cli.store()
        let doc = try store.db.read { try Row.fetchOne($0, sql: "SELECT kind, cooperative, read_status FROM document") }
        #expect(doc?["read_status"] == "ocr")
        #expect(doc?["kind"] == "quitus")
        #expect(doc?["cooperative"] == "075-0123")

        let approve = try run([
            "approve", "075-0123", "--exercise", "2020-2021", "--force", "--motif", "vérifié sur pièces",
        ])
        #expect(approve.status == 0, "\(approve.stdout) \(approve.stderr)")
        let raw = try store.db.read {
            try String.fetchOne($0, sql: "SELECT raw_sha256 FROM outbox WHERE kind = 'validated'")
        }
        let answer = try raw.map { String(decoding: try store.blobs.get($0), as: UTF8.self) } ?? ""
        #expect(answer.contains(marker), "\(answer.prefix(600))")

        // Without its worker the program still reads, and says once, in French, that it is slower.
        try fm.removeItem(at: worker)
        let second = try cli.file("photo.eml", mail("photo-quitus-0456.jpg", from: "paul.durand@ac-paris.fr", id: "q2"))
        let slow = try run(["ingest", second])
        #expect(slow.status == 0)
        #expect(slow.stderr.components(separatedBy: "coopmail-ocr introuvable").count == 2, "\(slow.stderr)")
        #expect(slow.stderr.contains("deux fois plus lente"))
    }

    /// `make install-systemd` into a DESTDIR: the units name the installed program, run as coopmail with the
    /// hardening the README promises, the secrets file is private; `systemd-analyze verify` accepts them.
    @Test func systemdUnitsAreInstalledHardenedAndValid() throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "coopmail-systemd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destdir) }
        let bindir = repoRoot.appendingPathComponent(".build/debug").path
        func make(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["make", "-s", "-C", repoRoot.path] + args
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try make(["install-systemd", "DESTDIR=\(destdir.path)", "BINDIR=\(bindir)"]) == 0)
        let units = destdir.appendingPathComponent("etc/systemd/system")
        let service = try String(contentsOf: units.appendingPathComponent("coopmail.service"), encoding: .utf8)
        let timer = try String(contentsOf: units.appendingPathComponent("coopmail.timer"), encoding: .utf8)
        #expect(
            service.contains(
                "ExecStart=\(bindir)/coopmail run --config /etc/coopmail/coopmail.toml --data-dir /var/lib/coopmail"))
        for line in [
            "User=coopmail", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
            "ReadWritePaths=/var/lib/coopmail", "EnvironmentFile=/etc/coopmail/secrets",
        ] {
            #expect(service.split(separator: "\n").contains { $0 == line }, "\(line)")
        }
        #expect(timer.contains("OnCalendar=*:0/10"))
        var st = stat()
        #expect(
            stat(destdir.appendingPathComponent("etc/coopmail/secrets").path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(
            FileManager.default.fileExists(
                atPath: destdir.appendingPathComponent("usr/lib/sysusers.d/coopmail.conf").path))
        // A second install keeps the secrets already written.
        try "COOPMAIL_IMAP_PASSWORD=x\n".write(
            to: destdir.appendingPathComponent("etc/coopmail/secrets"), atomically: false, encoding: .utf8)
        #expect(try make(["install-systemd", "DESTDIR=\(destdir.path)", "BINDIR=\(bindir)"]) == 0)
        #expect(
            try String(contentsOf: destdir.appendingPathComponent("etc/coopmail/secrets"), encoding: .utf8)
                == "COOPMAIL_IMAP_PASSWORD=x\n")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
            p.arguments = [
                "verify", units.appendingPathComponent("coopmail.service").path,
                units.appendingPathComponent("coopmail.timer").path,
            ]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0 && text.isEmpty, "\(text)")
        }
    }
}

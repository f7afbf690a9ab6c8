import CoopmailApp
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func readsTheSampleConfiguration() throws {
        let c = try Config(file: repoRoot.appendingPathComponent("config/coopmail.toml").path)
        #expect(c.exercise?.description == "2020-2021")
        #expect(c.department == 75)
        #expect(c.imap?.processedMailbox == "Traités")
        #expect(c.imap?.verifyCertificate == true)
        #expect(c.smtp?.passwordEnv == "COOPMAIL_SMTP_PASSWORD")
        #expect(c.smtpFrom == "OCCE AD75 <ad75@occe.coop>")
        #expect(c.limits.mime.maxAttachmentBytes == 50 * 1024 * 1024)
    }

    @Test func refusesAPasswordFileOthersCanRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("imap.secret").path
        try "s3cret\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let toml = dir.appendingPathComponent("c.toml").path
        try "[imap]\nurl = \"imaps://h/INBOX\"\npassword_file = \"\(secret)\"\n".write(
            toFile: toml, atomically: true, encoding: .utf8)
        let server = try #require(try Config(file: toml).imap)
        chmod(secret, 0o644)
        #expect(throws: ConfigError.self) { try server.password() }
        chmod(secret, 0o600)
        #expect(try server.password() == "s3cret")
    }

    @Test func namesTheMissingEnvironmentVariable() throws {
        let server = Config.MailServer(
            url: "imaps://h/INBOX", passwordEnv: "COOPMAIL_TEST_UNSET_\(UUID().uuidString.prefix(8))")
        do {
            _ = try server.password()
            Issue.record("no error")
        } catch let e as ConfigError {
            #expect(e.message.contains("COOPMAIL_TEST_UNSET_"))
        }
    }

    @Test func aPasswordVariableIsRemovedFromTheEnvironmentOnceRead() throws {
        let name = "COOPMAIL_TEST_PASSWORD_\(UUID().uuidString.prefix(8))"
        setenv(name, "s3cret-env", 1)
        defer { unsetenv(name) }
        let server = Config.MailServer(url: "imaps://h/INBOX", passwordEnv: name)
        #expect(try server.password() == "s3cret-env")
        #expect(getenv(name) == nil)
        #expect(ProcessInfo.processInfo.environment[name] == nil)
        // Later reads in the same run (notify before and after reading) still have it.
        #expect(try server.password() == "s3cret-env")
        // A child process started now does not see it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(!text.contains(name) && !text.contains("s3cret-env"))
    }

    @Test func refusesAnInvalidExercise() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("c-\(UUID().uuidString).toml").path
        try "[organisation]\nexercise = \"2020-2022\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        #expect(throws: ConfigError.self) { try Config(file: path) }
    }
}

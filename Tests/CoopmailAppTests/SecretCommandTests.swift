import CoopmailApp
import CoopmailTestSupport
import Foundation
import Testing

@Suite struct SecretCommandTests {
    final class Dir {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func config(_ text: String) throws -> Config {
            let path = url.appendingPathComponent("c.toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try Config(file: path)
        }
        /// A script (run as `/bin/sh PATH`: executing a file just written races with other tests' forks, ETXTBSY) printing `output` (then exiting with `status`).
        func script(_ name: String, _ body: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o700)
            return path
        }
    }

    @Test func splitsCommandLinesWithQuotes() throws {
        #expect(try SecretCommand.split("pass show occe/imap") == ["pass", "show", "occe/imap"])
        #expect(
            try SecretCommand.split("  pass   show 'occe/boîte imap' \"a b\"c ") == [
                "pass", "show", "occe/boîte imap", "a bc",
            ])
        #expect(try SecretCommand.split("gpg -d ''") == ["gpg", "-d", ""])
        #expect(try SecretCommand.split(#"echo a\ b"#) == ["echo", "a b"])
        #expect(throws: ConfigError.self) { try SecretCommand.split("pass show 'occe") }
    }

    /// Array and string forms give the same command; the first line of its output is the secret.
    @Test func passwordAndTokenCommandsInBothForms() throws {
        var g = SeededGenerator(seed: UInt64.random(in: 1...UInt64.max))
        let secret = String((0..<24).map { _ in "abcdefghijkmnpqrstuvwxyz23456789-_.".randomElement(using: &g)! })
        let d = try Dir()
        let tool = try d.script("secret tool", "printf '%s\\r\\nsecond line\\n' '\(secret)'")
        let c = try d.config(
            """
            [imap]
            url = "imaps://h/INBOX"
            password_command = ["/bin/sh", "\(tool)"]
            [smtp]
            url = "smtps://h"
            auth = "xoauth2"
            token_command = "/bin/sh '\(tool)' --ignored"
            """)
        #expect(c.imap?.passwordCommand == ["/bin/sh", tool])
        #expect(try c.imap?.password() == secret)
        #expect(try c.imap?.bearerToken() == nil)
        #expect(c.smtp?.tokenCommand == ["/bin/sh", tool, "--ignored"])
        #expect(try c.smtp?.bearerToken() == secret)
        #expect(try c.smtp?.password() == nil)
    }

    @Test func failingCommandsAreClearErrors() throws {
        let d = try Dir()
        let failing = try d.script("failing", "echo 'gpg: déchiffrement impossible' >&2; exit 2")
        let silent = try d.script("silent", "exit 0")
        let blankFirstLine = try d.script("blank", "printf '\\nsecret\\n'")
        for (command, expected) in [
            (["/bin/sh", failing], "code de sortie 2"), (["/bin/sh", silent], "n'a rien écrit"),
            (["/bin/sh", blankFirstLine], "n'a rien écrit"),
            (["coopmail-no-such-command-\(UUID().uuidString.prefix(6))"], "commande introuvable"),
        ] {
            do {
                _ = try SecretCommand.run(command, key: "password_command")
                Issue.record("no error for \(command)")
            } catch let e as ConfigError {
                #expect(e.message.contains(expected), "\(e.message)")
                #expect(e.message.contains("aucune connexion tentée"))
            }
        }
        #expect(throws: ConfigError.self) { _ = try SecretCommand.run(["/bin/sh", failing], key: "k") }
        do { _ = try SecretCommand.run(["/bin/sh", failing], key: "k") } catch let e as ConfigError {
            #expect(e.message.contains("déchiffrement impossible"))
        }
    }

    @Test func aCommandThatHangsIsStopped() throws {
        let d = try Dir()
        let hanging = try d.script("hanging", "exec sleep 600")
        do {
            _ = try SecretCommand.run(["/bin/sh", hanging], key: "token_command", timeout: 0.3)
            Issue.record("no error")
        } catch let e as ConfigError {
            #expect(e.message.contains("n'a pas répondu"))
        }
    }

    @Test func xoauth2NeedsATokenCommandAndAuthIsChecked() throws {
        let d = try Dir()
        #expect(throws: ConfigError.self) { try d.config("[imap]\nurl = \"imaps://h/\"\nauth = \"xoauth2\"\n") }
        #expect(throws: ConfigError.self) { try d.config("[imap]\nurl = \"imaps://h/\"\nauth = \"kerberos\"\n") }
        #expect(throws: ConfigError.self) { try d.config("[imap]\nurl = \"imaps://h/\"\npassword_command = 3\n") }
        #expect(throws: ConfigError.self) { try d.config("[imap]\nurl = \"imaps://h/\"\npassword_command = []\n") }
    }
}

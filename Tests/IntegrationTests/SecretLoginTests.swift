import CoopmailApp
import CoopmailIntake
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

/// Logins whose secret comes from a command: `password_command` against the loopback Dovecot, and
/// `auth = "xoauth2"` with `token_command` against fake IMAP and SMTP servers that record the exact
/// `AUTHENTICATE XOAUTH2` / `AUTH XOAUTH2` line libcurl sends.
@Suite("Secrets donnés par une commande, XOAUTH2")
struct SecretLoginTests {
    /// Lines a fake server received, shared with its thread.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ l: String) {
            lock.lock()
            lines.append(l)
            lock.unlock()
        }
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return lines
        }
    }

    static func script(in dir: URL, _ name: String, _ body: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o700)
        return path
    }

    static func randomToken() -> String {
        var g = SeededGenerator(seed: UInt64.random(in: 1...UInt64.max))
        return "ya29."
            + String(
                (0..<40).map { _ in
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".randomElement(using: &g)!
                })
    }

    /// The SASL XOAUTH2 initial response: `user=U^Aauth=Bearer T^A^A`.
    static func xoauth2(user: String, token: String) -> String {
        Data("user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8).base64EncodedString()
    }

    static func fakeIMAP(_ lines: Lines) throws -> FakeLineServer {
        try FakeLineServer(greeting: ["* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] fake ready"]) { line in
            lines.add(line)
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { return nil }
            switch parts[1].uppercased() {
            case "CAPABILITY": return ["* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2", "\(parts[0]) OK done"]
            case "AUTHENTICATE": return ["\(parts[0]) OK [CAPABILITY IMAP4rev1 MOVE UIDPLUS] logged in"]
            case "LOGOUT": return ["* BYE", "\(parts[0]) OK bye"]
            default: return ["\(parts[0]) NO not in this test"]
            }
        }
    }

    static func writeConfig(_ dir: URL, _ lines: [String]) throws -> Config {
        let path = dir.appendingPathComponent("coopmail.toml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try Config(file: path)
    }

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func imapXOAUTH2SendsTheTokenFromTheCommand() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = Self.randomToken()
        let tool = try Self.script(in: dir, "jeton", "echo '\(token)'")
        let lines = Lines()
        let server = try Self.fakeIMAP(lines)
        let config = try Self.writeConfig(
            dir,
            [
                "[imap]", "url = \"imap://127.0.0.1:\(server.port)/INBOX\"", "username = \"ad75@occe.test\"",
                "tls = \"none\"", "allow_plaintext = true", "auth = \"xoauth2\"",
                "token_command = [\"/bin/sh\", \"\(tool)\"]",
                "password_env = \"COOPMAIL_TEST_NEVER_SET\"",
            ])
        let store = try Store(path: dir.appendingPathComponent("data").path)
        _ = try? Poller(store: store, config: config).poll()
        let auth = lines.all.filter { $0.uppercased().contains("AUTHENTICATE") }
        #expect(auth.count == 1, "\(lines.all)")
        #expect(
            auth.first?.hasSuffix(" AUTHENTICATE XOAUTH2 " + Self.xoauth2(user: "ad75@occe.test", token: token))
                == true,
            "\(auth)")
        #expect(!lines.all.contains { $0.uppercased().contains(" LOGIN ") })
    }

    @Test(arguments: ["exit 1", "exit 0", "printf '\\n'"])
    func aFailingTokenCommandMeansNoConnection(body: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tool = try Self.script(in: dir, "jeton", body)
        let lines = Lines()
        let server = try Self.fakeIMAP(lines)
        let config = try Self.writeConfig(
            dir,
            [
                "[imap]", "url = \"imap://127.0.0.1:\(server.port)/INBOX\"", "username = \"ad75@occe.test\"",
                "tls = \"none\"", "allow_plaintext = true", "auth = \"xoauth2\"", "token_command = \"/bin/sh \(tool)\"",
                "[smtp]", "url = \"smtp://127.0.0.1:\(server.port)\"", "tls = \"none\"", "allow_plaintext = true",
                "password_command = [\"/bin/sh\", \"\(tool)\"]",
            ])
        let store = try Store(path: dir.appendingPathComponent("data").path)
        do {
            _ = try Poller(store: store, config: config).poll()
            Issue.record("no error")
        } catch let e as ConfigError {
            #expect(
                e.message.contains("token_command") && e.message.contains("aucune connexion tentée"), "\(e.message)")
        }
        do {
            _ = try SMTPTransport(config: config)
            Issue.record("no error")
        } catch let e as ConfigError {
            #expect(
                e.message.contains("password_command") && e.message.contains("aucune connexion tentée"), "\(e.message)")
        }
        // Nothing reached the server: no command, no login with an empty secret.
        #expect(lines.all.isEmpty, "\(lines.all)")
    }

    @Test func smtpXOAUTH2SendsTheTokenFromTheCommand() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = Self.randomToken()
        let tool = try Self.script(in: dir, "jeton", "echo '\(token)'")
        let lines = Lines()
        final class State: @unchecked Sendable { var inData = false }
        let state = State()
        let server = try FakeLineServer(greeting: ["220 fake ESMTP"]) { line in
            lines.add(line)
            if state.inData {
                if line == "." {
                    state.inData = false
                    return ["250 2.0.0 queued"]
                }
                return []
            }
            switch line.prefix(4).uppercased() {
            case "EHLO": return ["250-fake", "250-AUTH XOAUTH2", "250 8BITMIME"]
            case "AUTH": return ["235 2.7.0 Authentication successful"]
            case "MAIL", "RCPT": return ["250 2.1.0 Ok"]
            case "DATA":
                state.inData = true
                return ["354 go on"]
            case "QUIT": return ["221 2.0.0 Bye"]
            default: return ["502 5.5.2 unexpected"]
            }
        }
        let config = try Self.writeConfig(
            dir,
            [
                "[smtp]", "url = \"smtp://127.0.0.1:\(server.port)\"", "username = \"ad75@occe.test\"",
                "tls = \"none\"",
                "allow_plaintext = true", "auth = \"xoauth2\"", "token_command = [\"/bin/sh\", \"\(tool)\"]",
            ])
        let transport = try SMTPTransport(config: config)
        try transport.send(
            raw: Data("Subject: essai\r\n\r\nBonjour.\r\n".utf8), from: "ad75@occe.test",
            recipients: ["mandataire@ecole.test"], willCommit: {})
        let auth = lines.all.filter { $0.uppercased().hasPrefix("AUTH") }
        #expect(auth == ["AUTH XOAUTH2 " + Self.xoauth2(user: "ad75@occe.test", token: token)], "\(lines.all)")
    }

    /// `password_command` against the real Dovecot: the password comes from the command and the poll succeeds.
    @Test func passwordCommandLogsInToDovecot() throws {
        let sandbox = try PollSandbox("pwcmd")
        defer { sandbox.cleanUp() }
        _ = try sandbox.deliver(2)
        let tool = try Self.script(in: sandbox.root, "mot de passe", "printf '%s\\n' '\(sandbox.env.password("ad75"))'")
        var lines = [
            "[organisation]", "exercise = \"2020-2021\"", "", "[imap]",
            "url = \"\(sandbox.env.imapsURL + "/" + sandbox.box)\"", "username = \"\(sandbox.env.user("ad75"))\"",
            "password_command = \"/bin/sh '\(tool)'\"", "processed_mailbox = \"\(sandbox.processed)\"",
        ]
        lines.append("ca_file = \"\(sandbox.env.caFile)\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let summary = try sandbox.poller().poll()
        #expect(summary.fetched == 2 && summary.moved == 2, "\(summary.line)")
        #expect(try sandbox.storedCount() == 2)
    }

    /// XOAUTH2 against the loopback Dovecot and Postfix: Dovecot's `oauth2` passdb asks a token introspection
    /// endpoint (python3, started here on `COOPMAIL_TEST_OAUTH_INTROSPECTION_PORT`) whether the bearer token is
    /// active for user `oauth`. A mail is submitted with the token from `token_command`, then polled with it; a
    /// wrong token is refused.
    @Test func xoauth2AgainstDovecotAndPostfix() throws {
        let env = try MailServers.require()
        let port = env.value("COOPMAIL_TEST_OAUTH_INTROSPECTION_PORT")
        try #require(!port.isEmpty, "scripts/mailservers.sh trop ancien : relancez-le")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = Self.randomToken()
        let introspection = Process()
        introspection.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        introspection.arguments = ["python3", "-c", Self.introspectionServer, port, token, env.user("oauth")]
        let out = Pipe()
        introspection.standardOutput = out
        introspection.standardError = FileHandle.nullDevice
        try introspection.run()
        // SIGKILL: the test runner's children inherit an ignored SIGTERM.
        defer {
            kill(introspection.processIdentifier, SIGKILL)
            introspection.waitUntilExit()
        }
        // Started once it says so (it prints "ready" after binding the port).
        let ready = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        try #require(ready.hasPrefix("ready"), "serveur d'introspection : \(ready)")

        let tool = try Self.script(in: dir, "jeton", "echo '\(token)'")
        let box = MailServers.uniqueName("oauth")
        let processed = "Traités-" + box
        let config = try Self.writeConfig(
            dir,
            [
                "[organisation]", "exercise = \"2020-2021\"",
                "[imap]", "url = \"\(env.imapsURL)/\(box)\"", "username = \"\(env.user("oauth"))\"",
                "ca_file = \"\(env.caFile)\"",
                "auth = \"xoauth2\"", "token_command = [\"/bin/sh\", \"\(tool)\"]",
                "processed_mailbox = \"\(processed)\"",
                "[smtp]", "url = \"\(env.submissionURL)\"", "username = \"\(env.user("oauth"))\"",
                "ca_file = \"\(env.caFile)\"",
                "auth = \"xoauth2\"", "token_command = [\"/bin/sh\", \"\(tool)\"]",
            ])
        func bearerClient(_ bearer: String) throws -> IMAPClient {
            var c = IMAPConfiguration(
                url: env.imapsURL, username: env.user("oauth"), password: "", caFile: env.caFile, connectTimeout: 10)
            c.bearerToken = bearer
            return try IMAPClient(configuration: c)
        }
        defer {
            if let client = try? bearerClient(token) { for m in [box, processed] { try? client.deleteMailbox(m) } }
        }

        let transport = try SMTPTransport(config: config)
        try transport.send(
            raw: MailFixtures.crlf(
                MailFixtures.message(
                    from: env.address("oauth"), to: env.address("oauth", detail: box),
                    subject: "XOAUTH2 \(box)")),
            from: env.address("oauth"), recipients: [env.address("oauth", detail: box)], willCommit: {})
        _ = try MailFixtures.waitForMessages(try bearerClient(token), mailbox: box)
        let summary = try Poller(store: Store(path: dir.appendingPathComponent("data").path), config: config).poll()
        #expect(summary.fetched == 1 && summary.moved == 1, "\(summary.line)")

        let wrong = try bearerClient(token + "x")
        #expect(throws: IMAPError.self) { _ = try wrong.status(of: "INBOX") }
    }

    /// RFC 7662 token introspection, the minimum Dovecot's oauth2 passdb needs (introspection_mode = post).
    static let introspectionServer = """
        import http.server, json, sys, urllib.parse
        port, token, user = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                ok = urllib.parse.parse_qs(body).get("token", [""])[0] == token
                data = json.dumps({"active": "true", "username": user} if ok else {"active": "false"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", port), Handler)
        print("ready", flush=True)
        server.serve_forever()
        """
}

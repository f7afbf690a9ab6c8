import CoopmailApp
import CoopmailIntake
import CoopmailStore
import Foundation
import GRDB

/// One poll test's world: its own source mailbox (`ad75+box`), its own processed mailbox (non-ASCII name),
/// its own data folder and configuration file. Mailboxes and folders are removed by `cleanUp()`.
final class PollSandbox {
    let env: MailTestEnvironment
    /// Mailbox the poller reads (mail to `ad75+box@…` lands there).
    let box: String
    /// Where stored mail is moved: `Traités-<id>`, absent until the first poll creates it.
    let processed: String
    let root: URL
    var dataDir: String { root.appendingPathComponent("data").path }
    var configPath: String { root.appendingPathComponent("coopmail.toml").path }

    init(_ prefix: String) throws {
        env = try MailServers.require()
        box = MailServers.uniqueName(prefix)
        processed = "Traités-" + box
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-poll-\(box)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try writeConfig()
    }

    func cleanUp() {
        MailFixtures.cleanUp(env, mailboxes: [box, processed])
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `coopmail.toml` (password in an owner-only file, as in production).
    /// `caFile: nil` leaves ca_file out (the system trust store then applies).
    func writeConfig(
        url: String? = nil, tls: String? = nil, password: String? = nil, caFile: String?? = .none,
        maxMessageBytes: Int? = nil, batchMessages: Int? = nil
    ) throws {
        let secret = root.appendingPathComponent("imap.secret").path
        FileManager.default.createFile(
            atPath: secret, contents: Data((password ?? env.password("ad75")).utf8),
            attributes: [.posixPermissions: 0o600])
        var lines = [
            "[organisation]", "exercise = \"2020-2021\"", "", "[imap]",
            "url = \"\(url ?? env.imapsURL + "/" + box)\"",
            "username = \"\(env.user("ad75"))\"",
            "password_file = \"\(secret)\"",
            "processed_mailbox = \"\(processed)\"",
        ]
        if let tls { lines.append("tls = \"\(tls)\"") }
        let ca: String? = caFile ?? env.caFile
        if let ca { lines.append("ca_file = \"\(ca)\"") }
        if maxMessageBytes != nil || batchMessages != nil { lines += ["", "[limits]"] }
        if let maxMessageBytes { lines.append("max_message_bytes = \(maxMessageBytes)") }
        if let batchMessages { lines.append("imap_batch_messages = \(batchMessages)") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    // MARK: In-process

    func config() throws -> Config { try Config(file: configPath) }
    func openStore() throws -> Store { try Store(path: dataDir) }
    func poller() throws -> Poller { try Poller(store: openStore(), config: config()) }
    func pipeline() throws -> Pipeline { try Pipeline(store: openStore(), config: config()) }

    /// Messages in the store; 0 while the data folder does not exist yet (never creates it: the poll being watched does).
    func storedCount() throws -> Int {
        let path = root.appendingPathComponent("data/coopmail.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        // Read-only and without migrations: the poll being watched may be migrating this very database.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let db = try DatabaseQueue(path: path, configuration: configuration)
        return try db.read { db in
            guard try db.tableExists("message") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0
        }
    }

    /// Number of document rows of each stored message, by message key.
    func documentCounts() throws -> [String: Int] {
        try openStore().db.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT message.key AS key, COUNT(document.id) AS n FROM message LEFT JOIN document ON document.message = message.id
                    GROUP BY message.id
                    """)
            { out[row["key"], default: 0] += row["n"] as Int }
            return out
        }
    }

    /// Message keys (Message-IDs with angle brackets) in the store, with repeats if any.
    func storedKeys() throws -> [String] {
        try openStore().db.read { try String.fetchAll($0, sql: "SELECT key FROM message ORDER BY key") }
    }

    // MARK: Mail

    /// A small message with a known Message-ID; `padding` bytes of text make it larger.
    /// With `attachment`, the text is followed by a small PDF attachment (one document row per message).
    static func message(id: String, subject: String, padding: Int = 0, attachment: Bool = false) -> Data {
        var text =
            "From: Mandataire <mandataire1@ecole.test>\r\nTo: OCCE AD75 <ad75@occe.test>\r\n"
            + "Subject: \(subject)\r\nDate: Fri, 27 Nov 2026 09:00:00 +0100\r\nMessage-ID: \(id)\r\nMIME-Version: 1.0\r\n"
        if attachment { text += "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n--p\r\n" }
        text +=
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Bonjour, voici le compte rendu financier de la coopérative.\r\n"
        let line = String(repeating: "x", count: 75) + "\r\n"
        for _ in 0..<(padding / line.utf8.count) { text += line }
        if attachment {
            let pdf = Data("%PDF-1.4\n% \(id)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8).base64EncodedString()
            text +=
                "--p\r\nContent-Type: application/pdf; name=\"releve.pdf\"\r\nContent-Disposition: attachment; filename=\"releve.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n\(pdf)\r\n--p--\r\n"
        }
        return Data(text.utf8)
    }

    func newID(_ n: Int) -> String { "<\(box)-\(n)@ecole.test>" }

    /// Sends messages through Postfix to `ad75+box` and waits until they are all in the box. Returns their Message-IDs.
    @discardableResult
    func deliver(_ count: Int, first: Int = 1, padding: (Int) -> Int = { _ in 0 }) throws -> [String] {
        let smtp = try MailFixtures.smtpClient(env)
        let imap = try MailFixtures.imapClient(env)
        let before = (try? imap.status(of: box).exists) ?? 0
        var ids: [String] = []
        for n in first..<(first + count) {
            let id = newID(n)
            try smtp.send(
                rawMessage: Self.message(id: id, subject: "CRF \(n)", padding: padding(n)),
                from: env.address("mandataire1"), recipients: [env.address("ad75", detail: box)])
            ids.append(id)
        }
        _ = try MailFixtures.waitForMessages(imap, mailbox: box, count: before + count)
        return ids
    }

    /// Drops messages straight into the box's Maildir `new/` (owned by vmail), like Benchmarks/imap.sh: fast.
    func drop(_ count: Int, attachment: Bool = false) throws -> [String] {
        let ids = (1...count).map(newID)
        try drop(
            ids.enumerated().map {
                (Self.message(id: $1, subject: "CRF \($0 + 1)", padding: 4000, attachment: attachment), nil)
            })
        return ids
    }

    /// Drops these messages into the box's Maildir `new/`; a date given becomes the file's modification time, which
    /// Dovecot reports as the message's INTERNALDATE.
    func drop(_ messages: [(data: Data, receivedAt: Date?)]) throws {
        let imap = try MailFixtures.imapClient(env)
        try imap.createMailbox(box)
        let new = URL(fileURLWithPath: env.mailHome).appendingPathComponent("ad75/Maildir/.\(box)/new")
        try FileManager.default.createDirectory(at: new, withIntermediateDirectories: true)
        let count = messages.count
        for (n, message) in zip(1..., messages) {
            let file = new.appendingPathComponent("1700000000.\(box)-\(n).coopmail").path
            FileManager.default.createFile(atPath: file, contents: message.data)
            if let date = message.receivedAt {
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: file)
            }
        }
        for path in [new.deletingLastPathComponent().path]
            + ((try? FileManager.default.subpathsOfDirectory(
                atPath: new.deletingLastPathComponent().path))?.map { new.deletingLastPathComponent().path + "/" + $0 }
                ?? [])
        {
            try FileManager.default.setAttributes(
                [.ownerAccountName: "vmail", .groupOwnerAccountName: "vmail"], ofItemAtPath: path)
        }
        _ = try MailFixtures.waitForMessages(imap, mailbox: box, count: count)
    }

    /// Message count of a mailbox (0 when it does not exist).
    func count(_ mailbox: String) throws -> Int {
        let imap = try MailFixtures.imapClient(env)
        do { return try imap.status(of: mailbox).exists } catch IMAPError.mailboxNotFound { return 0 }
    }

    func exists(_ mailbox: String) throws -> Bool {
        let imap = try MailFixtures.imapClient(env)
        do {
            _ = try imap.status(of: mailbox)
            return true
        } catch IMAPError.mailboxNotFound { return false }
    }

    /// Message-ID and flags of every message of a mailbox, read by `doveadm fetch` (sets no flag).
    func contents(of mailbox: String) throws -> [(id: String, flags: String)] {
        let out = try CoopmailBinary.run([
            "/usr/bin/doveadm", "-c", env.value("COOPMAIL_TEST_DOVECOT_CONF"), "fetch",
            "-u", env.user("ad75"), "hdr.message-id flags", "mailbox", mailbox,
        ]).stdout
        var found: [(id: String, flags: String)] = []
        for line in out.split(separator: "\n") {
            if line.hasPrefix("hdr.message-id:") {
                found.append((String(line.dropFirst("hdr.message-id:".count)).trimmingCharacters(in: .whitespaces), ""))
            } else if line.hasPrefix("flags:"), !found.isEmpty {
                found[found.count - 1].flags = String(line.dropFirst("flags:".count)).trimmingCharacters(
                    in: .whitespaces)
            }
        }
        return found
    }

    /// `coopmail ARGS --config … --data-dir …` through the built binary.
    func coopmail(_ arguments: [String]) throws -> CoopmailBinary.Result {
        try CoopmailBinary.run([CoopmailBinary.path] + arguments + ["--config", configPath, "--data-dir", dataDir])
    }
}

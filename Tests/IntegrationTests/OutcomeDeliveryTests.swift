import CoopmailApp
import CoopmailDomain
import CoopmailIntake
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// Outcome mails through the real Postfix (submission, STARTTLS, AUTH) into Dovecot, read back over IMAPS.
@Suite("Réponses aux mandataires : envoi réel et pannes", .serialized)
struct OutcomeDeliveryTests {
    static let templates = MailServers.repositoryRoot.appendingPathComponent("Templates").path

    /// A store whose cooperative 075-0123 is registered at `address`, with one processed mail from it.
    struct Scene {
        let root: URL
        let store: Store
        let config: Config
        let message: Int64

        init(env: MailTestEnvironment, address: String, smtpURL: String? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("outcome-\(UUID().uuidString)")
            store = try Store(path: root.appendingPathComponent("data").path)
            setenv("COOPMAIL_TEST_SMTP_SECRET", env.password("ad75"), 1)
            var c = Config()
            c.organisationAddress = env.address("ad75")
            c.smtp = Config.MailServer(
                url: smtpURL ?? env.submissionURL, tls: "starttls", username: env.user("ad75"),
                passwordEnv: "COOPMAIL_TEST_SMTP_SECRET", caFile: env.caFile)
            c.smtpFrom = "OCCE AD75 <\(env.address("ad75"))>"
            config = c
            _ = try RegistryImporter(store: store).importCooperatives(
                csv: """
                    numero;ecole;commune;mandataire;email;iban
                    075-0123;École élémentaire Rue Keller;Paris 11e;Claire Martin;\(address);
                    """)
            let raw =
                "From: Claire Martin <\(address)>\r\nTo: \(env.address("ad75"))\r\nSubject: Coop 075-0123 : quitus\r\n"
                + "Message-ID: <in-\(UUID().uuidString)@ecole.test>\r\nReferences: <older@ecole.test>\r\n"
                + "Date: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nci-joint\r\n"
            guard
                case .ingested(let id) = try Ingestor(store: store, config: config).ingest(
                    .init(content: .bytes(Data(raw.utf8)), source: "t"))
            else {
                throw StoreError.unreadableSource("not ingested")
            }
            try store.db.write {
                try $0.execute(
                    sql: "UPDATE message SET cooperative = '075-0123', status = 'processed' WHERE id = ?",
                    arguments: [id])
            }
            message = id
        }

        var outbox: Outbox {
            get throws {
                try Outbox(
                    store: store, config: config, templates: TemplateLibrary(directory: OutcomeDeliveryTests.templates))
            }
        }

        func rows() throws -> [OutboxRecord] { try store.db.read { try OutboxRecord.order(Column("id")).fetchAll($0) } }
    }

    /// The messages delivered to `box`, parsed back.
    static func delivered(_ env: MailTestEnvironment, box: String, count: Int) throws -> [String] {
        let imap = try MailFixtures.imapClient(env, url: env.imapsURL + "/" + box)
        _ = try MailFixtures.waitForMessages(imap, mailbox: box, count: count)
        return try imap.uids(after: 0).map { String(decoding: try imap.fetch($0.uid), as: UTF8.self) }
    }

    @Test func acknowledgmentAndDecisionArriveAsProperMessages() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("mandataire")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let scene = try Scene(env: env, address: env.address("ad75", detail: box))
        _ = try scene.outbox.acknowledge(message: scene.message)
        let check = Check(
            rule: .bankStatementMatches, verdict: .fail, expected: Money(cents: 293015), found: Money(cents: 287015),
            difference: Money(cents: -6000),
            detail: "Le solde du relevé au 31/08/2021 (2 870,15 €) diffère de 60,00 € du solde attendu (2 930,15 €).")
        _ = try scene.outbox.announceDecision(
            .toCorrect, cooperative: CooperativeNumber(parsing: "075-0123")!, exercise: Exercise("2020-2021")!,
            checks: [check], motif: "Merci de vérifier les frais bancaires de septembre.",
            decisionKey: "decision:test")
        let summary = try Notifier(store: scene.store).run(transport: SMTPTransport(config: scene.config))
        #expect(summary.sent == 2)
        let rows = try scene.rows()
        #expect(rows.allSatisfy { $0.state == OutboxState.sent })

        let mails = try Self.delivered(env, box: box, count: 2)
        #expect(mails.count == 2)
        let incomingID = try scene.store.db.read { try String.fetchOne($0, sql: "SELECT message_id FROM message")! }
        for raw in mails {
            // Unfold headers (RFC 5322 folding) before reading them.
            let mail = raw.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
            #expect(mail.contains("Auto-Submitted: auto-replied"))
            #expect(mail.contains("In-Reply-To: \(incomingID)"))
            #expect(mail.contains("References: <older@ecole.test> \(incomingID)"))
            #expect(mail.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(mail.lowercased().contains("subject: =?utf-8?"))
        }
        for row in rows { #expect(mails.contains { $0.contains("Message-ID: \(row.messageId)") }) }
        let correction = try #require(
            mails.first { $0.contains("Merci de v") || $0.contains("Merci_de") || $0.contains("frais bancaires") })
        let body = QuotedPrintableDecoder.decode(correction)
        #expect(body.contains("60,00 €"))
        #expect(body.contains("Merci de vérifier les frais bancaires de septembre."))
        let ack = try #require(mails.first { $0 != correction })
        #expect(QuotedPrintableDecoder.decode(ack).contains("Nous avons bien reçu votre message"))
        #expect(!QuotedPrintableDecoder.decode(ack).contains("60,00"))
    }

    @Test func serverDownIsRetriedLaterAndNothingIsLost() throws {
        let env = try MailServers.require()
        let scene = try Scene(
            env: env, address: env.address("mandataire1"),
            smtpURL: "smtp://127.0.0.1:\(MailServers.closedLocalPort())")
        _ = try scene.outbox.acknowledge(message: scene.message)
        let summary = try Notifier(store: scene.store).run(transport: SMTPTransport(config: scene.config))
        #expect(summary.sent == 0 && summary.retried == 1)
        #expect(summary.unavailable?.contains("injoignable") == true)
        let row = try #require(try scene.rows().first)
        #expect(row.state == OutboxState.retry && row.attempts == 1 && row.lastError != nil)
    }

    @Test func temporaryRefusalIsRetriedAndPermanentRefusalStops() throws {
        let env = try MailServers.require()
        let domain = env.value("COOPMAIL_TEST_DOMAIN_SCHOOLS")
        for (address, expected) in [
            ("boite-pleine@\(domain)", OutboxState.retry), ("personne@\(domain)", OutboxState.failed),
        ] {
            let scene = try Scene(env: env, address: address)
            _ = try scene.outbox.acknowledge(message: scene.message)
            _ = try Notifier(store: scene.store).run(transport: SMTPTransport(config: scene.config))
            let row = try #require(try scene.rows().first)
            #expect(row.state == expected, "\(address)")
            #expect(
                row.lastError?.contains(expected == OutboxState.retry ? "452" : "550") == true, "\(row.lastError ?? "")"
            )
        }
    }

    /// Kills `coopmail notify` at random moments while it sends 30 outcomes; then checks that no outcome arrived twice
    /// and that every outcome either arrived (and is `sent`) or is flagged `uncertain` for staff. The delays are
    /// calibrated on a run of this machine and adapt round by round so that kills land inside sends; nothing is timed.
    @Test func killedWhileSendingNeverSendsTwiceNorLosesAMail() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("tue")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let scene = try Scene(env: env, address: env.address("ad75", detail: box))
        try Self.queue(30, in: scene, prefix: "kill")
        let arguments = [
            CoopmailBinary.path, "notify", "--config", try Self.writeConfig(env, scene).path,
            "--data-dir", scene.root.appendingPathComponent("data").path,
        ]
        var maxDelay = try Self.calibratedSendTime(env) * 3
        let firstMaxDelay = maxDelay
        var rng = SeededGenerator(seed: 20_211_004)
        var kills = 0
        var killsWithWorkLeft = 0
        for round in 1...20 {
            let before = try scene.rows().filter { $0.state == OutboxState.sent }.count
            let run = try CoopmailBinary.Running(arguments)
            Thread.sleep(forTimeInterval: Double.random(in: 0...maxDelay, using: &rng))
            let wasRunning = run.kill()
            let result = run.wait()
            if !result.killed { #expect(result.status == 0 || result.status == 1, "tour \(round) : \(result.stderr)") }
            let rows = try scene.rows()
            let committing = rows.filter { $0.state == OutboxState.committing }.count
            #expect(committing <= 1, "tour \(round) : one row at most is being handed over when killed")
            let after = rows.filter { $0.state == OutboxState.sent }.count
            if wasRunning {
                kills += 1
                if before < 30 { killsWithWorkLeft += 1 }
            }
            // Keep the kills inside runs that still send: about 30 / 20 outcomes per round.
            if after - before > 3 || !wasRunning { maxDelay *= 0.7 } else if after == before { maxDelay *= 1.2 }
        }
        let committingBeforeLast = try scene.rows().filter { $0.state == OutboxState.committing }.count
        let last = try CoopmailBinary.run(arguments)
        // The last run finds the interrupted hand-over, if any, and says a human must look (exit 1); otherwise 0.
        #expect(last.status == (committingBeforeLast > 0 ? 1 : 0), "\(last.stdout) \(last.stderr)")

        let rows = try scene.rows()
        #expect(rows.count == 30)
        #expect(
            rows.allSatisfy { $0.state == OutboxState.sent || $0.state == OutboxState.uncertain },
            "\(rows.map(\.state))")
        let sent = rows.filter { $0.state == OutboxState.sent }
        let uncertain = rows.count - sent.count
        #expect(
            uncertain <= kills,
            "an answer is uncertain only when a kill cut its hand-over: \(uncertain) for \(kills) kills")
        #expect(
            killsWithWorkLeft > 0,
            "no kill landed while answers were still being sent (delays up to \(firstMaxDelay) s)")
        _ = try Self.delivered(env, box: box, count: sent.count)
        Thread.sleep(forTimeInterval: 1)  // let any straggler delivery land before counting duplicates
        let all = try Self.delivered(env, box: box, count: sent.count)
        for row in rows {
            let copies = all.filter { $0.contains("Message-ID: \(row.messageId)") }.count
            #expect(copies <= 1, "\(row.messageId) arrived \(copies) times")
            if row.state == OutboxState.sent { #expect(copies == 1, "\(row.messageId) marked sent but not delivered") }
        }
        print(
            "notify kill test: \(kills) kills (\(killsWithWorkLeft) with answers left), \(sent.count) sent, \(uncertain) uncertain, "
                + "\(all.count) delivered, delays up to \(String(format: "%.2f", firstMaxDelay)) s at first")
    }

    static func queue(_ count: Int, in scene: Scene, prefix: String) throws {
        let outbox = try scene.outbox
        for i in 0..<count {
            _ = try outbox.announceDecision(
                .validated, cooperative: CooperativeNumber(parsing: "075-0123")!, exercise: Exercise("2020-2021")!,
                checks: [], motif: nil, decisionKey: "decision:\(prefix)-\(i)")
        }
    }

    static func writeConfig(_ env: MailTestEnvironment, _ scene: Scene) throws -> URL {
        let config = scene.root.appendingPathComponent("coopmail.toml")
        try """
        [organisation]
        address = "\(env.address("ad75"))"
        [smtp]
        url = "\(env.submissionURL)"
        username = "\(env.user("ad75"))"
        password_env = "COOPMAIL_TEST_SMTP_SECRET"
        ca_file = "\(env.caFile)"
        from = "OCCE AD75 <\(env.address("ad75"))>"
        """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// Seconds one `coopmail notify` takes to start and send one answer on this machine: a run of 6 answers, divided.
    static func calibratedSendTime(_ env: MailTestEnvironment) throws -> Double {
        let box = MailServers.uniqueName("etalon")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let scene = try Scene(env: env, address: env.address("ad75", detail: box))
        try queue(6, in: scene, prefix: "etalon")
        let start = Date()
        _ = try CoopmailBinary.run([
            CoopmailBinary.path, "notify", "--config", try writeConfig(env, scene).path,
            "--data-dir", scene.root.appendingPathComponent("data").path,
        ])
        return max(0.01, Date().timeIntervalSince(start) / 6)
    }
}

/// Decodes quoted-printable bodies for assertions (soft line breaks and =XX escapes).
enum QuotedPrintableDecoder {
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let s = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "").utf8)
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "="), i + 2 < s.count,
                let v = UInt8(String(decoding: s[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(s[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

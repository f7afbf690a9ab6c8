import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailOutcome
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Reminder campaigns (#15) through the real Postfix into Dovecot.
@Suite("Relances : campagne réelle", .serialized)
struct ReminderCampaignTests {
    static let templates = MailServers.repositoryRoot.appendingPathComponent("Templates").path

    /// A season: 075-0001 sent nothing; 075-0002 sent only its quitus; 075-0003 is validated; 075-0004 and 075-0005
    /// share one mandataire who sent nothing for either; 075-0006 is complete and waits for staff.
    struct Season {
        let root: URL
        let store: Store
        var config: Config
        let boxes: [String: String]
        let exercise = Exercise("2020-2021")!

        init(env: MailTestEnvironment) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("relances-\(UUID().uuidString)")
            store = try Store(path: root.appendingPathComponent("data").path)
            config = Self.sendingConfig(env, exercise: exercise)
            var boxes: [String: String] = [:]
            for who in ["a", "b", "c", "d", "f"] { boxes[who] = MailServers.uniqueName("relance-\(who)") }
            self.boxes = boxes
            func address(_ who: String) -> String { env.address("ad75", detail: boxes[who]!) }
            _ = try RegistryImporter(store: store).importCooperatives(
                csv: """
                    numero;ecole;commune;mandataire;email;iban
                    075-0001;École Alpha;Paris;Anne Martin;\(address("a"));
                    075-0002;École Bravo;Paris;Bruno Petit;\(address("b"));
                    075-0003;École Charlie;Paris;Chloé Roux;\(address("c"));
                    075-0004;École Delta maternelle;Paris;Denis Blanc;\(address("d"));
                    075-0005;École Delta élémentaire;Paris;Denis Blanc;\(address("d"));
                    075-0006;École Foxtrot;Paris;Fanny Noir;\(address("f"));
                    """)
            try submission(coop: "075-0002", from: address("b"), kinds: ["quitus"])
            try submission(coop: "075-0003", from: address("c"), kinds: ["quitus", "bank_statement"])
            try submission(coop: "075-0006", from: address("f"), kinds: ["quitus", "bank_statement"])
            let service = DossierService(store: store, actor: "test")
            try service.refreshAll()
            _ = try service.approve(
                CooperativeNumber(parsing: "075-0003")!, exercise: exercise, reason: "ok", force: true)
        }

        func submission(coop: String, from: String, kinds: [String]) throws {
            try store.db.write { db in
                var m = MessageRecord(
                    key: "<\(UUID().uuidString)@ecole.test>", messageId: "<\(coop)-\(UUID().uuidString)@ecole.test>",
                    rawSha256: String(repeating: "0", count: 64), rawSize: 1, fromAddress: from, fromName: nil,
                    returnPath: nil, subject: "CRF \(coop)", sentAt: nil, receivedAt: "2021-09-20T10:00:00Z",
                    inReplyTo: nil, references: nil, headers: "[]", bodyText: "", source: "test",
                    exercise: "2020-2021", status: MessageStatus.processed, quarantineReason: nil, cooperative: coop,
                    matchConfidence: 0.95, createdAt: Timestamp.now())
                try m.insert(db)
                for (i, kind) in kinds.enumerated() {
                    let sha = try store.blobs.put(Data("\(coop) \(kind)".utf8))
                    var d = DocumentRecord(
                        message: m.id!, position: i + 1, filename: "\(kind).pdf", sha256: sha, size: 10,
                        mediaType: "application/pdf", kind: DocumentKind(rawValue: kind) ?? .other, readStatus: .read)
                    d.cooperative = coop
                    try d.insert(db)
                }
            }
        }

        /// The association's configuration that sends through the test Postfix (submission, STARTTLS, AUTH).
        static func sendingConfig(_ env: MailTestEnvironment, exercise: Exercise) -> Config {
            setenv("COOPMAIL_TEST_SMTP_SECRET", env.password("ad75"), 1)
            var c = Config()
            c.organisationAddress = env.address("ad75")
            c.exercise = exercise
            c.smtp = Config.MailServer(
                url: env.submissionURL, tls: "starttls", username: env.user("ad75"),
                passwordEnv: "COOPMAIL_TEST_SMTP_SECRET", caFile: env.caFile)
            c.smtpFrom = "OCCE AD75 <\(env.address("ad75"))>"
            return c
        }

        func cleanUp(_ env: MailTestEnvironment) {
            MailFixtures.cleanUp(env, mailboxes: Array(boxes.values))
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test func aCampaignRemindsExactlyWhoShouldBeRemindedOnce() throws {
        let env = try MailServers.require()
        let season = try Season(env: env)
        defer { season.cleanUp(env) }
        let campaign = ReminderCampaign(store: season.store, config: season.config, actor: "Claire")
        let candidates = try campaign.candidates(exercise: season.exercise)
        #expect(
            candidates.map { "\($0.cooperative) \($0.reason.rawValue)" }
                == [
                    "075-0001 nothing_received", "075-0002 incomplete", "075-0004 nothing_received",
                    "075-0005 nothing_received",
                ])
        #expect(candidates.first { $0.cooperative.description == "075-0002" }?.missing == [.bankStatement])

        let summary = try campaign.queue(
            candidates, exercise: season.exercise, templates: TemplateLibrary(directory: Self.templates))
        #expect(summary.queued.count == 4)
        // A second campaign the same day (or within the interval) queues nothing.
        #expect(try campaign.candidates(exercise: season.exercise).isEmpty)
        #expect(
            try campaign.queue(
                candidates, exercise: season.exercise, templates: TemplateLibrary(directory: Self.templates)
            ).queued.isEmpty)

        let report = try Pipeline(store: season.store, config: season.config).notify()
        #expect(report.exitCode == 0, "\(report.lines)")
        func received(_ who: String, count: Int) throws -> [String] {
            try OutcomeDeliveryTests.delivered(env, box: season.boxes[who]!, count: count).map(
                QuotedPrintableDecoder.decode)
        }
        let a = try received("a", count: 1)
        #expect(a.count == 1 && a[0].contains("075-0001") && a[0].contains("rien reçu"), "\(a)")
        let b = try received("b", count: 1)
        #expect(
            b.count == 1 && b[0].contains("le relevé de compte BRED") && !b[0].contains("la page du quitus"), "\(b)")
        let d = try received("d", count: 2)
        #expect(d.count == 2)
        #expect(
            d.contains {
                $0.contains("Nous n'avons encore rien reçu") && $0.contains("075-0004") && !$0.contains("075-0005")
            })
        #expect(d.contains { $0.contains("075-0005") && !$0.contains("075-0004") })
        // Validated and waiting-for-staff cooperatives get nothing.
        Thread.sleep(forTimeInterval: 1)  // anything wrongly sent has landed by now
        for who in ["c", "f"] {
            let imap = try MailFixtures.imapClient(env)
            let count = (try? imap.status(of: season.boxes[who]!).exists) ?? 0
            #expect(count == 0, "\(who) was reminded")
        }
        // Recorded in the history, by who ran it.
        let history = try DossierService(store: season.store).history(
            CooperativeNumber(parsing: "075-0001")!, exercise: season.exercise)
        #expect(history.contains { $0.action == .remind && $0.actor == "Claire" })
    }

    @Test func aScheduledDaySendsOnceWhateverTheNumberOfRuns() throws {
        let env = try MailServers.require()
        var season = try Season(env: env)
        defer { season.cleanUp(env) }
        let day = CalendarDate(year: 2021, month: 10, day: 15)!
        season.config.reminderDates = [day]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .paris
        let noon = calendar.date(from: DateComponents(year: 2021, month: 10, day: 15, hour: 12))!
        let otherDay = calendar.date(from: DateComponents(year: 2021, month: 10, day: 14, hour: 12))!
        #expect(
            Pipeline(store: season.store, config: season.config, clock: { otherDay }).scheduledReminders().lines.isEmpty
        )
        let first = Pipeline(store: season.store, config: season.config, clock: { noon }).scheduledReminders()
        #expect(first.lines.first?.hasPrefix("Relances : 4 mises en attente") == true, "\(first.lines)")
        for _ in 0..<3 {
            #expect(
                Pipeline(store: season.store, config: season.config, clock: { noon.addingTimeInterval(600) })
                    .scheduledReminders().lines.isEmpty)
        }
        let rows = try season.store.db.read { try OutboxRecord.fetchAll($0) }
        #expect(rows.filter { $0.kind.rawValue.hasPrefix("reminder_") }.count == 4)
    }

    /// The mandataire answers the reminder as it arrived in Dovecot: the reply names the Message-ID of the mail on the
    /// wire, and `show` threads it under that reminder (« réponse à la relance du … »).
    @Test func aReplyToTheDeliveredReminderIsThreadedToIt() async throws {
        let env = try MailServers.require()
        let season = try Season(env: env)
        defer { season.cleanUp(env) }
        let campaign = ReminderCampaign(store: season.store, config: season.config, actor: "Claire")
        let only = try campaign.candidates(exercise: season.exercise).filter {
            $0.cooperative.description == "075-0001"
        }
        #expect(
            try campaign.queue(only, exercise: season.exercise, templates: TemplateLibrary(directory: Self.templates))
                .queued.count == 1)
        #expect(Pipeline(store: season.store, config: season.config).notify().exitCode == 0)
        let delivered = try #require(try OutcomeDeliveryTests.delivered(env, box: season.boxes["a"]!, count: 1).first)
        let headerEnd = try #require(delivered.range(of: "\r\n\r\n") ?? delivered.range(of: "\n\n"))
        let messageID = try #require(
            delivered[..<headerEnd.lowerBound].split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
                .first { $0.lowercased().hasPrefix("message-id:") }
                .map { $0.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces) })
        let sent = try await season.store.db.read {
            try OutboxRecord.filter(Column("cooperative") == "075-0001").fetchOne($0)
        }
        #expect(sent?.messageId == messageID && sent?.state == OutboxState.sent)

        let folder = season.root.appendingPathComponent("reply")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let address = env.address("ad75", detail: season.boxes["a"]!)
        try
            ("From: Anne Martin <\(address)>\r\nTo: \(env.address("ad75"))\r\nSubject: Re: relance\r\n"
            + "Message-ID: <reponse-\(UUID().uuidString)@ecole.test>\r\nIn-Reply-To: \(messageID)\r\nReferences: \(messageID)\r\n"
            + "Date: \(RFC5322Date.format(Date()))\r\n\r\nJe vous envoie le quitus demain.\r\n\r\n> Nous n'avons encore rien reçu\r\n")
            .write(to: folder.appendingPathComponent("reponse.eml"), atomically: true, encoding: .utf8)
        _ = try Ingestor(store: season.store, config: season.config).ingest(paths: [folder.path])
        _ = await Pipeline(store: season.store, config: season.config).process()
        let threads = try ReplyThreads.load(
            season.store, cooperative: CooperativeNumber(parsing: "075-0001")!, exercise: season.exercise)
        let replies = try #require(sent?.id.flatMap { threads[$0] })
        #expect(replies.map(\.subject) == ["Re: relance"])
        #expect(replies.first?.phrase.hasPrefix("réponse à la relance du ") == true, "\(replies)")
        let questions = try QuestionDesk(store: season.store).waiting(exercise: season.exercise)
        #expect(questions.map(\.excerpt) == [["Je vous envoie le quitus demain."]])
        #expect(questions.first?.inReplyTo?.hasPrefix("réponse à la relance du ") == true)
        // The reminder that left counts in the season chart, in today's week.
        let today = CalendarDate(parisDayOf: Date())!
        let chart = try SeasonChart.load(season.store, config: season.config, exercise: season.exercise, today: today)
        #expect(chart.weeks.last?.remindersSent == 1, "\(chart.weeks.suffix(2))")
    }
}

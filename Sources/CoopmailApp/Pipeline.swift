import CoopmailDossier
import CoopmailIntake
import CoopmailOutcome
import CoopmailStore
import Foundation
import Logging

/// The cron job's stages put together: poll (fetch + store), process (read + match), acknowledge, notify.
///
/// Each method returns the French lines to print (none when nothing happened) and whether a human must act.
public final class Pipeline {
    public let store: Store
    public let config: Config
    let logger: Logger
    let clock: () -> Date
    /// How long a server may stay unreachable before cron says so and exits non-zero.
    public var outageTolerance: TimeInterval = 3600

    public init(
        store: Store, config: Config, logger: Logger = Logger(label: "coopmail"),
        clock: @escaping () -> Date = Date.init
    ) {
        self.store = store
        self.config = config
        self.logger = logger
        self.clock = clock
    }

    /// What a run did, for cron.
    public struct Report: Sendable {
        public var lines: [String] = []
        /// 0 fine, 1 a human must act now, 2 a server has been unreachable for long.
        public var exitCode: Int32 = 0

        public mutating func merge(_ other: Report) {
            lines += other.lines
            exitCode = max(exitCode, other.exitCode)
        }
    }

    /// Fetches new mail over IMAP and stores it durably.
    public func poll() -> Report {
        var report = Report()
        do {
            let s = try Poller(store: store, config: config, logger: logger).poll()
            try healthy("imap")
            if !s.nothingHappened { report.lines.append(s.line) }
        } catch let e as IMAPError where e.isTemporary {
            report.merge(outage("imap", "serveur IMAP", e.message))
        } catch {
            // A full disk stops the poll before any move: the mails stay on the server for the next run.
            let prefix =
                StoreError.diskFull(from: error) != nil
                ? "Relève interrompue, aucun courriel déplacé sur le serveur : " : "Erreur IMAP : "
            report.lines.append(prefix + ErrorMessage.french(error))
            report.exitCode = 1
        }
        return report
    }

    /// Reads and matches the documents of new messages, then queues their acknowledgments.
    ///
    /// The acknowledgments are queued even when reading failed (they answer the messages processed so far); a
    /// message whose processing failed twice is set aside, and only that (or a failing store) asks for a human.
    public func process() async -> Report {
        var report = Report()
        do {
            let s = try await Processor(store: store, config: config).run()
            if s.messages + s.failed + s.setAside > 0 { report.lines.append(s.line) }
            if s.setAside > 0 { report.exitCode = 1 }
        } catch {
            report.lines.append("Erreur pendant la lecture des documents : " + ErrorMessage.french(error))
            report.exitCode = 1
        }
        do {
            let outbox = try Outbox(
                store: store, config: config, templates: TemplateLibrary(directory: templatesDirectory()))
            // This run's messages, and any that an interrupted run processed without answering.
            for id in try outbox.unacknowledgedMessages() {
                for r in try outbox.acknowledge(message: id) {
                    if case .failure(let skip) = r, case .refused(let why) = skip.skip {
                        logger.info("no acknowledgment", metadata: ["message": "\(id)", "reason": "\(why)"])
                    }
                }
            }
        } catch {
            report.lines.append(
                "Erreur pendant la préparation des accusés de réception : " + ErrorMessage.french(error))
            report.exitCode = 1
        }
        return report
    }

    /// Sends the queued outcome mails.
    public func notify(transport: OutcomeTransport? = nil) -> Report {
        var report = Report()
        do {
            let pending = try store.pendingAnswerCount()
            guard pending > 0 else { return report }
            let s = try Notifier(store: store, clock: clock).run(transport: transport ?? SMTPTransport(config: config))
            if let reason = s.unavailable {
                var r = outage("smtp", "serveur SMTP", reason)
                if s.sent + s.failed + s.uncertain > 0 { r.lines.insert(s.line, at: 0) }
                report.merge(r)
            } else {
                try healthy("smtp")
                if !s.nothingHappened { report.lines.append(s.line) }
                if s.failed + s.uncertain > 0 { report.exitCode = max(report.exitCode, 1) }
            }
        } catch {
            report.lines.append("Erreur d'envoi : " + ErrorMessage.french(error))
            report.exitCode = 1
        }
        return report
    }

    /// The scheduled reminder campaign of today (`[season] reminder_dates`), once: a day whose reminders are already
    /// in the outbox is done.
    public func scheduledReminders() -> Report {
        var report = Report()
        let campaign = ReminderCampaign(store: store, config: config, actor: StaffUser.automatic, clock: clock)
        guard let day = campaign.scheduledToday() else { return report }
        do {
            let exercise = config.exercise ?? config.exercise(forMailAt: clock())
            let done = try store.remindersQueued(exercise: "\(exercise)", day: day.iso)
            guard done == 0 else { return report }
            let summary = try campaign.queue(
                try campaign.candidates(exercise: exercise), exercise: exercise,
                templates: TemplateLibrary(directory: templatesDirectory()))
            report.lines.append(summary.line + " (campagne du \(day.french))")
        } catch {
            report.lines.append("Erreur pendant la campagne de relances : " + ErrorMessage.french(error))
            report.exitCode = 1
        }
        return report
    }

    /// poll + notify + process + scheduled reminders + notify: the one cron line. The answers already queued go out
    /// before any mail is read, so that a mail that breaks (or kills) the reading never holds them back; the new ones
    /// (acknowledgments, reminders) after.
    public func run() async -> Report {
        var report = poll()
        let before = notify()
        report.merge(await process())
        report.merge(scheduledReminders())
        let after = notify()
        report.lines += before.lines + after.lines
        report.exitCode = max(report.exitCode, before.exitCode, after.exitCode)
        return report
    }

    /// Where the outcome templates are: the configuration, `COOPMAIL_TEMPLATES`, or `Templates/` beside the program.
    public func templatesDirectory() -> String {
        if let d = config.templatesDirectory { return d }
        if let d = ProcessInfo.processInfo.environment["COOPMAIL_TEMPLATES"], !d.isEmpty { return d }
        return InstallLayout.templatesDirectory() ?? "/usr/share/coopmail/templates"
    }

    /// A temporary failure: quiet while it is recent, one line and exit 2 once it has lasted `outageTolerance`.
    func outage(_ service: String, _ name: String, _ message: String) -> Report {
        var report = Report()
        let now = clock()
        let since = (try? store.serviceFailing(service, message: message, now: now)) ?? now
        logger.warning("\(service) unavailable", metadata: ["error": "\(message)"])
        if now.timeIntervalSince(since) >= outageTolerance {
            let minutes = Int(now.timeIntervalSince(since) / 60)
            report.lines.append("Le \(name) est injoignable depuis \(minutes) minutes : \(message)")
            report.exitCode = 2
        }
        return report
    }

    func healthy(_ service: String) throws {
        try store.serviceHealthy(service)
    }

}

import CoopmailIntake
import CoopmailOutcome
import CoopmailStore
import Foundation
import GRDB
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

    public init(store: Store, config: Config, logger: Logger = Logger(label: "coopmail"), clock: @escaping () -> Date = Date.init) {
        self.store = store; self.config = config; self.logger = logger; self.clock = clock
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
            report.lines.append("Erreur IMAP : " + Self.describe(error))
            report.exitCode = 1
        }
        return report
    }

    /// Reads and matches the documents of new messages, then queues their acknowledgments.
    public func process() async -> Report {
        var report = Report()
        do {
            let s = try await Processor(store: store, config: config).run()
            if s.messages > 0 { report.lines.append(s.line) }
            let outbox = try Outbox(store: store, config: config, templates: TemplateLibrary(directory: templatesDirectory()))
            // This run's messages, and any that an interrupted run processed without answering.
            for id in try outbox.unacknowledgedMessages() {
                for r in try outbox.acknowledge(message: id) {
                    if case .failure(let skip) = r, case .refused(let why) = skip.skip {
                        logger.info("no acknowledgment", metadata: ["message": "\(id)", "reason": "\(why)"])
                    }
                }
            }
        } catch {
            report.lines.append("Erreur pendant la lecture des documents : " + Self.describe(error))
            report.exitCode = 1
        }
        return report
    }

    /// Sends the queued outcome mails.
    public func notify(transport: OutcomeTransport? = nil) -> Report {
        var report = Report()
        do {
            let pending = try store.db.read { db in
                try OutboxRecord.filter([OutboxState.queued, OutboxState.retry, OutboxState.committing].contains(Column("state"))).fetchCount(db)
            }
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
            report.lines.append("Erreur d'envoi : " + Self.describe(error))
            report.exitCode = 1
        }
        return report
    }

    /// poll + process + notify: the one cron line.
    public func run() async -> Report {
        var report = poll()
        report.merge(await process())
        report.merge(notify())
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
        let since = (try? store.db.write { db -> Date in
            if let s = try String.fetchOne(db, sql: "SELECT failing_since FROM service_health WHERE service = ?", arguments: [service]),
               let d = Timestamp.parse(s) {
                try db.execute(sql: "UPDATE service_health SET last_error = ? WHERE service = ?", arguments: [message, service])
                return d
            }
            try db.execute(sql: "INSERT INTO service_health (service, failing_since, last_error) VALUES (?, ?, ?)",
                           arguments: [service, Timestamp.iso(now), message])
            return now
        }) ?? now
        logger.warning("\(service) unavailable", metadata: ["error": "\(message)"])
        if now.timeIntervalSince(since) >= outageTolerance {
            let minutes = Int(now.timeIntervalSince(since) / 60)
            report.lines.append("Le \(name) est injoignable depuis \(minutes) minutes : \(message)")
            report.exitCode = 2
        }
        return report
    }

    func healthy(_ service: String) throws {
        try store.db.write { try $0.execute(sql: "DELETE FROM service_health WHERE service = ?", arguments: [service]) }
    }

    static func describe(_ error: Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
}

import CoopmailDomain
import CoopmailMIME
import Foundation
import TOMLKit

/// coopmail's configuration (TOML, `--config FILE` or env `COOPMAIL_CONFIG`). Every key is optional; defaults apply.
/// The keys are those of the contract; `[limits]` adds the hostile-mail limits.
public struct Config: Sendable {
    public var organisationName = "OCCE AD75"
    public var organisationAddress = "ad75@occe.coop"
    public var department = 75
    /// The current exercise; when absent, a mail's exercise is the one that closed last before it arrived.
    public var exercise: Exercise?
    public var imap: MailServer?
    public var smtp: MailServer?
    public var smtpFrom: String?
    public var limits = Limits()
    /// Folder of the outcome mail templates (`[outcome] templates`); found next to the program when absent.
    public var templatesDirectory: String?
    /// `[season] reminder_interval_days`: a cooperative is not reminded again within this many days.
    public var reminderIntervalDays = 14
    /// `[season] reminder_dates`: days on which `run` sends a reminder campaign by itself (once each).
    public var reminderDates: [CalendarDate] = []
    /// `[organisation] contact`: who mandataires may contact (« Claire Martin, 01 23 45 67 89, ad75@occe.coop »); the
    /// association's address when absent.
    public var contact: String?
    /// `[season] submission_deadline`: the date by which mandataires must send their quitus and statement: said at the
    /// end of the mails that ask for something and shown by `status` on the season chart; none by default.
    public var submissionDeadline: CalendarDate?
    /// `[season] decision_deadline`: the date by which staff mean to have decided every dossier; none by default.
    public var decisionDeadline: CalendarDate?

    public struct MailServer: Sendable {
        public init(
            url: String, tls: String? = nil, username: String? = nil, passwordEnv: String? = nil,
            passwordFile: String? = nil,
            caFile: String? = nil, processedMailbox: String? = nil, allowPlaintext: Bool = false,
            verifyCertificate: Bool = true
        ) {
            self.url = url
            self.tls = tls
            self.username = username
            self.passwordEnv = passwordEnv
            self.passwordFile = passwordFile
            self.caFile = caFile
            self.processedMailbox = processedMailbox
            self.allowPlaintext = allowPlaintext
            self.verifyCertificate = verifyCertificate
        }
        public var url: String
        public var tls: String?
        public var username: String?
        public var passwordEnv: String?
        public var passwordFile: String?
        public var caFile: String?
        public var processedMailbox: String?
        public var allowPlaintext = false
        /// Certificate verification; only `verify_certificate = false` in the file turns it off.
        public var verifyCertificate = true
        /// `password` (default) or `xoauth2`; see SecretSource.swift.
        public var auth: String?
        public var passwordCommand: [String]?
        public var tokenCommand: [String]?
    }

    public struct Limits: Sendable {
        public var maxMessageBytes = 80 * 1024 * 1024
        public var mime = MIMELimits()
        public var zipMaxEntries = 100
        /// Bytes one zip archive may expand to.
        public var zipMaxTotalBytes = 100 * 1024 * 1024
        /// Bytes all the zip archives of one mail may expand to, together (`zip_max_message_bytes`).
        public var zipMaxMessageBytes = 100 * 1024 * 1024
        public var zipMaxRatio = 100
        /// A poll's batches: at most this many mails or bytes are fetched, stored and moved together.
        public var imapBatchMessages = Poller.batchMessages
        public var imapBatchBytes = Poller.batchBytes
    }

    public init() {}

    /// Loads a TOML file; a missing or invalid file is an error in French naming the key.
    public init(file path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError("fichier de configuration illisible : \(path)")
        }
        let t: TOMLTable
        do { t = try TOMLTable(string: text) } catch {
            throw ConfigError("fichier de configuration invalide (\(path)) : \(error)")
        }
        if let o = t["organisation"]?.table {
            if let v = o["name"]?.string { organisationName = v }
            if let v = o["address"]?.string { organisationAddress = v.lowercased() }
            if let v = o["department"]?.string ?? o["department"]?.int.map(String.init) {
                guard let d = Int(v), (1...999).contains(d) else {
                    throw ConfigError("organisation.department invalide : \(v)")
                }
                department = d
            }
            if let v = o["contact"]?.string, !v.trimmingCharacters(in: .whitespaces).isEmpty { contact = v }
            if let v = o["exercise"]?.string {
                guard let e = Exercise(v) else {
                    throw ConfigError("organisation.exercise invalide : \(v) (attendu : 2020-2021)")
                }
                exercise = e
            }
        }
        imap = Config.server(t["imap"]?.table)
        smtp = Config.server(t["smtp"]?.table)
        try imap?.readSecretSources(t["imap"]?.table, section: "imap")
        try smtp?.readSecretSources(t["smtp"]?.table, section: "smtp")
        try imap?.validateTransportSecurity(section: "imap")
        try smtp?.validateTransportSecurity(section: "smtp")
        smtpFrom = t["smtp"]?.table?["from"]?.string
        templatesDirectory = t["outcome"]?.table?["templates"]?.string
        if let season = t["season"]?.table {
            if let v = season["reminder_interval_days"]?.int {
                guard (1...365).contains(v) else {
                    throw ConfigError("season.reminder_interval_days invalide : \(v) (entre 1 et 365)")
                }
                reminderIntervalDays = v
            }
            for (key, path) in [
                ("submission_deadline", \Config.submissionDeadline), ("decision_deadline", \Config.decisionDeadline),
            ] {
                guard let value = season[key] else { continue }
                guard let text = value.string, let day = CalendarDate(iso: text) else {
                    throw ConfigError("season.\(key) : date invalide « \(value) » (attendu : \"2021-10-31\")")
                }
                self[keyPath: path] = day
            }
            if let dates = season["reminder_dates"]?.array {
                reminderDates = try dates.map { value in
                    guard let text = value.string, let day = CalendarDate(iso: text) else {
                        throw ConfigError(
                            "season.reminder_dates : date invalide « \(value) » (attendu : \"2021-10-15\")")
                    }
                    return day
                }
            }
        }
        if let l = t["limits"]?.table {
            if let v = l["max_message_bytes"]?.int { limits.maxMessageBytes = v }
            if let v = l["max_attachment_bytes"]?.int { limits.mime.maxAttachmentBytes = v }
            if let v = l["max_parts"]?.int { limits.mime.maxParts = v }
            if let v = l["max_depth"]?.int { limits.mime.maxDepth = v }
            if let v = l["zip_max_entries"]?.int { limits.zipMaxEntries = v }
            if let v = l["zip_max_total_bytes"]?.int { limits.zipMaxTotalBytes = v }
            if let v = l["zip_max_message_bytes"]?.int { limits.zipMaxMessageBytes = v }
            if let v = l["zip_max_ratio"]?.int { limits.zipMaxRatio = v }
            if let v = l["imap_batch_messages"]?.int {
                guard v >= 1 else { throw ConfigError("limits.imap_batch_messages invalide : \(v) (au moins 1)") }
                limits.imapBatchMessages = v
            }
            if let v = l["imap_batch_bytes"]?.int {
                guard v >= 1 else { throw ConfigError("limits.imap_batch_bytes invalide : \(v) (au moins 1)") }
                limits.imapBatchBytes = v
            }
        }
    }

    static func server(_ t: TOMLTable?) -> MailServer? {
        guard let t, let url = t["url"]?.string else { return nil }
        return MailServer(
            url: url, tls: t["tls"]?.string, username: t["username"]?.string,
            passwordEnv: t["password_env"]?.string, passwordFile: t["password_file"]?.string,
            caFile: t["ca_file"]?.string, processedMailbox: t["processed_mailbox"]?.string,
            allowPlaintext: t["allow_plaintext"]?.bool ?? false,
            verifyCertificate: t["verify_certificate"]?.bool ?? true)
    }

    /// Settings that weaken the mail servers' protection, one French sentence each. `run`, `poll` and `notify` print
    /// them on every run (on stderr, so cron mails them to staff): a test setting must not survive unnoticed.
    public var securityWarnings: [String] {
        var out: [String] = []
        for (section, server) in [("imap", imap), ("smtp", smtp)] {
            guard let server else { continue }
            if !server.verifyCertificate {
                out.append(
                    "Attention : [\(section)] verify_certificate = false : le certificat du serveur n'est pas vérifié, "
                        + "un tiers peut se faire passer pour lui et lire le mot de passe.")
            }
            if server.allowPlaintext {
                out.append(
                    "Attention : [\(section)] allow_plaintext = true : la connexion peut se faire sans chiffrement, "
                        + "mot de passe et courriels compris.")
            }
        }
        return out
    }

    /// The exercise a mail belongs to: the configured one, else the one that closed last before it arrived.
    /// `date` is the arrival time (see ``Ingestor/arrivalTime(transport:header:ingestedAt:)``); a date outside the
    /// calendar's years (which the arrival rule already avoids) counts as the nearest day it holds.
    public func exercise(forMailAt date: Date) -> Exercise {
        if let exercise { return exercise }
        let day =
            CalendarDate(parisDayOf: date)
            ?? (date.timeIntervalSince1970 < 0 ? CalendarDate.earliest : CalendarDate.latest)
        return Exercise(startYear: Exercise(containing: day).startYear - 1)
    }
}

extension Config.MailServer {
    /// `tls = "none"` would send the password in clear: accepted only together with `allow_plaintext = true`, which
    /// says it on purpose (and is then warned about on every run). An unknown value is refused.
    func validateTransportSecurity(section: String) throws {
        guard let tls = tls?.lowercased() else { return }
        guard ["starttls", "tls", "ssl", "implicit", "none"].contains(tls) else {
            throw ConfigError(
                "[\(section)] tls invalide : « \(tls) » (attendu : starttls, ou tls pour une connexion chiffrée d'emblée)"
            )
        }
        if tls == "none" && !allowPlaintext {
            throw ConfigError(
                "[\(section)] tls = \"none\" enverrait le mot de passe et les courriels en clair : refusé. "
                    + "Utilisez tls = \"starttls\", ou ajoutez allow_plaintext = true si le serveur est sur cette machine."
            )
        }
    }

    /// The password, from the environment variable or the owner-only file named in the config. Never logged.
    ///
    /// A variable is removed from coopmail's environment once read (no child process, and nothing reading
    /// `/proc/PID/environ` later, sees it); the value is kept in memory for the next reads of this run.
    public func password() throws -> String? {
        if auth == "xoauth2" { return nil }
        if let secret = try commandPassword() { return secret }
        if let name = passwordEnv {
            if let v = getenv(name).map({ String(cString: $0) }), !v.isEmpty {
                PasswordMemory.shared.keep(v, for: name)
                unsetenv(name)
                return v
            }
            guard let v = PasswordMemory.shared.value(for: name) else {
                throw ConfigError("la variable d'environnement \(name) (mot de passe) n'est pas définie")
            }
            return v
        }
        if let path = passwordFile {
            var st = stat()
            guard stat(path, &st) == 0 else { throw ConfigError("fichier de mot de passe introuvable : \(path)") }
            guard st.st_mode & 0o077 == 0 else {
                throw ConfigError(
                    "le fichier de mot de passe \(path) est lisible par d'autres utilisateurs : faites « chmod 600 \(path) »"
                )
            }
            guard st.st_uid == getuid() else {
                throw ConfigError("le fichier de mot de passe \(path) n'appartient pas à l'utilisateur courant")
            }
            let v = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
            return v
        }
        return nil
    }
}

/// Passwords read from (and removed from) the environment, by variable name.
final class PasswordMemory: @unchecked Sendable {
    static let shared = PasswordMemory()
    private let lock = NSLock()
    private var values: [String: String] = [:]

    func keep(_ value: String, for name: String) { lock.withLock { values[name] = value } }
    func value(for name: String) -> String? { lock.withLock { values[name] } }
}

public struct ConfigError: Error, CustomStringConvertible, LocalizedError {
    public let message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
    public var errorDescription: String? { message }
}

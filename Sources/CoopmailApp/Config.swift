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

    public struct MailServer: Sendable {
        public init(url: String, tls: String? = nil, username: String? = nil, passwordEnv: String? = nil, passwordFile: String? = nil,
                    caFile: String? = nil, processedMailbox: String? = nil, allowPlaintext: Bool = false, verifyCertificate: Bool = true) {
            self.url = url; self.tls = tls; self.username = username; self.passwordEnv = passwordEnv; self.passwordFile = passwordFile
            self.caFile = caFile; self.processedMailbox = processedMailbox; self.allowPlaintext = allowPlaintext
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
    }

    public struct Limits: Sendable {
        public var maxMessageBytes = 80 * 1024 * 1024
        public var mime = MIMELimits()
        public var zipMaxEntries = 100
        public var zipMaxTotalBytes = 100 * 1024 * 1024
        public var zipMaxRatio = 100
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
                guard let d = Int(v), (1...999).contains(d) else { throw ConfigError("organisation.department invalide : \(v)") }
                department = d
            }
            if let v = o["exercise"]?.string {
                guard let e = Exercise(v) else { throw ConfigError("organisation.exercise invalide : \(v) (attendu : 2020-2021)") }
                exercise = e
            }
        }
        imap = Config.server(t["imap"]?.table)
        smtp = Config.server(t["smtp"]?.table)
        smtpFrom = t["smtp"]?.table?["from"]?.string
        templatesDirectory = t["outcome"]?.table?["templates"]?.string
        if let l = t["limits"]?.table {
            if let v = l["max_message_bytes"]?.int { limits.maxMessageBytes = v }
            if let v = l["max_attachment_bytes"]?.int { limits.mime.maxAttachmentBytes = v }
            if let v = l["max_parts"]?.int { limits.mime.maxParts = v }
            if let v = l["max_depth"]?.int { limits.mime.maxDepth = v }
            if let v = l["zip_max_entries"]?.int { limits.zipMaxEntries = v }
            if let v = l["zip_max_total_bytes"]?.int { limits.zipMaxTotalBytes = v }
            if let v = l["zip_max_ratio"]?.int { limits.zipMaxRatio = v }
        }
    }

    static func server(_ t: TOMLTable?) -> MailServer? {
        guard let t, let url = t["url"]?.string else { return nil }
        return MailServer(url: url, tls: t["tls"]?.string, username: t["username"]?.string,
                          passwordEnv: t["password_env"]?.string, passwordFile: t["password_file"]?.string,
                          caFile: t["ca_file"]?.string, processedMailbox: t["processed_mailbox"]?.string,
                          allowPlaintext: t["allow_plaintext"]?.bool ?? false,
                          verifyCertificate: t["verify_certificate"]?.bool ?? true)
    }

    /// The exercise a mail belongs to: the configured one, else the one that closed last before it arrived.
    public func exercise(forMailAt date: Date) -> Exercise {
        if let exercise { return exercise }
        let day = CalendarDate(parisDayOf: date)
        return Exercise(startYear: Exercise(containing: day).startYear - 1)
    }
}

extension Config.MailServer {
    /// The password, from the environment variable or the owner-only file named in the config. Never logged.
    ///
    /// A variable is removed from coopmail's environment once read (no child process, and nothing reading
    /// `/proc/PID/environ` later, sees it); the value is kept in memory for the next reads of this run.
    public func password() throws -> String? {
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
                throw ConfigError("le fichier de mot de passe \(path) est lisible par d'autres utilisateurs : faites « chmod 600 \(path) »")
            }
            guard st.st_uid == getuid() else { throw ConfigError("le fichier de mot de passe \(path) n'appartient pas à l'utilisateur courant") }
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

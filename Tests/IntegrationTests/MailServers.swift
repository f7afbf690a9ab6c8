import CoopmailTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The loopback Dovecot and Postfix of `scripts/mailservers.sh`, started once per test process
/// (the script is idempotent and takes a file lock, so parallel test processes are fine).
enum MailServers {
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Values of `.state/mail/env` (or of the process environment when COOPMAIL_TEST_IMAPS_URL is set).
    static let environment: Result<MailTestEnvironment, StartFailure> = start()

    static func require() throws -> MailTestEnvironment { try environment.get() }

    static let repositoryRoot: URL = Repository.root

    private static func start() -> Result<MailTestEnvironment, StartFailure> {
        let processEnvironment = ProcessInfo.processInfo.environment
        if processEnvironment["COOPMAIL_TEST_IMAPS_URL"] != nil {
            return .success(MailTestEnvironment(values: processEnvironment))
        }
        let script = repositoryRoot.appendingPathComponent("scripts/mailservers.sh").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-mailservers-\(getpid()).log")
            .path
        defer { unlink(log) }
        let status = runWithoutPipes(["/bin/bash", script, "start"], log: log)
        guard status == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return .failure(StartFailure(description: "scripts/mailservers.sh start a échoué (\(status)) : \(output)"))
        }
        let envFile = repositoryRoot.appendingPathComponent(".state/mail/env")
        guard let text = try? String(contentsOf: envFile, encoding: .utf8) else {
            return .failure(StartFailure(description: "fichier \(envFile.path) absent après le démarrage"))
        }
        return .success(MailTestEnvironment(values: parseExports(text)))
    }

    /// posix_spawn + waitpid, output to a file: Foundation's Process was seen never reaping the script
    /// (a zombie bash, waitUntilExit spinning) once the script had started daemons.
    static func runWithoutPipes(_ arguments: [String], log: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// `export KEY='value'` lines → dictionary.
    static func parseExports(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equal = assignment.firstIndex(of: "=") else { continue }
            var value = assignment[assignment.index(after: equal)...]
            if value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 { value = value.dropFirst().dropLast() }
            values[String(assignment[..<equal])] = String(value)
        }
        return values
    }

    /// A TCP port on 127.0.0.1 where nothing listens (bound then released).
    static func closedLocalPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A mailbox name no other test uses.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "-" + UUID().uuidString.prefix(8).lowercased()
    }
}

struct MailTestEnvironment: Sendable {
    var values: [String: String]

    func value(_ key: String) -> String { values[key] ?? "" }

    var imapsURL: String { value("COOPMAIL_TEST_IMAPS_URL") }
    var imapURL: String { value("COOPMAIL_TEST_IMAP_URL") }
    var smtpsURL: String { value("COOPMAIL_TEST_SMTPS_URL") }
    var submissionURL: String { value("COOPMAIL_TEST_SUBMISSION_URL") }
    var caFile: String { value("COOPMAIL_TEST_CA_FILE") }
    var mailHome: String { value("COOPMAIL_TEST_MAIL_HOME") }

    func user(_ name: String) -> String { value("COOPMAIL_TEST_\(name.uppercased())_USER") }
    func password(_ name: String) -> String { value("COOPMAIL_TEST_\(name.uppercased())_PASSWORD") }
    func address(_ name: String) -> String { value("COOPMAIL_TEST_\(name.uppercased())_ADDRESS") }

    /// `ad75+detail@occe.test`: Dovecot's LMTP files it in ad75's mailbox `detail` (created on delivery).
    func address(_ name: String, detail: String) -> String {
        let full = address(name)
        guard let at = full.firstIndex(of: "@") else { return full }
        return full[..<at] + "+" + detail + full[at...]
    }
}

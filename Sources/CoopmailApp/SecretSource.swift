import Foundation
import TOMLKit

/// Secrets taken from a command (`password_command`, `token_command`, as mbsync's `PassCmd`), and the XOAUTH2
/// login (`auth = "xoauth2"`) of mailboxes that refuse passwords (Microsoft 365, Google Workspace).
///
/// The command is run with an argument array, never through a shell: `["pass", "show", "occe/imap"]`, or a string
/// split on spaces with simple quotes (`'…'` or `"…"`) keeping words together. It has 10 seconds; the first line of
/// its standard output is the secret. A command that fails, times out or prints nothing is an error in French, and
/// no login is attempted.
public enum SecretCommand {
    public static let timeout: TimeInterval = 10

    /// Splits `pass show "occe/imap boîte"` into words; quotes group, a backslash escapes the next character.
    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                inWord = true
                continue
            }
            if c == "\\" && quote != "'" {
                escaped = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                inWord = true
                continue
            }
            if c == " " || c == "\t" {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                continue
            }
            current.append(c)
            inWord = true
        }
        guard quote == nil, !escaped else {
            throw ConfigError("guillemet ou barre oblique non fermé dans la commande : \(line)")
        }
        if inWord { words.append(current) }
        return words
    }

    /// Reads a command key: a TOML array of strings, or a string split by ``split(_:)``.
    static func parse(_ value: TOMLValueConvertible?, key: String) throws -> [String]? {
        guard let value else { return nil }
        let words: [String]
        if let array = value.array {
            words = try array.map { item in
                guard let s = item.string else {
                    throw ConfigError("\(key) : chaque élément doit être une chaîne entre guillemets")
                }
                return s
            }
        } else if let s = value.string {
            words = try split(s)
        } else {
            throw ConfigError("\(key) : attendu une commande, par exemple \(key) = [\"pass\", \"show\", \"occe/imap\"]")
        }
        guard let first = words.first, !first.isEmpty else { throw ConfigError("\(key) est vide") }
        return words
    }

    /// Runs the command and returns the first line of its output. Never logs the secret.
    public static func run(_ command: [String], key: String, timeout: TimeInterval = timeout) throws -> String {
        let name = command.first ?? ""
        let process = Process()
        if name.contains("/") {
            process.executableURL = URL(fileURLWithPath: name)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["--"] + command
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do { try process.run() } catch {
            throw ConfigError(
                "\(key) : impossible de lancer « \(name) » (\(error.localizedDescription)) ; aucune connexion tentée")
        }
        final class Box: @unchecked Sendable {
            var out = Data()
            var err = Data()
        }
        let box = Box()
        let read = DispatchGroup()
        read.enter()
        DispatchQueue.global().async {
            box.out = out.fileHandleForReading.readDataToEndOfFile()
            read.leave()
        }
        read.enter()
        DispatchQueue.global().async {
            box.err = err.fileHandleForReading.readDataToEndOfFile()
            read.leave()
        }
        if ended.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
            throw ConfigError(
                "\(key) : la commande « \(name) » n'a pas répondu en \(Int(timeout)) secondes (arrêtée) ; aucune connexion tentée"
            )
        }
        // A child it left behind may hold the pipes open: its output is not waited for.
        guard read.wait(timeout: .now() + 2) == .success else {
            throw ConfigError(
                "\(key) : la commande « \(name) » a laissé un processus qui garde sa sortie ouverte ; aucune connexion tentée"
            )
        }
        let status = process.terminationStatus
        guard process.terminationReason == .exit, status == 0 else {
            let why =
                String(decoding: box.err, as: UTF8.self).split(whereSeparator: \.isNewline).first.map {
                    " : \($0.prefix(200))"
                } ?? ""
            let code = status == 127 && !name.contains("/") ? "commande introuvable" : "code de sortie \(status)"
            throw ConfigError("\(key) : la commande « \(name) » a échoué (\(code))\(why) ; aucune connexion tentée")
        }
        // Bytes, not characters: "\r\n" is one Swift character.
        var line = box.out.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        let secret = String(decoding: line, as: UTF8.self)
        guard !secret.isEmpty else {
            throw ConfigError(
                "\(key) : la commande « \(name) » n'a rien écrit sur sa première ligne ; aucune connexion tentée")
        }
        return secret
    }
}

extension Config.MailServer {
    /// Reads `auth`, `password_command` and `token_command` of a `[imap]` or `[smtp]` section.
    mutating func readSecretSources(_ table: TOMLTable?, section: String) throws {
        guard let table else { return }
        passwordCommand = try SecretCommand.parse(table["password_command"], key: "[\(section)] password_command")
        tokenCommand = try SecretCommand.parse(table["token_command"], key: "[\(section)] token_command")
        if let a = table["auth"]?.string?.lowercased() {
            guard ["password", "xoauth2"].contains(a) else {
                throw ConfigError("[\(section)] auth invalide : « \(a) » (attendu : password ou xoauth2)")
            }
            auth = a
        }
        if auth == "xoauth2" && tokenCommand == nil {
            throw ConfigError(
                "[\(section)] auth = \"xoauth2\" demande token_command (la commande qui donne le jeton d'accès)")
        }
    }

    /// The password from `password_command`, when configured (it comes before `password_env` and `password_file`).
    func commandPassword() throws -> String? {
        guard auth != "xoauth2", let passwordCommand else { return nil }
        return try SecretCommand.run(passwordCommand, key: "password_command")
    }

    /// The OAuth 2 access token for `auth = "xoauth2"`, fresh from `token_command`; nil for a password login.
    public func bearerToken() throws -> String? {
        guard auth == "xoauth2", let tokenCommand else { return nil }
        return try SecretCommand.run(tokenCommand, key: "token_command")
    }
}

import ArgumentParser
import CoopmailApp
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp(
            "Dossier de données (base et pièces reçues). Variable : COOPMAIL_DATA_DIR.", valueName: "DOSSIER"))
    var dataDir: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Fichier de configuration TOML. Variable : COOPMAIL_CONFIG.", valueName: "FICHIER"))
    var config: String?

    @Option(
        name: .customLong("par"),
        help: ArgumentHelp(
            "Votre nom, enregistré avec chaque décision et chaque note (sinon la variable COOPMAIL_STAFF, sinon le compte Unix).",
            valueName: "NOM"))
    var staff: String?

    var resolvedDataDir: String {
        if let dataDir { return dataDir }
        let env = ProcessInfo.processInfo.environment
        if let d = env["COOPMAIL_DATA_DIR"], !d.isEmpty { return d }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return base + "/coopmail"
    }

    func loadConfig() throws -> Config {
        let path = config ?? ProcessInfo.processInfo.environment["COOPMAIL_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path else { return Config() }
        return try Config(file: path)
    }

    /// Opens the store, creating the data folder when it does not exist (commands that bring data in).
    func openStore() throws -> Store {
        try Store(path: resolvedDataDir)
    }

    /// Opens the store of an existing data folder. Commands that only read or decide never create one: a mistyped
    /// --data-dir would otherwise show an empty season instead of saying the folder is not there.
    func openExistingStore() throws -> Store {
        let dir = resolvedDataDir
        let database = URL(fileURLWithPath: dir).appendingPathComponent("coopmail.sqlite").path
        guard FileManager.default.fileExists(atPath: database) else {
            printError(
                "Erreur : aucun dossier de données coopmail dans « \(dir) » (fichier coopmail.sqlite absent). "
                    + "Vérifiez --data-dir ou COOPMAIL_DATA_DIR ; « coopmail coops import » ou « coopmail ingest » le créent."
            )
            throw ExitCode(1)
        }
        return try openStore()
    }

    /// Who is acting: --par, else COOPMAIL_STAFF, else the Unix account.
    var actor: String {
        if let staff, let name = StaffName.clean(staff) { return name }
        return StaffUser.current()
    }
}

/// A staff member's name as typed: trimmed, without control characters, at most 80 characters.
enum StaffName {
    static func clean(_ text: String) -> String? {
        let kept = String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(80))
            .trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? nil : kept
    }
}

/// A mistake in how a command was typed (a value it cannot take): exit code 64, like the parser's own errors.
struct UsageError: Error, LocalizedError {
    let message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
}

/// The French line of an error, for the warnings commands write and go on (`Coopmail.main` writes the fatal ones).
enum French {
    static func message(_ error: Error) -> String { ErrorMessage.french(error) }
}

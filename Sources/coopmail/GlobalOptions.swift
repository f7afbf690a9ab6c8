import ArgumentParser
import CoopmailApp
import CoopmailStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Dossier de données (base et pièces reçues). Variable : COOPMAIL_DATA_DIR.", valueName: "DOSSIER"))
    var dataDir: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Fichier de configuration TOML. Variable : COOPMAIL_CONFIG.", valueName: "FICHIER"))
    var config: String?

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
        return try French.run { try Config(file: path) }
    }

    func openStore() throws -> Store {
        try French.run { try Store(path: resolvedDataDir) }
    }
}

/// Turns any error into one French line on stderr and a non-zero exit.
enum French {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ExitCode { throw e } catch {
            FileHandle.standardError.write(Data(("Erreur : " + message(error) + "\n").utf8))
            throw ExitCode(1)
        }
    }

    static func runAsync<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as ExitCode { throw e } catch {
            FileHandle.standardError.write(Data(("Erreur : " + message(error) + "\n").utf8))
            throw ExitCode(1)
        }
    }

    static func message(_ error: Error) -> String {
        if let full = StoreError.diskFull(from: error) { return full.description }
        if let e = error as? LocalizedError, let d = e.errorDescription { return d }
        return "\(error)"
    }
}

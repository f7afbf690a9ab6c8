import ArgumentParser
import CoopmailApp
import CoopmailDomain

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporte les envois et les dossiers d'un exercice (JSON ou CSV) sur la sortie standard.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Format : json (pour les outils) ou csv (pour les tableurs, une ligne par pièce).") var format:
        Format = .json
    @Option(
        name: [.customLong("exercise"), .customLong("exercice")],
        help: ArgumentHelp(
            "Exercice, par exemple 2020-2021 ou 2020-21 (par défaut : celui de la configuration, sinon le plus récent).",
            valueName: "AAAA-AAAA"))
    var exercise: Exercise?

    func run() throws {
        let config = try global.loadConfig()
        let store = try global.openExistingStore()
        let exporter = Exporter(store: store, config: config)
        let chosen: Exercise
        if let exercise {
            chosen = exercise
        } else if let e = try exporter.defaultExercise() {
            chosen = e
        } else {
            throw ConfigError("aucun envoi enregistré : précisez --exercice 2020-2021")
        }
        // Streamed: each piece is written as soon as it is read (memory does not grow with the season).
        switch format {
        case .json:
            try exporter.writeJSON(exercise: chosen) { print($0, terminator: "") }
            print()
        case .csv:
            // Rows end with CR LF, kept as they are (through the module's `print`, each CR became `\u000d`).
            try exporter.writeCSV(exercise: chosen) { Swift.print(TerminalText.safeKeepingCRLF($0), terminator: "") }
        }
    }
}

import ArgumentParser
import CoopmailApp
import CoopmailDomain

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporte les envois et les dossiers d'un exercice (JSON ou CSV) sur la sortie standard.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Format : json (pour les outils) ou csv (pour les tableurs, une ligne par pièce).") var format: Format = .json
    @Option(help: ArgumentHelp("Exercice, par exemple 2020-2021 (par défaut : celui de la configuration, sinon le plus récent).", valueName: "AAAA-AAAA"))
    var exercise: String?

    func run() throws {
        let config = try global.loadConfig()
        let store = try global.openStore()
        try French.run {
            let exporter = Exporter(store: store, config: config)
            let chosen: Exercise
            if let exercise {
                guard let e = Exercise(exercise) else { throw ConfigError("exercice invalide : « \(exercise) » (attendu : 2020-2021)") }
                chosen = e
            } else if let e = try exporter.defaultExercise() {
                chosen = e
            } else {
                throw ConfigError("aucun envoi enregistré : précisez --exercise 2020-2021")
            }
            print(format == .json ? try exporter.json(exercise: chosen) : try exporter.csv(exercise: chosen), terminator: format == .json ? "\n" : "")
        }
    }
}

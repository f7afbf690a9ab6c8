import ArgumentParser
import CoopmailApp
import Foundation

struct CoopsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coops", abstract: "Registre des coopératives.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe (ou met à jour) le registre des coopératives depuis un fichier CSV.",
            discussion: """
                Colonnes : numero;ecole;commune;mandataire;email;iban  (séparateur « ; » ou « , »)
                  numero   075-0123 (ou 75-123)
                  email    une ou plusieurs adresses séparées par « | »
                Un fichier avec une erreur est refusé en entier : rien n'est importé, la ligne fautive est indiquée.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Fichier CSV du registre.", valueName: "FICHIER.csv")) var file: String

        func run() throws {
            let config = try global.loadConfig()
            let store = try global.openStore()
            let s = try RegistryImporter(store: store, defaultDepartment: config.department).importCooperatives(
                csv: try readText(file))
            refreshDossiers(store)
            print(
                "Registre importé : \(s.added) coopérative(s) ajoutée(s), \(s.updated) mise(s) à jour, \(s.unchanged) inchangée(s)."
            )
        }
    }
}

func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ConfigError("fichier introuvable ou illisible : \(path)")
    }
    guard let s = String(data: data, encoding: .utf8) else {
        throw ConfigError("le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 » depuis le tableur)")
    }
    return s
}

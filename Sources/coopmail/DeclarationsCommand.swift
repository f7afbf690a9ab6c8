import ArgumentParser
import CoopmailApp

struct DeclarationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declarations", abstract: "Chiffres déclarés dans les comptes rendus financiers (export Retkoop).",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Importe (ou met à jour) les chiffres déclarés depuis un fichier CSV.",
            discussion: """
                Colonnes : numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;
                           cheques_non_debites;encaissements_non_credites
                Montants en euros : « 1 234,56 », « 1234.56 », « -12,00 ». Exercice : « 2020-2021 ».
                Un fichier avec une erreur est refusé en entier.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Fichier CSV des déclarations.", valueName: "FICHIER.csv")) var file: String

        func run() throws {
            let config = try global.loadConfig()
            let store = try global.openStore()
            let s = try RegistryImporter(store: store, defaultDepartment: config.department).importDeclarations(
                csv: try readText(file))
            refreshDossiers(store)
            print("Déclarations importées : \(s.added) ajoutée(s), \(s.updated) mise(s) à jour.")
        }
    }
}

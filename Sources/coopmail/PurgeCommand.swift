import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailText
import Foundation

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Supprime les courriels bruts et les pièces jointes des exercices anciens, en gardant les dossiers.",
        discussion: """
            Supprime, pour chaque exercice antérieur à celui donné, les courriels tels que reçus, leurs pièces jointes, \
            le texte lu de ces pièces et les réponses déjà envoyées. Sont conservés : les coopératives, les chiffres \
            déclarés et lus (soldes, relevés, quitus), les vérifications, les dossiers, les décisions et leur \
            historique, et pour chaque courriel son expéditeur, sa date et son objet (marqué « purgé »).
            Une pièce encore citée par un exercice gardé (la même pièce renvoyée plus tard) reste.
            La purge est notée dans l'historique de chaque dossier touché.
            Commencez par --dry-run, qui compte sans rien supprimer. Faites une sauvegarde avant (coopmail backup).
            Exemple : coopmail purge --avant-exercice 2016-2017 --dry-run
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("avant-exercice"),
        help: ArgumentHelp(
            "Purger les exercices antérieurs à celui-ci (il est gardé, lui et les suivants).", valueName: "AAAA-AAAA"))
    var before: String
    @Flag(name: .customLong("dry-run"), help: "Compter ce qui serait supprimé, sans rien supprimer.") var dryRun = false

    func run() throws {
        let store = try global.openStore()
        let report = try Maintenance.purge(store, before: before, dryRun: dryRun)
        let verb = dryRun ? "Seraient supprimés" : "Supprimés"
        print(
            "\(verb) (exercices antérieurs à \(report.before)) : \(Plural.count(report.messages, "courriel")), "
                + "\(Plural.count(report.documents, "pièce jointe", "pièces jointes")), "
                + "\(Plural.count(report.answers, "réponse envoyée", "réponses envoyées")) ; "
                + "\(Plural.count(report.blobs, "fichier")) (\(FrenchFormat.megabytes(report.bytes))).")
        if report.shared > 0 {
            print(
                report.shared == 1
                    ? "1 fichier gardé : encore cité par un exercice conservé."
                    : "\(report.shared) fichiers gardés : encore cités par un exercice conservé.")
        }
        if report.unprocessed > 0 {
            print(
                report.unprocessed == 1
                    ? "1 courriel pas encore traité laissé tel quel."
                    : "\(report.unprocessed) courriels pas encore traités laissés tels quels.")
        }
        print(
            dryRun
                ? "Rien n'a été supprimé (--dry-run)."
                : "Historique noté dans \(Plural.count(report.dossiers, "dossier")) ; dossiers, chiffres et décisions conservés."
        )
    }
}

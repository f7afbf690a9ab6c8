import ArgumentParser

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Envoie les réponses en attente aux mandataires (SMTP).",
        discussion: """
            Chaque réponse est envoyée une seule fois. Un échec temporaire (serveur indisponible, code 4xx) est réessayé
            plus tard ; un refus définitif (code 5xx) est signalé dans « review » avec sa raison.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .shortAndLong, help: "Affiche le détail des opérations sur la sortie d'erreur.") var verbose = false

    func run() async throws {
        try await CronRunner.run(global, verbose: verbose) { pipeline in pipeline.notify() }
    }
}

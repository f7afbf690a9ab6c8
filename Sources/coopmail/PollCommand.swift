import ArgumentParser

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract:
            "Relève les nouveaux e-mails (IMAP), les enregistre, lit les pièces jointes et prépare les accusés de réception.",
        discussion: """
            Un message n'est déplacé dans le dossier « processed_mailbox » du serveur qu'une fois enregistré sur le disque.
            Silencieux quand il n'y a rien de nouveau. Codes de sortie : 0 normal, 1 une intervention est nécessaire
            (mot de passe, certificat, dossier inconnu, configuration), 2 serveur injoignable depuis plus d'une heure.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .shortAndLong, help: "Affiche le détail des opérations sur la sortie d'erreur.") var verbose = false
    @Flag(
        name: .customLong("sans-lecture"),
        help: "Relever et enregistrer seulement, sans lire les pièces jointes (elles le seront au prochain « run »).")
    var noReading = false

    func run() async throws {
        try await CronRunner.run(global, verbose: verbose) { pipeline in
            var report = pipeline.poll()
            if !noReading { report.merge(await pipeline.process()) }
            return report
        }
    }
}

import ArgumentParser

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Relève, lit, contrôle et répond : la ligne unique de la crontab.",
        discussion: """
            Équivaut à « poll » puis « notify ». Exemple de crontab (toutes les 10 minutes) :
              */10 * * * * coopmail run --config /etc/coopmail/coopmail.toml --data-dir /var/lib/coopmail
            Silencieux quand rien ne s'est passé, une ligne de résumé sinon. Codes de sortie : 0 normal (aussi quand une
            autre exécution est en cours), 1 une intervention est nécessaire (dont un courriel mis de côté « en échec » : voir
            « coopmail review »), 2 serveur injoignable depuis plus d'une heure. Les réponses déjà prêtes partent avant la
            lecture des nouveaux courriels : un courriel qui fait échouer la lecture ne les retient pas.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .shortAndLong, help: "Affiche le détail des opérations sur la sortie d'erreur.") var verbose = false

    func run() async throws {
        try await CronRunner.run(global, verbose: verbose) { pipeline in await pipeline.run() }
    }
}

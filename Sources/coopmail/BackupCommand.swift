import ArgumentParser
import CoopmailApp
import CoopmailText
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Copie le dossier de données (base et pièces) dans un nouveau dossier, même pendant une exécution de cron.",
        discussion: """
            La base est copiée d'un seul instantané (sauvegarde en ligne de SQLite), puis chaque pièce qu'elle cite est \
            copiée et contrôlée (empreinte SHA-256). Le dossier de sauvegarde est créé privé (0700) ; il doit être \
            nouveau ou vide.

            Restaurer : arrêter coopmail (cron ou minuteur systemd), mettre le dossier de données de côté, puis copier la \
            sauvegarde à sa place, par exemple :
              systemctl stop coopmail.timer
              mv /var/lib/coopmail /var/lib/coopmail.ancien
              cp -a /sauvegardes/coopmail-2026-12-03 /var/lib/coopmail
              coopmail verify --data-dir /var/lib/coopmail
              systemctl start coopmail.timer
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Dossier de sauvegarde à créer (nouveau ou vide).", valueName: "DESTINATION"))
    var destination: String

    func run() throws {
        let store = try global.openStore()
        let report = try Maintenance.backup(store, to: destination)
        print(
            "Sauvegarde terminée dans \(report.destination) : la base et \(Plural.count(report.blobs, "fichier")) (\(FrenchFormat.megabytes(report.bytes)))."
        )
    }
}

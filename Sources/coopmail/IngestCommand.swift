import ArgumentParser
import CoopmailApp
import Foundation

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract:
            "Enregistre des e-mails depuis des fichiers (.eml, dossiers, Maildir, mbox) et lit leurs pièces jointes.",
        discussion: """
            Chaque message est conservé tel quel et ses pièces jointes sont enregistrées, puis lues (texte des PDF,
            reconnaissance de caractères des scans et photos) et rattachées à une coopérative quand c'est certain.
            Un message déjà reçu n'est pas ajouté une seconde fois (même Message-ID).
            Un message mal formé ou dangereux est mis en quarantaine avec son motif ; les autres continuent.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(
        name: .customLong("sans-lecture"),
        help: "Enregistrer seulement, sans lire les pièces jointes (elles le seront au prochain « run » ou « ingest »)."
    )
    var noReading = false
    @Argument(help: ArgumentHelp("Fichiers ou dossiers à lire.", valueName: "CHEMIN")) var paths: [String]

    func run() async throws {
        let config = try global.loadConfig()
        let store = try global.openStore()
        let ingestor = Ingestor(store: store, config: config)
        let tty = isatty(STDERR_FILENO) != 0
        let summary = try ingestor.ingest(paths: paths) { s in
            if tty && s.total >= 100 { FileHandle.standardError.write(Data("\r… \(s.total) messages lus".utf8)) }
        }
        if tty && summary.total >= 100 { FileHandle.standardError.write(Data("\r".utf8)) }
        refreshDossiers(store)
        print(summary.description)
        if !noReading {
            let read = try await Processor(store: store, config: config).run()
            if read.messages + read.failed + read.setAside > 0 { print(read.line) }
            if read.busy {
                print(
                    "Lecture : une autre exécution de coopmail lit déjà les courriels de ce dossier ; elle lira aussi ceux-ci."
                )
            }
        }
    }
}

import ArgumentParser
import Foundation

@main
struct Coopmail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coopmail",
        abstract: "Reçoit les comptes rendus financiers des coopératives scolaires par e-mail et prépare les dossiers.",
        discussion: """
            Étapes d'une saison :
              1. coopmail coops import registre.csv    (le registre des coopératives)
              2. coopmail declarations import retkoop.csv
                                          (les chiffres déclarés dans Retkoop)
              3. coopmail ingest courriels/   (ou « coopmail run » par cron, avec IMAP)
              4. coopmail review                  (la file des dossiers à traiter)
                 coopmail show 075-0123, puis approve, reject --motif « … »,
                 reassign, note, history, status, reessayer
                 coopmail review --questions, answered MESSAGE, remind (relances)
              5. coopmail export --format json    (pour les tableurs et les outils)

            Exploitation :
              coopmail backup DOSSIER                        (sauvegarde)
              coopmail verify [--reparer]                    (intégrité)
              coopmail purge --avant-exercice 2016-2017 [--dry-run]
                                       (conservation limitée des courriels)

            Le dossier de données (--data-dir ou COOPMAIL_DATA_DIR) contient la
            base et les pièces reçues ; il est privé à son propriétaire.
            """,
        subcommands: [
            CoopsCommand.self, DeclarationsCommand.self, IngestCommand.self, PollCommand.self, NotifyCommand.self,
            RunCommand.self, ExportCommand.self, ReviewCommand.self, ShowCommand.self, OpenCommand.self,
            ApproveCommand.self, RejectCommand.self, ReassignCommand.self, NoteCommand.self, HistoryCommand.self,
            StatusCommand.self, RemindCommand.self, AnsweredCommand.self, RetryCommand.self, ReopenCommand.self,
            MailsCommand.self,
            BackupCommand.self, VerifyCommand.self, PurgeCommand.self, BenchSignaturesCommand.self,
        ]
    )

    /// Parses and runs. Usage errors are written in French (help and command errors pass through unchanged); any
    /// error a command could not get past is turned into one French line here, once: exit 64 for a value the
    /// command cannot take (`UsageError`), 1 otherwise; the commands' own exit codes (`ExitCode`) pass unchanged.
    static func main() async {
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exitForParseError(error) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser's own errors (help asked for, an exit code) are its to write.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { exitForParseError(error) }
            printError("Erreur : " + French.message(error))
            Foundation.exit(error is UsageError ? 64 : 1)
        }
    }

    /// A command line that does not parse (or asks for help): ArgumentParser's message in French, with hints.
    static func exitForParseError(_ error: Error) -> Never {
        let code = exitCode(for: error)
        if error is ExitCode { exit(withError: error) }
        if code == .success {
            // Help: ArgumentParser writes parts of it in English.
            print(ParseErrorFrench.translate(fullMessage(for: error)))
            Foundation.exit(0)
        }
        var message = ParseErrorFrench.translate(fullMessage(for: error))
        if !message.hasPrefix("Erreur") { message = "Erreur : " + message }
        for hint in UsageHints.hints(
            arguments: Array(CommandLine.arguments.dropFirst()),
            commands: configuration.subcommands.map { $0._commandName })
        {
            message += "\n" + hint
        }
        printError(message)
        Foundation.exit(code.rawValue)
    }
}

import ArgumentParser
import CoopmailApp

struct AnsweredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answered",
        abstract: "Marque une question d'un mandataire comme répondue : elle quitte la liste « review --questions ».",
        discussion: """
            MESSAGE : le numéro du message, tel que « coopmail review --questions » l'affiche (12 ou message:12).
            Qui a répondu et quand sont notés, ainsi que dans l'historique du dossier de la coopérative.
            coopmail n'envoie rien : la réponse elle-même part de votre messagerie.

            Exemple :
              coopmail answered 12 --par Claire
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Numéro du message (12 ou message:12).", valueName: "MESSAGE")) var message: String

    func run() throws {
        let ctx = try StaffContext(global)
        let done = try QuestionDesk(store: ctx.store, actor: global.actor).markAnswered(message)
        print(
            "Question n° \(done.message) « \(done.subject ?? "sans objet") » marquée répondue par \(done.actor)"
                + (done.cooperative.map { " (noté dans l'historique du dossier \($0))." } ?? "."))
    }
}

import ArgumentParser
import CoopmailApp
import Foundation

struct MailsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courriers",
        abstract:
            "Les messages aux mandataires qui attendent de partir : les lire tels qu'ils partiront, en annuler un.",
        discussion: """
            Sans numéro : la liste des messages en attente d'envoi. Avec un numéro : le message exactement tel qu'il partira
            (destinataires, objet, texte). Avec --annuler : il ne partira pas (noté avec votre nom).

            Exemples :
              coopmail courriers
              coopmail courriers 12
              coopmail courriers 12 --annuler
              coopmail courriers --json              (la liste, pour un script)
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Numéro du message (donné par la liste).", valueName: "NUMERO")) var id: Int64?
    @Flag(name: .customLong("annuler"), help: "Annuler ce message avant son envoi.") var cancel = false
    @OptionGroup var output: JSONFlag

    /// `courriers N --json`: one mail as it will leave.
    struct PreviewJSON: Encodable {
        var mail: AnswersText.Sent
        var text: String
    }

    func run() throws {
        let ctx = try StaffContext(global)
        guard let id else {
            if cancel {
                throw UsageError("--annuler demande le numéro du message : coopmail courriers NUMERO --annuler")
            }
            let waiting = try ctx.store.waitingMails()
            if output.json {
                try printJSON(waiting.map { AnswersText.Sent($0) })
                return
            }
            if waiting.isEmpty {
                print("Aucun message en attente d'envoi.")
                return
            }
            for r in waiting {
                let to = r.recipientList.joined(separator: ", ")
                print(
                    "  \(r.id ?? 0)  \(FrenchFormat.dateTime(r.createdAt))  \(r.cooperative ?? "—")  "
                        + "\(AnswersText.kindNames[r.kind] ?? r.kind.rawValue) → \(to)")
            }
            print("Lire un message : coopmail courriers NUMERO ; l'annuler : coopmail courriers NUMERO --annuler")
            return
        }
        guard let row = try ctx.store.outboxMail(id: id) else { throw UsageError("aucun message n° \(id)") }
        if cancel {
            guard try ctx.store.cancelMail(id: id, reason: "annulé par \(global.actor)") else {
                throw ConfigError(
                    "le message n° \(id) n'attend plus d'envoi (\(AnswersText.stateNames[row.state] ?? row.state.rawValue)) : "
                        + "il ne peut plus être annulé.")
            }
            print("Message n° \(id) annulé : il ne partira pas.")
            return
        }
        let preview = try OutboxPreview(store: ctx.store).render(row)
        if output.json {
            try printJSON(PreviewJSON(mail: AnswersText.Sent(row), text: preview))
            return
        }
        print("Message n° \(id) — \(AnswersText.stateNames[row.state] ?? row.state.rawValue)")
        print(preview)
    }
}

import ArgumentParser
import CoopmailApp
import Foundation

struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reessayer",
        abstract:
            "Remet dans la file un courriel mis de côté « en échec », pour qu'il soit relu (après une correction).",
        discussion: """
            Un courriel dont la lecture a échoué deux fois (erreur, ou arrêt brutal du programme pendant sa lecture) est mis
            de côté « en échec » : « coopmail review » le liste avec l'erreur. Après une mise à jour de coopmail, cette
            commande le remet dans la file ; il sera relu au prochain « coopmail run » (ou « coopmail ingest »).

            MESSAGE : le numéro affiché par « coopmail review », ou le Message-ID du courriel.
            Exemples :
              coopmail reessayer 42
              coopmail reessayer '<CAF3x@mail.example>'
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(
        help: ArgumentHelp("Numéro du courriel (voir « coopmail review ») ou son Message-ID.", valueName: "MESSAGE"))
    var message: String

    func run() throws {
        let store = try global.openStore()
        guard let id = try store.messageID(reference: message) else {
            throw ConfigError(
                "courriel « \(SetAsideText.printable(message)) » introuvable : donnez le numéro affiché par « coopmail review » ou le Message-ID."
            )
        }
        guard try store.retryProcessing(id) else {
            throw ConfigError("le courriel n° \(id) n'est pas « en échec » : rien à réessayer.")
        }
        print(
            "Courriel n° \(id) remis dans la file : il sera relu au prochain « coopmail run » ou « coopmail ingest »."
        )
    }
}

import ArgumentParser
import CoopmailApp
import Foundation

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Rejette le dossier d'une coopérative, avec un motif (obligatoire) destiné au mandataire.",
        discussion: """
            Le motif est envoyé au mandataire (« coopmail notify » ou « coopmail run ») : une phrase qu'un enseignant comprend.
            Rejeter un dossier déjà validé annule la validation : la confirmation est demandée (sans terminal : --force), et le
            message « validé » qui n'est pas encore parti est annulé. Rejeter deux fois avec le même motif n'envoie rien de plus.

            Exemple :
              coopmail reject 075-0123 --motif "Le relevé d'août manque : merci de l'envoyer."
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop:
        String
    @Option(
        name: .customLong("motif"),
        help: ArgumentHelp("Motif du rejet (obligatoire), lu par le mandataire.", valueName: "TEXTE"))
    var reason: String?
    @Flag(help: "Rejeter sans question un dossier déjà validé (la validation est annulée).") var force = false

    func run() throws {
        let ctx = try StaffContext(global)
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DossierError.reasonRequired(.reject)
        }
        let number = try ctx.resolver.cooperative(coop)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
        var force = self.force
        if !force, try ctx.service.dossier(number, exercise: chosen)?.status == .validated, Terminal.interactive {
            print(
                "Le dossier \(number) (\(chosen)) est validé. Le rejeter annule la validation. Continuer ? [o/N] ",
                terminator: "")
            fflush(stdout)
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "o" || answer == "oui" else {
                print("Dossier laissé validé.")
                throw ExitCode(1)
            }
            force = true
        }
        let outcome = try ctx.service.reject(number, exercise: chosen, reason: reason, force: force)
        print(
            "Dossier \(number) (\(chosen)) rejeté par \(outcome.decision.actor). Motif : \(outcome.decision.reason ?? reason)"
        )
        ctx.queueDecisionMail(outcome)
    }
}

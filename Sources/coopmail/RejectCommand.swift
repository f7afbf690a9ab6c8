import ArgumentParser
import CoopmailApp
import CoopmailDossier

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Rejette le dossier d'une coopérative, avec un motif (obligatoire) destiné au mandataire.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop: String
    @Option(name: .customLong("motif"), help: ArgumentHelp("Motif du rejet (obligatoire), lu par le mandataire.", valueName: "TEXTE"))
    var reason: String?

    func run() throws {
        let ctx = try StaffContext(global)
        try French.run {
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw DossierError.reasonRequired("rejeter un dossier")
            }
            let number = try ctx.resolver.cooperative(coop)
            let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
            let outcome = try ctx.service.reject(number, exercise: chosen, reason: reason)
            print("Dossier \(number) (\(chosen)) rejeté par \(outcome.decision.actor). Motif : \(outcome.decision.reason ?? reason)")
            ctx.queueDecisionMail(outcome)
        }
    }
}

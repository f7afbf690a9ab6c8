import ArgumentParser
import CoopmailApp
import CoopmailText

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rouvrir",
        abstract: "Reprend une décision : le dossier validé ou rejeté revient au statut que donnent ses contrôles.",
        discussion: """
            Le message de la décision, s'il n'est pas encore parti, est annulé. La reprise est notée dans l'historique.

            Exemple :
              coopmail rouvrir 075-0123 --motif "validé par erreur"
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop:
        String
    @Option(
        name: .customLong("motif"),
        help: ArgumentHelp("Pourquoi la décision est reprise (noté dans l'historique).", valueName: "TEXTE"))
    var reason: String?

    func run() throws {
        let ctx = try StaffContext(global)
        let number = try ctx.resolver.cooperative(coop)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
        let (decision, cancelled) = try ctx.service.reopen(number, exercise: chosen, reason: reason)
        let status = try ctx.service.dossier(number, exercise: chosen)?.status.label ?? "—"
        print("Dossier \(number) (\(chosen)) rouvert par \(decision.actor) : statut « \(status) ».")
        if cancelled > 0 {
            print(
                "\(Plural.count(cancelled, "message")) au mandataire annulé\(Plural.s(cancelled)) avant son envoi."
            )
        }
    }
}

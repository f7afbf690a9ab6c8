import ArgumentParser
import CoopmailApp

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Affiche l'historique des décisions sur le dossier d'une coopérative.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @OptionGroup var output: JSONFlag
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop:
        String

    func run() throws {
        let ctx = try StaffContext(global)
        let number = try ctx.resolver.cooperative(coop)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
        try ctx.service.refreshPending()
        let history = try ctx.service.history(number, exercise: chosen)
        if output.json {
            try printJSON(
                DossierJSON.History(
                    cooperative: number.description, exercise: chosen.description,
                    history: history.map(DossierPresentation.HistoryEntry.init)))
            return
        }
        print("Historique du dossier \(number) (\(chosen)) :")
        if history.isEmpty { print("  aucune décision") }
        for h in history { print(HistoryText.line(h)) }
    }
}

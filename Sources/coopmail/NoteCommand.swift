import ArgumentParser
import CoopmailApp

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Ajoute une note à l'historique du dossier d'une coopérative.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop:
        String
    @Argument(help: ArgumentHelp("Le texte de la note.", valueName: "TEXTE")) var text: String

    func run() throws {
        let ctx = try StaffContext(global)
        let number = try ctx.resolver.cooperative(coop)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
        let d = try ctx.service.note(number, exercise: chosen, text: text)
        print("Note ajoutée au dossier \(number) (\(chosen)) par \(d.actor).")
    }
}

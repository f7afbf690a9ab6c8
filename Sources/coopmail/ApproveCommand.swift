import ArgumentParser
import CoopmailApp
import CoopmailText
import Foundation

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Valide le dossier d'une coopérative.",
        discussion: """
            Si des contrôles ont échoué, la confirmation est demandée ; sans terminal (script, cron), il faut --force --motif « … », et le motif est enregistré dans l'historique.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Argument(help: ArgumentHelp("Numéro de la coopérative (075-0123) ou nom de l'école.", valueName: "COOP")) var coop:
        String
    @Flag(help: "Valider sans poser de question, même si des contrôles ont échoué (avec --motif).") var force = false
    @Option(
        name: .customLong("motif"),
        help: ArgumentHelp("Raison de la décision, enregistrée dans l'historique.", valueName: "TEXTE"))
    var reason: String?

    func run() throws {
        let ctx = try StaffContext(global)
        let number = try ctx.resolver.cooperative(coop)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: number)
        var force = self.force
        var reason = self.reason
        if !force, let dossier = try ctx.service.dossier(number, exercise: chosen), dossier.status != .validated,
            !(dossier.failedChecks + dossier.uncheckedChecks).isEmpty
        {
            let failed = dossier.failedChecks
            let unchecked = dossier.uncheckedChecks
            guard Terminal.interactive else {
                throw ConfigError(
                    (failed.isEmpty ? "des contrôles n'ont pas pu être faits" : "des contrôles ont échoué")
                        + " pour le dossier \(number) ("
                        + (failed.map { CheckText.name($0.rule) }
                        + unchecked.map { "non vérifié : " + CheckText.name($0.rule) })
                        .joined(separator: ", ")
                        + ") et personne ne peut confirmer ici : relancez avec --force --motif « … ».")
            }
            print("Contrôles à revoir pour \(number) (\(chosen)) :")
            for c in failed { print("  - \(CheckText.name(c.rule)) : \(c.detail)") }
            for c in unchecked { print("  - non vérifié : \(CheckText.name(c.rule)) : \(c.detail)") }
            print(
                unchecked.isEmpty
                    ? "Des contrôles ont échoué. Valider quand même ? [o/N] "
                    : failed.isEmpty
                        ? "Des contrôles n'ont pas pu être faits. Valider quand même ? [o/N] "
                        : "Des contrôles ont échoué ou n'ont pas pu être faits. Valider quand même ? [o/N] ",
                terminator: "")
            fflush(stdout)
            let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "o" || answer == "oui" else {
                print("Dossier non validé.")
                throw ExitCode(1)
            }
            force = true
            if reason == nil { reason = "validé après confirmation malgré des contrôles en échec ou non vérifiés" }
        }
        let outcome = try ctx.service.approve(number, exercise: chosen, reason: reason, force: force)
        var line = "Dossier \(number) (\(chosen)) validé par \(outcome.decision.actor)."
        if outcome.forced {
            line += " \(Plural.count(outcome.failedChecks.count, "contrôle")) en échec"
        }
        if let r = outcome.decision.reason { line += " Motif : \(r)" }
        print(line)
        ctx.queueDecisionMail(outcome)
    }
}

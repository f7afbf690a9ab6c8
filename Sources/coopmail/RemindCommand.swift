import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailOutcome
import Foundation

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Prépare les relances des coopératives dont le dossier n'est pas complet.",
        discussion: """
            Une relance par coopérative du registre dont le dossier de l'exercice :
              - n'a encore rien reçu (« rien reçu ») ;
              - n'a pas le quitus ou le relevé (« dossier incomplet », le document manquant est nommé) ;
              - a été rejeté et attend une correction (« correction attendue », le motif est rappelé).
            Une adresse qu'un avis de non-remise a dite en échec (« User unknown ») est laissée de côté ; sans autre adresse,
            la coopérative est listée « aucun envoi possible » : à contacter autrement.
            Pas de relance pour un dossier validé, ni pour un dossier complet qui attend l'équipe, ni pour une coopérative
            relancée depuis moins de [season] reminder_interval_days jours (14 par défaut).

            Les relances partent aux seules adresses enregistrées, par « coopmail notify » ou « coopmail run ». Chaque relance
            est notée dans l'historique du dossier.

            Exemples :
              coopmail remind --dry-run              (la liste, sans rien préparer)
              coopmail remind --dry-run --json       (la même, pour un script)
              coopmail remind                        (prépare les relances)
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        name: [.customLong("exercise"), .customLong("exercice")],
        help: ArgumentHelp(
            "Exercice, par exemple 2020-2021 (par défaut : celui de la configuration, sinon le dernier clos).",
            valueName: "AAAA-AAAA"))
    var exercise: Exercise?
    @Flag(name: .customLong("dry-run"), help: "Lister les relances sans rien préparer.") var dryRun = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        let ctx = try StaffContext(global)
        let chosen = exercise ?? ctx.config.exercise ?? ctx.config.exercise(forMailAt: Date())
        let campaign = ReminderCampaign(store: ctx.store, config: ctx.config, actor: global.actor)
        let candidates = try campaign.candidates(exercise: chosen)
        if dryRun {
            if output.json {
                try printJSON(candidates.map(ReminderJSON.init))
            } else {
                print(
                    candidates.isEmpty
                        ? "Aucune relance à préparer pour l'exercice \(chosen)."
                        : "Relances qui seraient préparées pour l'exercice \(chosen) :")
                for c in candidates { print(Self.line(c)) }
            }
            return
        }
        let templates = try TemplateLibrary(
            directory: Pipeline(store: ctx.store, config: ctx.config).templatesDirectory())
        let summary = try campaign.queue(candidates, exercise: chosen, templates: templates)
        if output.json {
            try printJSON(summary.queued.map(ReminderJSON.init))
            return
        }
        for c in summary.queued { print(Self.line(c)) }
        for (c, why) in summary.held { print("\(Self.line(c))  — reportée : \(why)") }
        print(summary.line + " (exercice \(chosen)) ; « coopmail notify » ou « coopmail run » les envoie.")
    }

    static func line(_ c: ReminderCandidate) -> String {
        var reason = c.reason.label
        if !c.missing.isEmpty { reason += " (manque : " + c.missing.map(\.label).joined(separator: ", ") + ")" }
        var line = "  \(c.cooperative)  \(Terminal.fit(c.school, 30))  \(reason)  → "
        line += c.addresses.isEmpty ? "aucun envoi possible" : c.addresses.joined(separator: ", ")
        if !c.failing.isEmpty {
            line +=
                "  (adresse en échec : " + c.failing.joined(separator: " ; ")
                + (c.addresses.isEmpty ? " — à contacter autrement)" : ")")
        }
        return line
    }
}

/// The contract's `remind --dry-run --json` line, with the school and what is missing besides.
struct ReminderJSON: Encodable {
    var cooperative: String
    var email: String
    var reason: String
    var school: String
    var missing: [String]
    /// Registered addresses left out because a bounce said they fail; `email` is empty when none remains.
    var failingAddresses: [String]

    init(_ c: ReminderCandidate) {
        cooperative = c.cooperative.description
        email = c.addresses.joined(separator: ", ")
        reason = c.reason.rawValue
        school = c.school
        missing = c.missing.map(\.rawValue)
        failingAddresses = c.failing
    }
}

import ArgumentParser
import CoopmailApp
import CoopmailDomain

/// `--exercise 2020-2021` (also `--exercice`), with the default every staff command uses.
struct ExerciseOption: ParsableArguments {
    @Option(
        name: [.customLong("exercise"), .customLong("exercice")],
        help: ArgumentHelp(
            "Exercice, par exemple 2020-2021 ou 2020-21 (par défaut : celui de la configuration, sinon le plus récent).",
            valueName: "AAAA-AAAA"))
    var exercise: Exercise?

    func resolve(_ service: DossierService, config: Config, cooperative: CooperativeNumber? = nil) throws -> Exercise {
        if let exercise {
            let known = try service.exercises()
            if !known.contains(exercise) {
                printError(
                    "Attention : l'exercice \(exercise) ne contient aucun envoi"
                        + (known.isEmpty
                            ? "." : " (exercices enregistrés : \(known.map(\.description).joined(separator: ", ")))."))
            }
            return exercise
        }
        if let e = try service.defaultExercise(configured: config.exercise, cooperative: cooperative) { return e }
        throw ConfigError("aucun envoi enregistré : précisez l'exercice avec --exercice 2020-2021")
    }
}

extension Exercise: ExpressibleByArgument {
    /// `2020-2021`, `2020/2021`, and the short form staff also write, `2020-21`.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if let e = Exercise(text) {
            self = e
            return
        }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, parts[1].count == 2, let start = Int(parts[0]), let end = Int(parts[1]),
            let full = Exercise("\(start)-\(start / 100 * 100 + end)"), full.endYear % 100 == end
        else { return nil }
        self = full
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}

/// `--json` on read commands.
struct JSONFlag: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Sortie JSON (pour les scripts) au lieu du texte.") var json = false
}

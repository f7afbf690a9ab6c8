import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailDossier

/// `--exercise 2020-2021` (also `--exercice`), with the default every staff command uses.
struct ExerciseOption: ParsableArguments {
    @Option(name: [.customLong("exercise"), .customLong("exercice")],
            help: ArgumentHelp("Exercice, par exemple 2020-2021 (par défaut : celui de la configuration, sinon le plus récent).",
                               valueName: "AAAA-AAAA"))
    var exercise: String?

    func resolve(_ service: DossierService, config: Config, cooperative: CooperativeNumber? = nil) throws -> Exercise {
        if let exercise {
            guard let e = Exercise(exercise) else { throw ConfigError("exercice invalide : « \(exercise) » (attendu : 2020-2021)") }
            return e
        }
        if let e = try service.defaultExercise(configured: config.exercise, cooperative: cooperative) { return e }
        throw ConfigError("aucun envoi enregistré : précisez l'exercice avec --exercise 2020-2021")
    }
}

/// `--json` on read commands.
struct JSONFlag: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Sortie JSON (pour les scripts) au lieu du texte.") var json = false
}

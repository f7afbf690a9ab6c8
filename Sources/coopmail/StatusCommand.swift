import ArgumentParser
import CoopmailApp
import CoopmailDossier
import CoopmailLedger

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "La saison en un coup d'œil : dossiers par statut, coopératives sans envoi.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @OptionGroup var output: JSONFlag
    @Flag(name: .customLong("sans-envoi"), help: "Lister les coopératives du registre qui n'ont rien envoyé.") var listSilent = false

    struct JSONView: Encodable {
        var exercise: String
        var dossiers: Int
        var byStatus: [String: Int]
        var registered: Int
        var withoutSubmission: Int
        var withoutSubmissionList: [String]
        var unregisteredDossiers: Int
    }

    func run() throws {
        let ctx = try StaffContext(global)
        try French.run {
            let chosen = try exercise.resolve(ctx.service, config: ctx.config)
            let s = try ctx.service.season(exercise: chosen, listingSilent: listSilent || output.json)
            if output.json {
                try printJSON(JSONView(exercise: chosen.description, dossiers: s.dossiers,
                                       byStatus: Dictionary(uniqueKeysWithValues: s.byStatus.map { ($0.key.rawValue, $0.value) }),
                                       registered: s.registered, withoutSubmission: s.silentCount,
                                       withoutSubmissionList: s.silent.map(\.description), unregisteredDossiers: s.unregistered))
                return
            }
            print("Exercice \(chosen) : \(FrenchFormat.plural(s.dossiers, "dossier")) reçu\(s.dossiers > 1 ? "s" : "")")
            for status in DossierStatus.allCases {
                print("  " + Terminal.fit(status.label, 12) + Terminal.fit(String(s.byStatus[status] ?? 0), 6, right: true))
            }
            print("Coopératives du registre : \(s.registered), dont \(s.silentCount) sans aucun envoi pour cet exercice.")
            if s.unregistered > 0 { print("Dossiers de coopératives absentes du registre : \(s.unregistered).") }
            let natures = try MailNatureList.load(ctx.store, exercise: chosen)
            print("Questions en attente (messages sans document) : \(natures.questions.count) ; courriels automatiques : \(natures.automatic.count).")
            if listSilent && !s.silent.isEmpty {
                print("Sans envoi : " + s.silent.map(\.description).joined(separator: ", "))
            }
        }
    }
}

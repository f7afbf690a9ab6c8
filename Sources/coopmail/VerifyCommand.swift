import ArgumentParser
import CoopmailApp
import CoopmailText
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Vérifie le dossier de données : chaque pièce citée par la base existe et a son empreinte SHA-256.",
        discussion: """
            Signale les pièces absentes ou abîmées (à reprendre d'une sauvegarde), les fichiers orphelins que plus \
            aucune ligne ne cite (écriture interrompue, purge) et les fichiers temporaires restés dans blobs/. \
            Avec --reparer, les orphelins et les fichiers temporaires de plus d'une heure sont supprimés (les plus \
            récents peuvent appartenir à un enregistrement en cours) ; une pièce citée par la base ne l'est jamais.
            Code de sortie : 0 si tout va bien, 1 si une pièce manque ou est abîmée.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(
        name: .customLong("reparer"),
        help: "Supprimer les orphelins et les fichiers temporaires (jamais une pièce citée).")
    var repair = false
    @OptionGroup var output: JSONFlag

    struct JSONView: Encodable {
        var referenced: Int
        var missing: [String]
        var corrupted: [String]
        var orphans: [String]
        var temporaries: [String]
        var foreign: [String]
        var removed: [String]?
        var keptRecent: [String]?
        var healthy: Bool
    }

    func run() throws {
        let store = try global.openStore()
        let report = try Maintenance.verify(store, repair: repair)
        if output.json {
            try printJSON(
                JSONView(
                    referenced: report.referenced, missing: report.missing, corrupted: report.corrupted,
                    orphans: report.orphans, temporaries: report.temporaries, foreign: report.foreign,
                    removed: repair ? report.removed : nil, keptRecent: repair ? report.keptRecent : nil,
                    healthy: report.isHealthy))
            if !report.isHealthy { throw ExitCode(1) }
            return
        }
        print("\(Plural.count(report.referenced, "pièce citée", "pièces citées")) par la base.")
        for digest in report.missing { print("ABSENTE : \(digest)") }
        for digest in report.corrupted { print("ABÎMÉE (empreinte différente) : \(digest)") }
        for path in report.orphans { print("orpheline : blobs/\(path)") }
        for path in report.temporaries { print("fichier temporaire : blobs/\(path)") }
        for path in report.foreign { print("fichier inattendu (laissé tel quel) : blobs/\(path)") }
        if repair {
            print(
                "Réparation : \(Plural.count(report.removed.count, "fichier supprimé", "fichiers supprimés")), "
                    + "\(Plural.count(report.keptRecent.count, "fichier récent gardé", "fichiers récents gardés")) (moins d'une heure)."
            )
        } else if !report.orphans.isEmpty || !report.temporaries.isEmpty {
            print(
                "\(report.orphans.count + report.temporaries.count) fichier(s) superflu(s) : « coopmail verify --reparer » les supprime."
            )
        }
        if report.isHealthy {
            print("Aucune pièce absente ni abîmée.")
        } else {
            printError(
                "Erreur : \(report.missing.count) pièce(s) absente(s) et \(report.corrupted.count) abîmée(s) : reprenez-les d'une sauvegarde (coopmail backup)."
            )
            throw ExitCode(1)
        }
    }
}

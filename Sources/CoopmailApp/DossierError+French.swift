import CoopmailDomain
import CoopmailDossier
import Foundation

/// The French sentence staff read for an error of the dossier stage (which carries data only).
extension DossierError: LocalizedError {
    public var errorDescription: String? { french }

    public var french: String {
        switch self {
        case .noDossier(let k):
            return
                "aucun envoi de la coopérative \(k.cooperative) pour l'exercice \(k.exercise) : il n'y a pas de dossier."
        case .failedChecks(let k, let checks):
            let names = checks.map { ($0.verdict == .unknown ? "non vérifié : " : "") + CheckText.name($0.rule) }
                .joined(separator: ", ")
            let what =
                checks.allSatisfy { $0.verdict == .unknown }
                ? "des contrôles n'ont pas pu être faits" : "des contrôles ont échoué"
            return
                "\(what) pour le dossier \(k.cooperative) (\(names)). Pour valider quand même : --force --motif « … »."
        case .reasonRequired(let action):
            let what =
                action == .reject ? "rejeter un dossier" : "valider un dossier dont des contrôles ont échoué"
            return "un motif est obligatoire pour \(what) : ajoutez --motif « … »."
        case .revokesValidation(let k):
            return "le dossier \(k.cooperative) (\(k.exercise)) est validé : le rejeter annule la validation. "
                + "Pour confirmer : --force (le message « validé » s'il n'est pas encore parti est annulé)."
        case .notDecided(let k):
            return "le dossier \(k.cooperative) (\(k.exercise)) n'est ni validé ni rejeté : il n'y a rien à rouvrir."
        case .alreadyDecided(let k, let s):
            return "le dossier \(k.cooperative) (\(k.exercise)) est déjà \(s.label)."
        case .unknownCooperative(let text, let suggestions):
            let head = "coopérative « \(text) » inconnue."
            return suggestions.isEmpty
                ? head : head + " Vouliez-vous dire : " + suggestions.map(\.suggestion).joined(separator: " ; ") + " ?"
        case .unknownDocument(let text):
            return
                "pièce « \(text) » introuvable (attendu : le numéro de la pièce, ou au moins 6 caractères de son empreinte sha256)."
        case .unknownMessage(let id):
            return "message n° \(id) introuvable."
        case .ambiguous(let text, let candidates):
            return "« \(text) » est ambigu. Il peut désigner :\n"
                + candidates.map { "  - " + $0.french }.joined(separator: "\n")
        case .emptyNote:
            return "la note est vide."
        case .alreadyAssigned(let document, let cooperative):
            return "la pièce n° \(document) est déjà affectée à la coopérative \(cooperative)."
        }
    }
}

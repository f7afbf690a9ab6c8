import CoopmailDomain
import CoopmailLedger
import Foundation

/// Errors of the dossier stage, in French for staff.
public enum DossierError: Error, LocalizedError, CustomStringConvertible {
    /// No submission for this cooperative and exercise.
    case noDossier(DossierKey)
    /// Approving a dossier whose checks failed needs `force`.
    case failedChecks(DossierKey, [Check])
    /// A rejection (or a forced approval) needs a motif.
    case reasonRequired(String)
    case alreadyDecided(DossierKey, DossierStatus)
    /// Rejecting a validated dossier takes the validation back: it needs confirmation.
    case revokesValidation(DossierKey)
    /// Only a validated or rejected dossier can be reopened.
    case notDecided(DossierKey)
    case unknownCooperative(String, suggestions: [String])
    case unknownDocument(String)
    case ambiguous(String, candidates: [String])
    case invalid(String)

    public var description: String {
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
        case .reasonRequired(let what):
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
                ? head : head + " Vouliez-vous dire : " + suggestions.joined(separator: " ; ") + " ?"
        case .unknownDocument(let text):
            return
                "pièce « \(text) » introuvable (attendu : le numéro de la pièce, ou au moins 6 caractères de son empreinte sha256)."
        case .ambiguous(let text, let candidates):
            return "« \(text) » est ambigu. Il peut désigner :\n"
                + candidates.map { "  - " + $0 }.joined(separator: "\n")
        case .invalid(let m):
            return m
        }
    }

    public var errorDescription: String? { description }
}

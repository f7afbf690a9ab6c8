import CoopmailIntake
import CoopmailOutcome
import Foundation

/// The French sentence staff read when a message template cannot be loaded or used.
extension TemplateLibraryError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .missingTemplate(let name): return "Modèle de message introuvable : \(name).mustache"
        case .unreadableTemplate(let name):
            return "Modèle de message invalide (\(name).mustache) : fichier illisible ou non UTF-8"
        case .invalidTemplate(let name, let reason): return "Modèle de message invalide (\(name).mustache) : \(reason)"
        case .missingSubject(let name): return "Le modèle \(name).mustache doit commencer par une ligne « Subject: … »"
        }
    }
}

/// The French sentence staff read when a message was refused before it was sent.
extension OutcomeMessageError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .invalidAddress(let field):
            return "Adresse refusée dans l'en-tête \(field) : elle n'est pas une adresse simple et sûre."
        case .invalidMessageID:
            return "Identifiant de message (Message-ID) refusé : il doit être de la forme <identifiant@domaine>."
        case .noRecipient: return "Aucun destinataire pour ce message."
        }
    }
}

/// The French sentence staff read when a path given to `coopmail ingest` does not exist.
extension LocalMailSource.SourceError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .notFound(let path): return "chemin introuvable : \(path)"
        }
    }
}

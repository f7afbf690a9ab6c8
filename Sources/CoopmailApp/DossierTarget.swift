import CoopmailDomain
import CoopmailDossier
import CoopmailStore

/// The dossier a command's argument designates: a cooperative, or the one a document (`pièce:12`) or a message
/// (`message:7`) belongs to, with that document's or message's exercise.
public enum DossierTarget {
    /// The cooperative, and for a document or a message, its exercise.
    public static func resolve(_ text: String, resolver: TargetResolver) throws -> (CooperativeNumber, Exercise?) {
        switch try resolver.target(text) {
        case .cooperative(let c): return (c, nil)
        case .document(let id): return try ofDocument(id, store: resolver.store)
        case .message(let id): return try ofMessage(id, store: resolver.store)
        }
    }

    /// The cooperative a document is attached to (its own, else its mail's), and its mail's exercise.
    public static func ofDocument(_ id: Int64, store: Store) throws -> (CooperativeNumber, Exercise?) {
        guard let owner = try store.documentOwner(id) else { throw DossierError.unknownDocument(String(id)) }
        guard let c = owner.cooperative.flatMap({ CooperativeNumber(parsing: $0) }) else {
            throw ConfigError(
                "la pièce n° \(id) n'est rattachée à aucune coopérative : « coopmail reassign \(id) --coop 075-0123 » pour la rattacher."
            )
        }
        return (c, Exercise(owner.exercise))
    }

    /// The cooperative a message is attached to (its own, else one of its documents'), and its exercise.
    public static func ofMessage(_ id: Int64, store: Store) throws -> (CooperativeNumber, Exercise?) {
        guard let owner = try store.messageOwner(id) else { throw ConfigError("message n° \(id) introuvable.") }
        let m = owner.message
        guard let c = owner.cooperative.flatMap({ CooperativeNumber(parsing: $0) }) else {
            var why = m.quarantineReason.map { " (en quarantaine : \($0))" } ?? ""
            if m.status == MessageStatus.setAside {
                why =
                    " : il est en échec, mis de côté (erreur dans « coopmail review » ; « coopmail reessayer \(id) » le remet dans la file)"
            }
            throw ConfigError("le message n° \(id) n'est rattaché à aucune coopérative\(why).")
        }
        return (c, Exercise(m.exercise))
    }
}

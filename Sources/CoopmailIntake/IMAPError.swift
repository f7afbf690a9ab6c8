import Foundation

/// What went wrong talking to the IMAP server, with a French message saying what to check.
public enum IMAPError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Login refused (libcurl 67): wrong username or password.
    case authenticationFailed(username: String, serverReply: String?)
    case mailboxNotFound(mailbox: String, serverReply: String?)
    case messageNotFound(uid: UInt32, mailbox: String)
    /// The server's certificate is not signed by a trusted authority or does not match the host (60).
    case certificateNotTrusted(host: String, detail: String)
    /// The CA file given in the configuration cannot be read (77).
    case caFileUnreadable(path: String)
    /// TLS could not be negotiated (35).
    case tlsHandshakeFailed(host: String, detail: String)
    /// The server did not offer STARTTLS on `imap://` while encryption is required (64).
    case tlsRequired(host: String)
    /// Connection refused, host unknown, or timeout (7, 6, 28).
    case unreachable(host: String, detail: String)
    /// The connection broke during a transfer (55, 56).
    case connectionLost(host: String, detail: String)
    /// The server answered NO or BAD to a command.
    case commandFailed(command: String, serverReply: String?)
    case invalidConfiguration(detail: String)
    /// Anything else libcurl reported.
    case transferFailed(curlCode: Int, detail: String)

    /// A later retry may succeed without changing the configuration.
    public var isTemporary: Bool {
        switch self {
        case .unreachable, .connectionLost, .tlsHandshakeFailed: return true
        default: return false
        }
    }

    public var message: String {
        switch self {
        case let .authenticationFailed(username, reply):
            return "Connexion IMAP refusée pour l'utilisateur « \(username) » : identifiant ou mot de passe incorrect"
                + IMAPError.suffix(reply)
                + ". Vérifiez [imap] username et le mot de passe (password_env ou password_file)."
        case let .mailboxNotFound(mailbox, reply):
            return "Le dossier IMAP « \(mailbox) » n'existe pas sur le serveur" + IMAPError.suffix(reply)
                + ". Vérifiez le nom du dossier dans [imap] url ou [imap] processed_mailbox."
        case let .messageNotFound(uid, mailbox):
            return "Le message UID \(uid) est introuvable dans le dossier IMAP « \(mailbox) » "
                + "(déjà déplacé ou supprimé par un autre client ?)."
        case let .certificateNotTrusted(host, detail):
            return "Le certificat du serveur IMAP \(host) n'est pas reconnu comme fiable (\(detail)). "
                + "Vérifiez [imap] ca_file (l'autorité qui a signé le certificat) et que le nom d'hôte de [imap] url "
                + "est bien celui du certificat."
        case let .caFileUnreadable(path):
            return "Le fichier d'autorité de certification « \(path) » est illisible. Vérifiez [imap] ca_file."
        case let .tlsHandshakeFailed(host, detail):
            return "La négociation TLS avec le serveur IMAP \(host) a échoué (\(detail)). "
                + "Vérifiez le port de [imap] url (imaps:// : 993, imap:// avec STARTTLS : 143)."
        case let .tlsRequired(host):
            return "Le serveur IMAP \(host) ne propose pas STARTTLS : la connexion non chiffrée est refusée. "
                + "Utilisez une URL imaps:// ou un serveur qui chiffre les échanges."
        case let .unreachable(host, detail):
            return "Le serveur IMAP \(host) est injoignable (\(detail)). "
                + "Vérifiez [imap] url (nom d'hôte et port), le réseau, et que le serveur est en marche."
        case let .connectionLost(host, detail):
            return "La connexion au serveur IMAP \(host) a été coupée (\(detail)). Réessayez plus tard."
        case let .commandFailed(command, reply):
            return "Le serveur IMAP a refusé la commande \(command)" + IMAPError.suffix(reply) + "."
        case let .invalidConfiguration(detail):
            return "Configuration IMAP invalide : \(detail)."
        case let .transferFailed(code, detail):
            return "Échec de l'échange IMAP (code libcurl \(code) : \(detail))."
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    private static func suffix(_ reply: String?) -> String {
        guard let reply, !reply.isEmpty else { return "" }
        return " (réponse du serveur : « \(reply) »)"
    }
}

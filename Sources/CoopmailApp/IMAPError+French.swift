import CoopmailIntake
import Foundation

/// The French sentence staff read for an IMAP failure: what happened and which setting of `[imap]` to check.
extension IMAPError: LocalizedError {
    public var message: String {
        switch self {
        case .authenticationFailed(let username, let reply):
            return "Connexion IMAP refusée pour l'utilisateur « \(username) » : identifiant ou mot de passe incorrect"
                + Self.suffix(reply) + ". Vérifiez [imap] username et le mot de passe (password_env ou password_file)."
        case .mailboxNotFound(let mailbox, let reply):
            return "Le dossier IMAP « \(mailbox) » n'existe pas sur le serveur" + Self.suffix(reply)
                + ". Vérifiez le nom du dossier dans [imap] url ou [imap] processed_mailbox."
        case .messageNotFound(let uid, let mailbox):
            return "Le message UID \(uid) est introuvable dans le dossier IMAP « \(mailbox) » "
                + "(déjà déplacé ou supprimé par un autre client ?)."
        case .certificateNotTrusted(let host, let detail):
            return "Le certificat du serveur IMAP \(host) n'est pas reconnu comme fiable (\(detail)). "
                + "Vérifiez [imap] ca_file (l'autorité qui a signé le certificat) et que le nom d'hôte de [imap] url "
                + "est bien celui du certificat."
        case .caFileUnreadable(let path):
            return "Le fichier d'autorité de certification « \(path) » est illisible. Vérifiez [imap] ca_file."
        case .tlsHandshakeFailed(let host, let detail):
            return "La négociation TLS avec le serveur IMAP \(host) a échoué (\(detail)). "
                + "Vérifiez le port de [imap] url (imaps:// : 993, imap:// avec STARTTLS : 143)."
        case .tlsRequired(let host):
            return "Le serveur IMAP \(host) ne propose pas STARTTLS : la connexion non chiffrée est refusée. "
                + "Utilisez une URL imaps:// ou un serveur qui chiffre les échanges."
        case .unreachable(let host, let detail):
            return "Le serveur IMAP \(host) est injoignable (\(detail)). "
                + "Vérifiez [imap] url (nom d'hôte et port), le réseau, et que le serveur est en marche."
        case .connectionLost(let host, let loss):
            return "La connexion au serveur IMAP \(host) a été coupée (\(loss.french)). Réessayez plus tard."
        case .commandFailed(let command, let reply):
            return "Le serveur IMAP a refusé la commande \(command)" + Self.suffix(reply) + "."
        case .incompleteReply(let command, let missing):
            return "La réponse du serveur IMAP à la commande \(command) est incomplète : il y manque "
                + missing.joined(separator: ", ") + ". Réessayez plus tard ; si cela se répète, le serveur "
                + "n'est pas un serveur IMAP4rev1 conforme."
        case .unreadableURL(let url):
            return Self.invalid("URL IMAP illisible : « \(url) » (attendu imaps://hôte:port/INBOX)")
        case .unsupportedScheme(let scheme):
            return Self.invalid("schéma « \(scheme) » non pris en charge dans [imap] url (imaps:// ou imap://)")
        case .credentialsInURL:
            return Self.invalid("l'URL IMAP ne doit pas contenir d'identifiant : utilisez [imap] username")
        case .urlRefused(let detail):
            return Self.invalid("URL refusée par libcurl : \(detail)")
        case .transferFailed(let code, let detail):
            return "Échec de l'échange IMAP (code libcurl \(code) : \(detail))."
        }
    }

    public var errorDescription: String? { message }

    private static func invalid(_ detail: String) -> String { "Configuration IMAP invalide : \(detail)." }

    private static func suffix(_ reply: String?) -> String {
        guard let reply, !reply.isEmpty else { return "" }
        return " (réponse du serveur : « \(reply) »)"
    }
}

extension IMAPConnectionLoss {
    /// Why the connection broke, in French, as a parenthesis of the sentence above.
    public var french: String {
        switch self {
        case .serverSaidBye(let text): return "le serveur a fermé la session : \(text)"
        case .alreadyBroken: return "connexion déjà interrompue"
        case .noAnswer(let seconds): return "aucune réponse depuis \(seconds) s"
        case .closedByServer: return "connexion fermée par le serveur"
        case .curlCode(let code): return "erreur libcurl \(code)"
        case .transfer(let detail): return detail
        case .lineTooLong(let limit): return "ligne de réponse de plus de \(limit) octets"
        case .literalTooLarge(let bytes): return "littéral de \(bytes) octets, au-delà de la limite"
        case .responseTooLarge(let literals, let bytes):
            return "réponse de plus de \(literals) littéraux ou de plus de \(bytes) octets"
        case .brokenDuringFetch: return "connexion interrompue pendant la relève"
        }
    }
}

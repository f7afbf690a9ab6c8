import CoopmailOutcome
import Foundation

/// The French sentence staff read for a failed send: what happened, whether it will be tried again, and which setting
/// of `[smtp]` to check.
extension SMTPError: LocalizedError {
    public var message: String {
        let reply = serverReply.map { " (réponse du serveur : « \($0) »)" } ?? ""
        let retry = isTemporary ? " Échec temporaire : un nouvel essai aura lieu plus tard." : ""
        switch kind {
        case .authenticationFailed:
            return
                "Connexion SMTP refusée pour l'utilisateur « \(subject) » : identifiant ou mot de passe incorrect\(reply). "
                + "Vérifiez [smtp] username et le mot de passe (password_env ou password_file)." + retry
        case .recipientRefused:
            return "Le serveur SMTP a refusé un destinataire\(reply). Vérifiez l'adresse e-mail de la coopérative "
                + "dans le registre." + retry
        case .senderRefused:
            return "Le serveur SMTP a refusé l'expéditeur « \(subject) »\(reply). Vérifiez [smtp] from." + retry
        case .messageRefused:
            return "Le serveur SMTP a refusé le message\(reply)." + retry
        case .certificateNotTrusted:
            return
                "Le certificat du serveur SMTP \(subject) n'est pas reconnu comme fiable (\(detail)). Vérifiez [smtp] ca_file "
                + "(l'autorité qui a signé le certificat) et que le nom d'hôte de [smtp] url est celui du certificat."
        case .caFileUnreadable:
            return "Le fichier d'autorité de certification « \(subject) » est illisible. Vérifiez [smtp] ca_file."
        case .tlsHandshakeFailed:
            return
                "La négociation TLS avec le serveur SMTP \(subject) a échoué (\(detail)). Vérifiez le port de [smtp] url "
                + "(smtps:// : 465, smtp:// avec STARTTLS : 587)."
        case .tlsRequired:
            return "Le serveur SMTP \(subject) ne propose pas STARTTLS : l'envoi non chiffré est refusé. "
                + "Utilisez une URL smtps:// ou un serveur qui chiffre les échanges."
        case .unreachable:
            return "Le serveur SMTP \(subject) est injoignable (\(detail)). Vérifiez [smtp] url (nom d'hôte et port), "
                + "le réseau, et que le serveur est en marche." + retry
        case .connectionLost:
            return "La connexion au serveur SMTP \(subject) a été coupée (\(detail))." + retry
        case .invalidAddress where detail == SMTPError.noRecipientDetail:
            return "Adresse e-mail invalide : «  » (aucun destinataire)."
        case .invalidAddress:
            return "Adresse e-mail invalide : « \(subject) » (attendu nom@domaine, sans espace ni retour à la ligne)."
        case .unreadableURL:
            return
                "Configuration SMTP invalide : URL SMTP illisible : « \(subject) » (attendu smtps://hôte:465 ou smtp://hôte:587)."
        case .unsupportedScheme:
            return
                "Configuration SMTP invalide : schéma « \(subject) » non pris en charge dans [smtp] url (smtps:// ou smtp://)."
        case .credentialsInURL:
            return
                "Configuration SMTP invalide : l'URL SMTP ne doit pas contenir d'identifiant : utilisez [smtp] username."
        case .invalidEHLOName:
            return "Configuration SMTP invalide : nom EHLO invalide « \(subject) »."
        case .invalidConfiguration:
            return "Configuration SMTP invalide : \(detail)."
        case .deliveryUncertain:
            return
                "La connexion au serveur SMTP \(subject) a été coupée après l'envoi complet du message, sans réponse du "
                + "serveur (\(detail)) : il a peut-être été remis. Il n'est pas renvoyé automatiquement : vérifiez avec le destinataire."
        case .other:
            return "Échec de l'envoi SMTP (\(detail))\(reply)." + retry
        }
    }

    public var errorDescription: String? { message }
}

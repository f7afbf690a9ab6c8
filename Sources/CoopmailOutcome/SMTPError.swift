import Foundation

/// A failed send, classified temporary (retry later) or permanent (needs a person), with a French message.
public struct SMTPError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable {
        case authenticationFailed, recipientRefused, senderRefused, messageRefused
        case certificateNotTrusted, caFileUnreadable, tlsHandshakeFailed, tlsRequired
        case unreachable, connectionLost, invalidAddress, invalidConfiguration, other
        /// The whole message was handed over, then no reply came (connection cut, timeout): it may have been accepted.
        case deliveryUncertain
    }

    public var kind: Kind
    /// True: a later retry may succeed (connection refused, timeout, 4xx). False: permanent (5xx, refused login, configuration).
    public var isTemporary: Bool
    /// The server's reply code (e.g. 550) when there was one.
    public var replyCode: Int?
    /// The server's reply line (e.g. `550 5.1.1 <x@y>: Recipient address rejected: User unknown`).
    public var serverReply: String?
    /// libcurl's error code, when the error came from libcurl.
    public var curlCode: Int?
    /// Host, address or libcurl diagnostic the message names.
    public var subject: String
    public var detail: String

    public init(kind: Kind, isTemporary: Bool, replyCode: Int? = nil, serverReply: String? = nil, curlCode: Int? = nil,
                subject: String = "", detail: String = "") {
        self.kind = kind
        self.isTemporary = isTemporary
        self.replyCode = replyCode
        self.serverReply = serverReply
        self.curlCode = curlCode
        self.subject = subject
        self.detail = detail
    }

    public var isPermanent: Bool { !isTemporary }

    public var message: String {
        let reply = serverReply.map { " (réponse du serveur : « \($0) »)" } ?? ""
        let retry = isTemporary ? " Échec temporaire : un nouvel essai aura lieu plus tard." : ""
        switch kind {
        case .authenticationFailed:
            return "Connexion SMTP refusée pour l'utilisateur « \(subject) » : identifiant ou mot de passe incorrect\(reply). "
                + "Vérifiez [smtp] username et le mot de passe (password_env ou password_file)." + retry
        case .recipientRefused:
            return "Le serveur SMTP a refusé un destinataire\(reply). Vérifiez l'adresse e-mail de la coopérative "
                + "dans le registre." + retry
        case .senderRefused:
            return "Le serveur SMTP a refusé l'expéditeur « \(subject) »\(reply). Vérifiez [smtp] from." + retry
        case .messageRefused:
            return "Le serveur SMTP a refusé le message\(reply)." + retry
        case .certificateNotTrusted:
            return "Le certificat du serveur SMTP \(subject) n'est pas reconnu comme fiable (\(detail)). Vérifiez [smtp] ca_file "
                + "(l'autorité qui a signé le certificat) et que le nom d'hôte de [smtp] url est celui du certificat."
        case .caFileUnreadable:
            return "Le fichier d'autorité de certification « \(subject) » est illisible. Vérifiez [smtp] ca_file."
        case .tlsHandshakeFailed:
            return "La négociation TLS avec le serveur SMTP \(subject) a échoué (\(detail)). Vérifiez le port de [smtp] url "
                + "(smtps:// : 465, smtp:// avec STARTTLS : 587)."
        case .tlsRequired:
            return "Le serveur SMTP \(subject) ne propose pas STARTTLS : l'envoi non chiffré est refusé. "
                + "Utilisez une URL smtps:// ou un serveur qui chiffre les échanges."
        case .unreachable:
            return "Le serveur SMTP \(subject) est injoignable (\(detail)). Vérifiez [smtp] url (nom d'hôte et port), "
                + "le réseau, et que le serveur est en marche." + retry
        case .connectionLost:
            return "La connexion au serveur SMTP \(subject) a été coupée (\(detail))." + retry
        case .invalidAddress:
            return "Adresse e-mail invalide : « \(subject) » (\(detail))."
        case .invalidConfiguration:
            return "Configuration SMTP invalide : \(detail)."
        case .deliveryUncertain:
            return "La connexion au serveur SMTP \(subject) a été coupée après l'envoi complet du message, sans réponse du "
                + "serveur (\(detail)) : il a peut-être été remis. Il n'est pas renvoyé automatiquement : vérifiez avec le destinataire."
        case .other:
            return "Échec de l'envoi SMTP (\(detail))\(reply)." + retry
        }
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

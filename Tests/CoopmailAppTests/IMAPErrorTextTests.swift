import CoopmailApp
import CoopmailIntake
import CoopmailOutcome
import Foundation
import Testing

/// IMAP errors carry data; the French staff read is written by CoopmailApp, word for word as before.
@Suite("IMAP errors: data below, French in App")
struct IMAPErrorTextTests {
    static let cases: [(IMAPError, String)] = [
        (
            .authenticationFailed(username: "ad75", serverReply: "NO [AUTHENTICATIONFAILED] x"),
            "Connexion IMAP refusée pour l'utilisateur « ad75 » : identifiant ou mot de passe incorrect (réponse du serveur : « NO [AUTHENTICATIONFAILED] x »). Vérifiez [imap] username et le mot de passe (password_env ou password_file)."
        ),
        (
            .authenticationFailed(username: "ad75", serverReply: nil),
            "Connexion IMAP refusée pour l'utilisateur « ad75 » : identifiant ou mot de passe incorrect. Vérifiez [imap] username et le mot de passe (password_env ou password_file)."
        ),
        (
            .mailboxNotFound(mailbox: "Traités", serverReply: ""),
            "Le dossier IMAP « Traités » n'existe pas sur le serveur. Vérifiez le nom du dossier dans [imap] url ou [imap] processed_mailbox."
        ),
        (
            .messageNotFound(uid: 7, mailbox: "INBOX"),
            "Le message UID 7 est introuvable dans le dossier IMAP « INBOX » (déjà déplacé ou supprimé par un autre client ?)."
        ),
        (
            .certificateNotTrusted(host: "h", detail: "d"),
            "Le certificat du serveur IMAP h n'est pas reconnu comme fiable (d). Vérifiez [imap] ca_file (l'autorité qui a signé le certificat) et que le nom d'hôte de [imap] url est bien celui du certificat."
        ),
        (
            .caFileUnreadable(path: "/p"),
            "Le fichier d'autorité de certification « /p » est illisible. Vérifiez [imap] ca_file."
        ),
        (
            .tlsHandshakeFailed(host: "h", detail: "d"),
            "La négociation TLS avec le serveur IMAP h a échoué (d). Vérifiez le port de [imap] url (imaps:// : 993, imap:// avec STARTTLS : 143)."
        ),
        (
            .tlsRequired(host: "h"),
            "Le serveur IMAP h ne propose pas STARTTLS : la connexion non chiffrée est refusée. Utilisez une URL imaps:// ou un serveur qui chiffre les échanges."
        ),
        (
            .unreachable(host: "h", detail: "d"),
            "Le serveur IMAP h est injoignable (d). Vérifiez [imap] url (nom d'hôte et port), le réseau, et que le serveur est en marche."
        ),
        (
            .connectionLost(host: "h", loss: .transfer("d")),
            "La connexion au serveur IMAP h a été coupée (d). Réessayez plus tard."
        ),
        (
            .connectionLost(host: "h", loss: .noAnswer(seconds: 30)),
            "La connexion au serveur IMAP h a été coupée (aucune réponse depuis 30 s). Réessayez plus tard."
        ),
        (
            .connectionLost(host: "h", loss: .serverSaidBye("Server shutting down")),
            "La connexion au serveur IMAP h a été coupée (le serveur a fermé la session : Server shutting down). Réessayez plus tard."
        ),
        (
            .connectionLost(host: "h", loss: .responseTooLarge(literals: 64, bytes: 1000)),
            "La connexion au serveur IMAP h a été coupée (réponse de plus de 64 littéraux ou de plus de 1000 octets). Réessayez plus tard."
        ),
        (
            .incompleteReply(command: "SELECT", missing: ["UIDVALIDITY", "UIDNEXT"]),
            "La réponse du serveur IMAP à la commande SELECT est incomplète : il y manque UIDVALIDITY, UIDNEXT. Réessayez plus tard ; si cela se répète, le serveur n'est pas un serveur IMAP4rev1 conforme."
        ),
        (
            .commandFailed(command: "MOVE", serverReply: "NO x"),
            "Le serveur IMAP a refusé la commande MOVE (réponse du serveur : « NO x »)."
        ),
        (
            .unreadableURL(url: "imaps//x"),
            "Configuration IMAP invalide : URL IMAP illisible : « imaps//x » (attendu imaps://hôte:port/INBOX)."
        ),
        (
            .unsupportedScheme(scheme: "https"),
            "Configuration IMAP invalide : schéma « https » non pris en charge dans [imap] url (imaps:// ou imap://)."
        ),
        (
            .credentialsInURL,
            "Configuration IMAP invalide : l'URL IMAP ne doit pas contenir d'identifiant : utilisez [imap] username."
        ),
        (.urlRefused(detail: "d"), "Configuration IMAP invalide : URL refusée par libcurl : d."),
        (.transferFailed(curlCode: 8, detail: "d"), "Échec de l'échange IMAP (code libcurl 8 : d)."),
    ]

    @Test("The French sentence of each case, as staff read it before")
    func french() {
        for (error, text) in Self.cases {
            #expect(error.message == text)
            #expect((error as Error).localizedDescription == text)
            #expect((error as? LocalizedError)?.errorDescription == text)
        }
    }

    @Test("Below App, the error says its data only: no French, no configuration key")
    func dataOnly() {
        for (error, _) in Self.cases {
            let text = error.description
            #expect(
                !text.contains("[imap]") && !text.contains("Vérifiez") && !text.contains("serveur")
                    && !text.contains(" : "), "\(text)")
        }
    }

    static let losses: [IMAPConnectionLoss] = [
        .serverSaidBye("BYE"), .alreadyBroken, .noAnswer(seconds: 5), .closedByServer, .curlCode(56), .transfer("x"),
        .lineTooLong(limit: 8), .literalTooLarge(bytes: 9), .responseTooLarge(literals: 2, bytes: 3),
        .brokenDuringFetch,
    ]

    @Test("Every way a connection breaks: English data below App, a French reason in App")
    func losses() {
        let accented = CharacterSet(charactersIn: "éèàçêôù«»")
        for loss in Self.losses {
            let error = IMAPError.connectionLost(host: "h", loss: loss)
            #expect(error.description.rangeOfCharacter(from: accented) == nil, "\(error.description)")
            #expect(!loss.french.isEmpty && loss.french != loss.description || loss == .transfer("x"), "\(loss)")
            #expect(error.message.contains(loss.french))
        }
    }

    static let smtpCases: [(SMTPError, String)] = [
        (
            SMTPError(kind: .unreadableURL, isTemporary: false, subject: "smtps//x"),
            "Configuration SMTP invalide : URL SMTP illisible : « smtps//x » (attendu smtps://hôte:465 ou smtp://hôte:587)."
        ),
        (
            SMTPError(kind: .unsupportedScheme, isTemporary: false, subject: "http"),
            "Configuration SMTP invalide : schéma « http » non pris en charge dans [smtp] url (smtps:// ou smtp://)."
        ),
        (
            SMTPError(kind: .credentialsInURL, isTemporary: false),
            "Configuration SMTP invalide : l'URL SMTP ne doit pas contenir d'identifiant : utilisez [smtp] username."
        ),
        (
            SMTPError(kind: .invalidAddress, isTemporary: false, detail: SMTPError.noRecipientDetail),
            "Adresse e-mail invalide : «  » (aucun destinataire)."
        ),
        (
            SMTPError(kind: .invalidEHLOName, isTemporary: false, subject: "a b"),
            "Configuration SMTP invalide : nom EHLO invalide « a b »."
        ),
        (
            SMTPError(kind: .invalidAddress, isTemporary: false, subject: "x y"),
            "Adresse e-mail invalide : « x y » (attendu nom@domaine, sans espace ni retour à la ligne)."
        ),
        (
            SMTPError(kind: .recipientRefused, isTemporary: true, replyCode: 450, serverReply: "450 4.2.0 busy"),
            "Le serveur SMTP a refusé un destinataire (réponse du serveur : « 450 4.2.0 busy »). Vérifiez l'adresse e-mail de la coopérative dans le registre. Échec temporaire : un nouvel essai aura lieu plus tard."
        ),
        (
            SMTPError(kind: .invalidConfiguration, isTemporary: false, detail: "URL using bad/illegal format"),
            "Configuration SMTP invalide : URL using bad/illegal format."
        ),
    ]

    @Test("SMTP: the French sentence as before, the data only below App")
    func smtp() {
        for (error, text) in Self.smtpCases {
            #expect(error.message == text)
            #expect((error as Error).localizedDescription == text)
            #expect(
                !error.description.contains("[smtp]") && !error.description.contains("Vérifiez"), "\(error.description)"
            )
        }
    }
}

import CoopmailOutcome
import Foundation

/// The outbox's transport over the configured SMTP server (libcurl).
public final class SMTPTransport: OutcomeTransport {
    let client: SMTPClient

    public init(config: Config) throws {
        guard let server = config.smtp else {
            throw ConfigError(
                "aucun serveur SMTP configuré : ajoutez une section [smtp] (url, username, password_env, from) au fichier de configuration"
            )
        }
        let tls = server.tls?.lowercased()
        if let tls, !["starttls", "tls", "ssl", "implicit", "none"].contains(tls) {
            throw ConfigError("[smtp] tls invalide : « \(tls) » (attendu : starttls)")
        }
        var smtp = SMTPConfiguration(
            url: server.url, username: server.username, password: try server.password(), caFile: server.caFile,
            verifyCertificate: server.verifyCertificate, allowPlaintext: server.allowPlaintext)
        smtp.bearerToken = try server.bearerToken()
        client = try SMTPClient(configuration: smtp)
    }

    public func send(raw: Data, from: String, recipients: [String], willCommit: @escaping () throws -> Void) throws {
        do {
            try client.send(rawMessage: raw, from: from, recipients: recipients, willCommit: willCommit)
        } catch let e as SMTPError {
            switch e.kind {
            case .deliveryUncertain:
                throw TransportFailure.uncertain(e.message)
            case .recipientRefused, .messageRefused, .senderRefused, .invalidAddress, .connectionLost, .other:
                throw e.isTemporary ? TransportFailure.temporary(e.message) : TransportFailure.permanent(e.message)
            default:
                throw TransportFailure.unavailable(e.message)
            }
        }
    }
}

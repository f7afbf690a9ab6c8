import CoopmailIntake
import Foundation
import Testing

@Suite("IMAP : connexion et erreurs")
struct IMAPConnectionTests {
    @Test func imapsLoginAndSelect() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env)
        let status = try client.select("INBOX")
        #expect(status.uidValidity > 0)
        #expect(status.uidNext >= 1)
        #expect(client.selectedMailbox == "INBOX")
        #expect(try client.capabilities().contains("IMAP4REV1"))
    }

    @Test func starttlsLoginAndSelect() throws {
        let env = try MailServers.require()
        #expect(env.imapURL.hasPrefix("imap://"))
        let client = try MailFixtures.imapClient(env, url: env.imapURL, user: "mandataire2")
        let status = try client.select("INBOX")
        #expect(status.uidValidity > 0)
        _ = try client.uids(after: 0)
    }

    @Test func wrongPasswordGivesFrenchAuthenticationError() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env, user: "mandataire3", password: "pas-le-bon")
        let error = #expect(throws: IMAPError.self) { try client.select("INBOX") }
        guard case .authenticationFailed(let username, _) = error else {
            Issue.record("attendu authenticationFailed, reçu \(String(describing: error))")
            return
        }
        #expect(username == "mandataire3")
        #expect(error?.message.contains("mot de passe incorrect") == true)
        #expect(error?.message.contains("pas-le-bon") == false)
        #expect(error?.isTemporary == false)
        // The auth penalty is off: the right password works at once afterwards.
        let good = try MailFixtures.imapClient(env, user: "mandataire3")
        _ = try good.select("INBOX")
    }

    @Test func untrustedCertificateWithoutCAFile() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env, caFile: .some(nil))
        let error = #expect(throws: IMAPError.self) { try client.select("INBOX") }
        guard case .certificateNotTrusted = error else {
            Issue.record("attendu certificateNotTrusted, reçu \(String(describing: error))")
            return
        }
        #expect(error?.message.contains("ca_file") == true)
    }

    @Test func untrustedCertificateOnStartTLS() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env, url: env.imapURL, caFile: .some(nil))
        let error = #expect(throws: IMAPError.self) { try client.select("INBOX") }
        guard case .certificateNotTrusted = error else {
            Issue.record("attendu certificateNotTrusted, reçu \(String(describing: error))")
            return
        }
    }

    @Test func serverDownIsUnreachableAndTemporary() throws {
        let env = try MailServers.require()
        let port = MailServers.closedLocalPort()
        let client = try MailFixtures.imapClient(env, url: "imaps://127.0.0.1:\(port)/INBOX")
        let error = #expect(throws: IMAPError.self) { try client.select("INBOX") }
        guard case .unreachable = error else {
            Issue.record("attendu unreachable, reçu \(String(describing: error))")
            return
        }
        #expect(error?.isTemporary == true)
        #expect(error?.message.contains("injoignable") == true)
    }

    @Test func unknownMailboxAndMessage() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env)
        let missing = MailServers.uniqueName("absent")
        let error = #expect(throws: IMAPError.self) { try client.select(missing) }
        #expect(
            error
                == .mailboxNotFound(
                    mailbox: missing,
                    serverReply: error.flatMap {
                        if case .mailboxNotFound(_, let reply) = $0 { return reply } else { return nil }
                    }))
        #expect(error?.message.contains("n'existe pas") == true)
        _ = try client.select("INBOX")
        let notFound = #expect(throws: IMAPError.self) { try client.fetch(UInt32.max - 1) }
        #expect(notFound == .messageNotFound(uid: UInt32.max - 1, mailbox: "INBOX"))
    }

    @Test func configurationErrors() throws {
        let env = try MailServers.require()
        #expect(throws: IMAPError.self) { try MailFixtures.imapClient(env, url: "pop3://127.0.0.1:110") }
        #expect(throws: IMAPError.caFileUnreadable(path: "/nonexistent/ca.pem")) {
            try MailFixtures.imapClient(env, caFile: "/nonexistent/ca.pem")
        }
        let described = "\(IMAPConfiguration(url: env.imapsURL, username: "ad75", password: "secret-value"))"
        #expect(!described.contains("secret-value"))
    }
}

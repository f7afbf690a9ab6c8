import CoopmailIntake
import CoopmailOutcome
import Foundation
import Testing

/// Situations the loopback Dovecot and Postfix do not produce, played by a fake server.
@Suite("Cas limites de protocole (faux serveur)")
struct ProtocolEdgeTests {
    /// IMAP server without STARTTLS.
    static func plainIMAP() throws -> FakeLineServer {
        try FakeLineServer(greeting: ["* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready"]) { line in
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { return nil }
            switch parts[1].uppercased() {
            case "CAPABILITY": return ["* CAPABILITY IMAP4rev1 AUTH=PLAIN", "\(parts[0]) OK done"]
            case "LOGOUT": return ["* BYE", "\(parts[0]) OK bye"]
            default: return ["\(parts[0]) BAD unexpected"]
            }
        }
    }

    /// SMTP server without STARTTLS that answers RCPT with `rcptReply`.
    static func plainSMTP(rcptReply: String) throws -> FakeLineServer {
        try FakeLineServer(greeting: ["220 fake ESMTP"]) { line in
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO": return ["250-fake", "250 8BITMIME"]
            case "HELO": return ["250 fake"]
            case "MAIL": return ["250 2.1.0 Ok"]
            case "RCPT": return [rcptReply]
            case "RSET", "NOOP": return ["250 2.0.0 Ok"]
            case "QUIT": return ["221 2.0.0 Bye"]
            default: return ["502 5.5.2 unexpected"]
            }
        }
    }

    @Test func imapWithoutStartTLSIsRefused() throws {
        let server = try Self.plainIMAP()
        let client = try IMAPClient(
            configuration: IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "ad75", password: "x", connectTimeout: 10))
        let error = #expect(throws: IMAPError.self) { try client.select("INBOX") }
        #expect(error == .tlsRequired(host: "127.0.0.1"))
        #expect(error?.message.contains("STARTTLS") == true)
    }

    @Test func smtpWithoutStartTLSIsRefused() throws {
        let server = try Self.plainSMTP(rcptReply: "250 2.1.5 Ok")
        let client = try SMTPClient(
            configuration: SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)", connectTimeout: 10))
        let error = #expect(throws: SMTPError.self) {
            try client.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: "a@occe.test", recipients: ["b@ecole.test"])
        }
        #expect(error?.kind == .tlsRequired)
        #expect(error?.isPermanent == true)
    }

    @Test func smtp4xxIsTemporaryWithServerText() throws {
        let server = try Self.plainSMTP(rcptReply: "451 4.3.0 Try again later")
        let client = try SMTPClient(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, connectTimeout: 10))
        let error = #expect(throws: SMTPError.self) {
            try client.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: "a@occe.test", recipients: ["b@ecole.test"])
        }
        #expect(error?.kind == .recipientRefused)
        #expect(error?.isTemporary == true)
        #expect(error?.replyCode == 451)
        #expect(error?.serverReply == "451 4.3.0 Try again later")
        #expect(error?.message.contains("nouvel essai") == true)
    }
}

/// libcurl counts every response line against a 300 KB per-handle limit that IMAP and SMTP transfers never
/// reset; the clients renew their handle (keeping the connection) before it is reached.
@Suite("Longues sessions (limite d'en-têtes de libcurl)")
struct LongSessionTests {
    final class DataMode: @unchecked Sendable {
        var inData = false
        var accepted = 0
    }

    @Test func thousandsOfIMAPCommandsOnOneClient() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env)
        for _ in 0..<3_000 {
            _ = try client.status(of: "INBOX")
        }
    }

    @Test func listAndFetchAThousandMessagesOnOneClient() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("mille")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let client = try MailFixtures.imapClient(env)
        try client.createMailbox(box)
        for i in 1...1_200 {
            try client.append(Data("Subject: \(i)\r\nMessage-ID: <\(i)@mille.test>\r\n\r\nx\r\n".utf8), to: box)
        }
        try client.select(box)
        let listing = try client.uids(after: 0)
        #expect(listing.count == 1_200)
        var fetched = 0
        for message in listing where !(try client.fetch(message)).isEmpty { fetched += 1 }
        #expect(fetched == 1_200)
    }

    @Test func hundredsOfSMTPSendsOnOneClient() throws {
        let mode = DataMode()
        let server = try FakeLineServer(greeting: ["220 fake ESMTP"]) { line in
            if mode.inData {
                if line == "." {
                    mode.inData = false
                    mode.accepted += 1
                    return ["250 2.0.0 Ok: queued as \(mode.accepted)"]
                }
                return []
            }
            switch line.prefix(4).uppercased() {
            case "EHLO": return ["250-fake", "250-PIPELINING", "250-SIZE 10240000", "250-8BITMIME", "250 SMTPUTF8"]
            case "MAIL": return ["250 2.1.0 Ok"]
            case "RCPT": return ["250 2.1.5 Ok"]
            case "DATA":
                mode.inData = true
                return ["354 End data with <CR><LF>.<CR><LF>"]
            case "RSET", "NOOP": return ["250 2.0.0 Ok"]
            case "QUIT": return nil
            default: return ["502 5.5.2 unexpected"]
            }
        }
        let client = try SMTPClient(
            configuration: SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, connectTimeout: 10))
        for i in 1...1_500 {
            let reply = try client.send(
                rawMessage: Data("Subject: \(i)\n\nx\n".utf8), from: "ad75@occe.test",
                recipients: ["mandataire1@ecole.test"])
            #expect(reply == "250 2.0.0 Ok: queued as \(i)")
        }
    }
}

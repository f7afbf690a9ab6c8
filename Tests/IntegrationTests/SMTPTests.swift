import CoopmailOutcome
import Foundation
import Testing

@Suite("SMTP : envoi et erreurs")
struct SMTPTests {
    @Test func sendOverSMTPSAndSubmission() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("envoi")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        for url in [env.smtpsURL, env.submissionURL] {
            let smtp = try MailFixtures.smtpClient(env, url: url, user: "ad75")
            let message = MailFixtures.message(
                from: env.address("ad75"), to: env.address("mandataire1"), subject: "Accusé \(url)")
            try smtp.send(
                rawMessage: message, from: "OCCE AD75 <\(env.address("ad75"))>",
                recipients: [env.address("ad75", detail: box)])
            // reused connection
            try smtp.send(
                rawMessage: message, from: env.address("ad75"), recipients: [env.address("ad75", detail: box)])
        }
        let imap = try MailFixtures.imapClient(env)
        #expect(try MailFixtures.waitForMessages(imap, mailbox: box, count: 4).exists == 4)
    }

    @Test func unknownLocalRecipientIsPermanent() throws {
        let env = try MailServers.require()
        let smtp = try MailFixtures.smtpClient(env)
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(
                rawMessage: MailFixtures.message(from: "x@ecole.test", to: "y@occe.test", subject: "x"),
                from: env.address("mandataire1"),
                recipients: ["personne@\(env.value("COOPMAIL_TEST_DOMAIN_ASSOCIATION"))"])
        }
        #expect(error?.kind == .recipientRefused)
        #expect(error?.isPermanent == true)
        #expect(error?.replyCode == 550)
        #expect(error?.serverReply?.contains("User unknown") == true)
        #expect(error?.message.contains("destinataire") == true)
        // The same client still sends afterwards.
        let box = MailServers.uniqueName("apres-refus")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let accepted = try smtp.send(
            rawMessage: MailFixtures.message(from: "x@ecole.test", to: "y@occe.test", subject: "ok"),
            from: env.address("mandataire1"), recipients: [env.address("ad75", detail: box)])
        #expect(accepted?.hasPrefix("250") == true)
        let imap = try MailFixtures.imapClient(env)
        #expect(try MailFixtures.waitForMessages(imap, mailbox: box).exists == 1)
    }

    @Test func relayOutsideIsRefusedPermanently() throws {
        let env = try MailServers.require()
        let smtp = try MailFixtures.smtpClient(env, url: env.smtpsURL)
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: env.address("mandataire1"),
                recipients: ["quelquun@example.com"])
        }
        #expect(error?.isPermanent == true)
        #expect(error?.replyCode.map { (500..<600).contains($0) } == true)
    }

    @Test func wrongPasswordIsPermanent() throws {
        let env = try MailServers.require()
        let smtp = try MailFixtures.smtpClient(env, user: "mandataire3", password: "mauvais")
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: env.address("mandataire3"),
                recipients: [env.address("ad75")])
        }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.isPermanent == true)
        #expect(error?.message.contains("mot de passe incorrect") == true)
        #expect(error?.message.contains("mauvais") == false)
    }

    @Test func serverDownIsTemporary() throws {
        let env = try MailServers.require()
        let port = MailServers.closedLocalPort()
        let smtp = try MailFixtures.smtpClient(env, url: "smtps://127.0.0.1:\(port)")
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: env.address("mandataire1"),
                recipients: [env.address("ad75")])
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.isTemporary == true)
        #expect(error?.message.contains("injoignable") == true)
    }

    @Test func untrustedCertificate() throws {
        let env = try MailServers.require()
        let smtp = try MailFixtures.smtpClient(env, caFile: .some(nil))
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(
                rawMessage: Data("Subject: x\n\nx\n".utf8), from: env.address("mandataire1"),
                recipients: [env.address("ad75")])
        }
        #expect(error?.kind == .certificateNotTrusted)
        #expect(error?.isPermanent == true)
    }

    @Test func addressesThatCouldInjectCommandsAreRefused() throws {
        #expect(try SMTPClient.envelopeAddress("OCCE AD75 <ad75@occe.test>") == "ad75@occe.test")
        #expect(try SMTPClient.envelopeAddress(" a@b.test ") == "a@b.test")
        for bad in ["a@b.test>\r\nRCPT TO:<c@d.test", "", "pas-une-adresse", "a b@c.test", "a@b.test\n"] {
            #expect(throws: SMTPError.self) { try SMTPClient.envelopeAddress(bad) }
        }
        let env = try MailServers.require()
        let smtp = try MailFixtures.smtpClient(env)
        let error = #expect(throws: SMTPError.self) {
            try smtp.send(rawMessage: Data("x".utf8), from: env.address("mandataire1"), recipients: [])
        }
        #expect(error?.kind == .invalidAddress)
    }
}

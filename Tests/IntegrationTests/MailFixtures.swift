import CoopmailIntake
import CoopmailOutcome
import Foundation

/// Clients and messages shared by the integration tests.
enum MailFixtures {
    static func imapClient(
        _ env: MailTestEnvironment, url: String? = nil, user: String = "ad75",
        password: String? = nil, caFile: String?? = nil, useMove: Bool = true
    ) throws -> IMAPClient {
        let configuration = IMAPConfiguration(
            url: url ?? env.imapsURL, username: env.user(user), password: password ?? env.password(user),
            caFile: caFile ?? env.caFile, useMoveExtension: useMove, connectTimeout: 10)
        return try IMAPClient(configuration: configuration)
    }

    static func smtpClient(
        _ env: MailTestEnvironment, url: String? = nil, user: String = "mandataire1",
        password: String? = nil, caFile: String?? = nil
    ) throws -> SMTPClient {
        let configuration = SMTPConfiguration(
            url: url ?? env.submissionURL, username: env.user(user), password: password ?? env.password(user),
            caFile: caFile ?? env.caFile, connectTimeout: 10)
        return try SMTPClient(configuration: configuration)
    }

    /// A complete message (Postfix adds nothing inside it), with LF line ends, UTF-8 and a leading-dot line.
    static func message(from: String, to: String, subject: String) -> Data {
        let text = """
            From: Mandataire <\(from)>
            To: OCCE AD75 <\(to)>
            Subject: \(subject)
            Date: Fri, 27 Nov 2026 09:00:00 +0100
            Message-ID: <\(UUID().uuidString)@ecole.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Bonjour,
            voici le compte rendu financier de la coopérative (exercice 2020-2021).
            .une ligne qui commence par un point
            ..et une autre

            Cordialement,
            Élodie

            """
        return Data(text.utf8)
    }

    /// Waits until `mailbox` holds at least `count` messages (delivery through Postfix and LMTP is asynchronous).
    static func waitForMessages(
        _ client: IMAPClient, mailbox: String, count: Int = 1,
        deadline: TimeInterval = 60
    ) throws -> IMAPMailboxStatus {
        let end = Date().addingTimeInterval(deadline)
        var lastError: Error?
        while Date() < end {
            do {
                let status = try client.status(of: mailbox)
                if status.exists >= count { return status }
            } catch {
                lastError = error
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw lastError ?? IMAPError.mailboxNotFound(mailbox: mailbox, serverReply: "message jamais arrivé")
    }

    /// CRLF line ends everywhere.
    static func crlf(_ data: Data) -> Data { SMTPClient.crlfNormalised(data) }

    /// Removes a test mailbox with a fresh connection (best effort).
    static func cleanUp(_ env: MailTestEnvironment, mailboxes: [String], user: String = "ad75") {
        guard let client = try? imapClient(env, user: user) else { return }
        for mailbox in mailboxes { try? client.deleteMailbox(mailbox) }
    }
}

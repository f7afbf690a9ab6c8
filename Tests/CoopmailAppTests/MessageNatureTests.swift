import CoopmailApp
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Automatic mails belong to no cooperative and are never answered; a human mail without documents from a registered
/// address belongs to that address's cooperative, is a question for staff, and gets no « documents reçus » answer.
@Suite struct MessageNatureTests {
    static let quitus = try! Data(contentsOf: repoRoot.appendingPathComponent("Fixtures/documents/quitus-0123.pdf"))
    /// A 1×1 PNG: a signature image.
    static let logo = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    static func wrap(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
    }

    static func mails() -> [String: String] {
        let reminder = """
            From: OCCE AD75 <ad75@occe.coop>\r\nTo: claire.martin@ac-paris.fr\r\nSubject: Relance : coopérative 075-0123, quitus manquant\r\n\
            Message-ID: <relance-1@occe.coop>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="inner"\r\n\r\n\
            --inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCoopérative 075-0123 : il manque le quitus.\r\n\
            --inner\r\nContent-Type: application/pdf; name="quitus-075-0123.pdf"\r\nContent-Disposition: attachment; filename="quitus-075-0123.pdf"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\n\(wrap(quitus))\r\n--inner--\r\n
            """
        return [
            "bounce": """
            From: Mail Delivery System <MAILER-DAEMON@mx.occe.coop>\r\nTo: ad75@occe.coop\r\nReturn-Path: <>\r\n\
            Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce-1@mx.occe.coop>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\
            MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="outer"\r\n\r\n\
            --outer\r\nContent-Type: text/plain\r\n\r\nThe mail system: <claire.martin@ac-paris.fr>: unknown user\r\n\
            --outer\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.occe.coop\r\n\r\nFinal-Recipient: rfc822; claire.martin@ac-paris.fr\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n\
            --outer\r\nContent-Type: message/rfc822\r\n\r\n\(reminder)\r\n--outer--\r\n
            """,
            "ooo": """
            From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: Réponse automatique : Relance coopérative 075-0123\r\n\
            Message-ID: <ooo-1@ac-paris.fr>\r\nDate: Mon, 04 Oct 2021 09:16:00 +0200\r\nX-Auto-Response-Suppress: All\r\n\r\n\
            Je suis absente jusqu'au 12 octobre.\r\n
            """,
            "list": """
            From: La lettre de l'OCCE <infos@occe.coop>\r\nTo: ad75@occe.coop\r\nSubject: Coopérative 075-0123 à l'honneur\r\n\
            Date: Mon, 04 Oct 2021 08:00:00 +0200\r\nList-Id: <lettre.occe.coop>\r\nList-Unsubscribe: <mailto:unsubscribe@occe.coop>\r\nMessage-ID: <list-1@occe.coop>\r\n\r\nNouvelles.\r\n
            """,
            // Only the top part's Content-Type says it: a read receipt with a plain subject, from a registered address.
            "receipt": """
            From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: Relance coopérative 075-0123\r\n\
            Message-ID: <mdn-1@ac-paris.fr>\r\nDate: Mon, 04 Oct 2021 09:17:00 +0200\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/report; report-type=disposition-notification;\r\n boundary="mdn"\r\n\r\n\
            --mdn\r\nContent-Type: text/plain\r\n\r\nVotre message a été affiché.\r\n\
            --mdn\r\nContent-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; claire.martin@ac-paris.fr\r\n\
            Disposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--mdn--\r\n
            """,
            "question": """
            From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: Question\r\nMessage-ID: <q-1@ac-paris.fr>\r\n\
            Date: Tue, 05 Oct 2021 10:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n\
            --rel\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, quelle est la date limite ? Merci.\r\n--\r\nClaire\r\n\
            --rel\r\nContent-Type: image/png; name="image001.png"\r\nContent-ID: <image001.png@01D7>\r\nContent-Disposition: inline; filename="image001.png"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\n\(wrap(logo))\r\n--rel--\r\n
            """,
            "documents": """
            From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: quitus\r\nMessage-ID: <d-1@ac-paris.fr>\r\n\
            Date: Tue, 05 Oct 2021 11:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="mix"\r\n\r\n\
            --mix\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCi-joint le quitus.\r\n\
            --mix\r\nContent-Type: application/pdf; name="quitus.pdf"\r\nContent-Disposition: attachment; filename="quitus.pdf"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\n\(wrap(quitus))\r\n--mix--\r\n
            """,
        ]
    }

    @Test func naturesCooperativesAndAnswers() async throws {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École élémentaire Rue Keller;Paris;Claire Martin;claire.martin@ac-paris.fr;
                075-0456;École maternelle Saint-Merri;Paris;Paul Durand;paul.durand@ac-paris.fr;
                """)
        let ids = try t.ingest(Self.mails().map { (name: $0.key, raw: $0.value) })
        _ = await Pipeline(store: t.store, config: Config()).process()
        let messages = try await t.store.db.read { try MessageRecord.fetchAll($0) }
        let documents = try await t.store.db.read { try DocumentRecord.fetchAll($0) }
        let outbox = try await t.store.db.read { try OutboxRecord.fetchAll($0) }
        func message(_ name: String) -> MessageRecord? { messages.first { $0.id == ids[name] } }
        for name in ["bounce", "ooo", "list", "receipt"] {
            #expect(message(name)?.nature == "automatic", "\(name)")
            #expect(message(name)?.cooperative == nil, "\(name)")
            #expect(documents.filter { $0.message == ids[name] }.allSatisfy { $0.cooperative == nil }, "\(name)")
        }
        // The bounce's quoted quitus is read (a quitus of 075-0123) but belongs to nobody.
        #expect(documents.contains { $0.message == ids["bounce"] && $0.kind == .quitus })
        #expect(message("question")?.nature == "message")
        #expect(message("question")?.cooperative == "075-0123")
        #expect(message("documents")?.nature == "documents")
        #expect(message("documents")?.cooperative == "075-0123")
        // Only the mail with documents is acknowledged.
        #expect(outbox.map(\.message) == [ids["documents"]])
        #expect(outbox.map(\.kind) == [.acknowledgment])

        let export = try Exporter(store: t.store, config: Config()).json(exercise: .init("2020-2021")!)
        let json = try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any]
        let submissions = json?["submissions"] as? [[String: Any]] ?? []
        #expect(submissions.count == 6)
        for s in submissions {
            #expect(s["nature"] is String)
            if s["nature"] as? String == "automatic" { #expect(s["cooperative"] is NSNull) }
        }
        #expect(Set(submissions.compactMap { $0["nature"] as? String }) == ["automatic", "message", "documents"])
        let list = try MailNatureList.load(t.store, exercise: .init("2020-2021")!)
        #expect(list.automatic.count == 4)
        #expect(list.questions.map(\.cooperative) == ["075-0123"])
        #expect(list.questions.first?.detail.contains("date limite") == true)
    }
}

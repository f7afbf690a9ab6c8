import CoopmailClassification
import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

/// What a reply quotes of an earlier mail is not the sender's claim: a number there, or in a reply's subject that
/// repeats it, only supports.
@Suite struct ReplyQuoteTests {
    static let colleague = """
        Bonjour à tous,
        Pour la coopérative 075-0456 (École maternelle Rue de la Roquette), notre quitus est parti hier.
        Paul Durand
        """

    @Test(arguments: [
        // Gmail / Thunderbird: « > » lines after an attribution, wrapped or not.
        "Merci, voici nos documents.\nClaire\n\nLe mar. 21 sept. 2021 à 09:12, Paul Durand <paul.durand@ac-paris.fr> a écrit :\n"
            + colleague.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n"),
        "Merci, voici nos documents.\nClaire\n\nLe mar. 21 sept. 2021 à 09:12, Paul Durand <\npaul.durand@ac-paris.fr> a écrit :\n\n"
            + colleague,
        // Outlook: the header block of the mail answered.
        "Merci, voici nos documents.\nClaire\n\nDe : Paul Durand <paul.durand@ac-paris.fr>\nEnvoyé : mardi 21 septembre 2021 09:12\n"
            + "À : ad75@occe.coop\nObjet : Quitus coopérative 075-0456\n\n" + colleague,
        "Merci, voici nos documents.\n-----Original Message-----\nFrom: Paul Durand\n" + colleague,
    ])
    func quotedTextIsSplitOff(body: String) {
        let split = ReplyQuote.split(body: body, subject: "RE: Quitus coopérative 075-0456")
        #expect(split.own.contains("voici nos documents"))
        #expect(!split.own.contains("075-0456"))
        #expect(split.quoted.contains("075-0456"))
    }

    /// A forward's header block is what the sender passes on, not a quote; a plain mail is all the sender's.
    @Test func forwardsAndPlainMailsAreTheSendersText() {
        let forward =
            "Je vous transfère.\n\nDe : Paul Durand <paul.durand@ac-paris.fr>\nEnvoyé : mardi 21 septembre 2021\n\n"
            + Self.colleague
        #expect(ReplyQuote.split(body: forward, subject: "TR: Quitus").quoted.isEmpty)
        #expect(ReplyQuote.split(body: Self.colleague, subject: "Re: quitus").quoted.isEmpty)
        #expect(ReplyQuote.isReply("RE : Quitus") && ReplyQuote.isReply("[OCCE] Re: x") && ReplyQuote.isReply("AW: x"))
        #expect(
            !ReplyQuote.isReply("TR: Quitus") && !ReplyQuote.isReply("Fwd: x") && !ReplyQuote.isReply("Relevé : août"))
    }

    /// 075-0123's mandataire answers a colleague's thread about 075-0456 with 075-0123's statement: the statement's
    /// IBAN and the registered sender decide; the colleague's number (quoted, and repeated by the reply's subject)
    /// no longer makes a conflict. Before, both documents and the mail were left unmatched.
    @Test func aReplyQuotingAnotherCooperativeKeepsTheSendersOwn() throws {
        let registry = try FixtureRegistry.cooperatives()
        let matcher = CooperativeMatcher(registry: registry, defaultDepartment: 75)
        let own = try #require(registry.first { $0.number.description == "075-0123" })
        let body =
            "Merci, voici nos documents.\nClaire\n\nLe mar. 21 sept. 2021 à 09:12, Paul Durand <paul.durand@ac-paris.fr> a écrit :\n"
            + Self.colleague.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        let m = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: "Re: Quitus coopérative 075-0456", body: body,
            filename: "releve.pdf", documentText: "RELEVE DE COMPTE",
            statement: BankStatement(iban: own.iban, accountNumber: nil))
        #expect(m.cooperative == own.number, "\(m.evidence)")
        let message = matcher.matchMessage(
            sender: "claire.martin@ac-paris.fr", subject: "Re: Quitus coopérative 075-0456", body: body)
        #expect(message.cooperative == own.number, "\(message.evidence)")
        // The same number typed by the sender in its own text still conflicts.
        let typed = matcher.match(
            sender: "claire.martin@ac-paris.fr", subject: "Quitus coopérative 075-0456", body: "voici nos documents",
            filename: "releve.pdf", documentText: "RELEVE DE COMPTE",
            statement: BankStatement(iban: own.iban, accountNumber: nil))
        #expect(typed.cooperative == nil)
    }

    /// A school's director forwards the mandataire's mail (message/rfc822: the line the MIME stage writes; or Gmail's
    /// inline forward) with a quitus photo whose number OCR lost: the school name alone stays under the threshold,
    /// the forwarded mail's registered sender supports it. Before, the quitus was left unmatched.
    @Test(arguments: [
        "Je vous fais suivre.\n\nObjet du message transféré : quitus\nExpéditeur du message transféré : claire.martin@ac-paris.fr\n\nBonjour, voici le quitus.",
        "\n\n---------- Forwarded message ---------\nDe : Claire Martin <claire.martin@ac-paris.fr>\nDate: lun. 27 sept. 2021 à 18:40\nSubject: quitus\n\nBonjour, voici le quitus.",
    ])
    func forwardedSenderSupports(body: String) throws {
        let registry = try FixtureRegistry.cooperatives()
        let matcher = CooperativeMatcher(registry: registry, defaultDepartment: 75)
        let quitus =
            "COMPTE RENDU FINANCIER ET QUITUS\nCoop. 075 012!\nÉtablissement : École élémentaire Rue Keller (Paris 11e)"
        let m = matcher.match(
            sender: "directeur.ecole@ac-paris.fr", subject: "Fwd: quitus", body: body, filename: "IMG_1234.jpg",
            documentText: quitus, documentTextIsOCR: true)
        #expect(m.cooperative?.description == "075-0123", "\(m.evidence)")
        #expect(
            m.evidence.contains("message transféré de claire.martin@ac-paris.fr, adresse enregistrée pour 075-0123"))
        // Alone it is not enough, and it never outweighs a document's own evidence.
        let alone = matcher.match(
            sender: "directeur.ecole@ac-paris.fr", subject: "Fwd: quitus", body: body, filename: "IMG_1234.jpg",
            documentText: "")
        #expect(alone.cooperative == nil)
        let other = try #require(registry.first { $0.number.description == "075-0789" })
        let statement = matcher.match(
            sender: "directeur.ecole@ac-paris.fr", subject: "Fwd: quitus", body: body, filename: "releve.pdf",
            documentText: "RELEVE DE COMPTE", statement: BankStatement(iban: other.iban, accountNumber: nil))
        #expect(statement.cooperative == other.number)
    }

    /// In a reply, a quoted mail's sender is not a forward's.
    @Test func aQuotedSenderIsNoForward() {
        let body =
            "Merci.\n\nDe : Claire Martin <claire.martin@ac-paris.fr>\nEnvoyé : mardi 21 septembre 2021 09:12\nObjet : quitus"
        let own = ReplyQuote.split(body: body, subject: "RE: quitus").own
        #expect(ForwardedSender.addresses(in: own).isEmpty)
        #expect(ForwardedSender.addresses(in: body) == ["claire.martin@ac-paris.fr"])
    }
}

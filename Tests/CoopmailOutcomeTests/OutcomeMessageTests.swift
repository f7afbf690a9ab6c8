import Foundation
import Testing

@testable import CoopmailOutcome

@Suite("Outcome message: RFC 5322 bytes and header injection")
struct OutcomeMessageTests {
    static let allowedHeaders: Set<String> = [
        "from", "to", "reply-to", "subject", "date", "message-id", "in-reply-to", "references",
        "auto-submitted", "x-auto-response-suppress", "mime-version", "content-type",
        "content-transfer-encoding",
    ]

    func message(
        subject: String = "Dossier à corriger – coopérative 075-0123 – exercice 2020-2021",
        body: String = "Bonjour Mme Lefèvre,\n\nLe solde (1\u{00A0}234,56\u{00A0}€) diffère de 60,00\u{00A0}€.\n",
        toName: String? = "Hélène Lefèvre", to: String = "h.lefevre@example.org",
        inReplyTo: String? = "<CAF=abc123@mail.example.org>", references: [String] = ["<older@example.org>"]
    ) -> OutcomeMessage {
        OutcomeMessage(
            from: Mailbox(name: "OCCE AD75", address: "ad75@occe.coop"), to: [Mailbox(name: toName, address: to)],
            subject: subject, body: body, messageID: "<outcome-42@occe.coop>",
            date: Date(timeIntervalSince1970: 1_632_130_000),
            inReplyTo: inReplyTo, references: references)
    }

    /// Every header line is a known field or a folded continuation: nothing was injected.
    func assertNoInjection(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = Decode.message(raw)
        for line in parsed.rawHeaderLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") { continue }
            let name = line.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            #expect(
                Self.allowedHeaders.contains(name), "unexpected header line: \(line)", sourceLocation: sourceLocation)
        }
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\r"), sourceLocation: sourceLocation)
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), sourceLocation: sourceLocation)
        #expect(raw.utf8.allSatisfy { $0 < 0x80 }, sourceLocation: sourceLocation)
    }

    @Test("Headers of an automatic reply, subject and names encoded, body in quoted-printable")
    func wellFormed() throws {
        let m = message()
        let raw = try m.encoded()
        assertNoInjection(raw)
        let parsed = Decode.message(raw)
        func header(_ name: String) -> String? { parsed.headers.first { $0.name.lowercased() == name }?.value }
        #expect(Decode.encodedWords(header("subject")!) == m.subject)
        #expect(header("message-id") == "<outcome-42@occe.coop>")
        #expect(header("in-reply-to") == "<CAF=abc123@mail.example.org>")
        #expect(
            header("references")?.replacingOccurrences(of: "\r\n", with: "")
                == "<older@example.org> <CAF=abc123@mail.example.org>")
        #expect(header("auto-submitted") == "auto-replied")
        #expect(header("mime-version") == "1.0")
        #expect(header("content-type") == "text/plain; charset=utf-8")
        #expect(header("content-transfer-encoding") == "quoted-printable")
        #expect(header("date") == "Mon, 20 Sep 2021 09:26:40 +0000")
        #expect(header("from") == "OCCE AD75 <ad75@occe.coop>")
        let to = header("to")!
        #expect(to.hasSuffix(" <h.lefevre@example.org>"))
        #expect(Decode.encodedWords(String(to.dropLast(" <h.lefevre@example.org>".count))) == "Hélène Lefèvre")
        #expect(Decode.quotedPrintable(parsed.body) == m.body)
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(try m.bytes() == Array(raw.utf8))
    }

    @Test("An ASCII subject stays readable; a quoted display name is escaped")
    func plainSubject() throws {
        let raw = try message(subject: "Accuse de reception", toName: "Dupont, \"Jo\"").encoded()
        #expect(raw.contains("\r\nSubject: Accuse de reception\r\n"))
        #expect(raw.contains("\r\nTo: \"Dupont, \\\"Jo\\\"\" <h.lefevre@example.org>\r\n"))
    }

    @Test(
        "Hostile subject and display names lose their line breaks",
        arguments: [
            "Re: relevé\r\nBcc: victime@example.org", "Re: releve\nBcc: victime@example.org", "Re: x\rBcc: y@z.org",
            "Re:\u{0000}x\u{001B}[31m\u{2028}Bcc: y@z.org", "Re: =?UTF-8?B?QmNjOiB4?=\r\n\r\nbody",
        ])
    func hostileFreeText(value: String) throws {
        let raw = try message(subject: value, toName: value).encoded()
        assertNoInjection(raw)
        let subject = Decode.message(raw).headers.first { $0.name == "Subject" }!.value
        let decoded = Decode.encodedWords(subject)
        #expect(!decoded.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" })
        #expect(decoded.contains("Bcc:") || decoded.contains("QmNjOiB4"), "the text is kept, on one line")
    }

    @Test(
        "Hostile addresses and Message-IDs are refused",
        arguments: [
            "h@example.org\r\nBcc: victime@example.org", "h@example.org\nBcc: v@e.org", "Eve <h@example.org>",
            "h@example.org, v@e.org",
            "h @example.org", "\"h\"@example.org", "h@exa_mple.org", "h@", "", "hé@example.org",
        ])
    func hostileAddress(address: String) {
        #expect(throws: OutcomeMessageError.invalidAddress(field: "To")) { try message(to: address).encoded() }
        var m = message()
        m.from = Mailbox(address: address)
        #expect(throws: OutcomeMessageError.invalidAddress(field: "From")) { try m.encoded() }
    }

    @Test("A hostile Message-ID is refused; hostile In-Reply-To / References entries are dropped")
    func hostileIDs() throws {
        var m = message()
        m.messageID = "<outcome-42@occe.coop>\r\nBcc: v@e.org"
        #expect(throws: OutcomeMessageError.invalidMessageID) { try m.encoded() }
        m.messageID = "<no-at-sign>"
        #expect(throws: OutcomeMessageError.invalidMessageID) { try m.encoded() }
        let raw = try message(
            inReplyTo: "<a@b>\r\nBcc: v@e.org",
            references: ["<ok@example.org>\r\nBcc: v@e.org <x y@z>", "<fine@example.org>"]
        ).encoded()
        assertNoInjection(raw)
        #expect(!raw.contains("In-Reply-To"))
        #expect(raw.contains("<ok@example.org>") && raw.contains("<fine@example.org>") && !raw.contains("Bcc"))
        #expect(throws: OutcomeMessageError.noRecipient) {
            var none = message()
            none.to = []
            _ = try none.encoded()
        }
    }
}

@Suite("Outcome message conveniences")
struct OutcomeMessageConvenienceTests {
    @Test("Stable, safe Message-IDs for an outcome")
    func messageIDs() {
        #expect(OutcomeMessage.messageID(outcomeID: "42", domain: "occe.coop") == "<outcome-42@occe.coop>")
        #expect(
            OutcomeMessage.messageID(outcomeID: "075-0123/2020-2021\r\nBcc: x", domain: "occe.coop")
                == "<outcome-075-01232020-2021Bccx@occe.coop>")
        #expect(HeaderSafety.normalizedMessageID(OutcomeMessage.messageID(outcomeID: "<>\"", domain: "\r\n")) != nil)
    }

    @Test("A rendered template becomes a message")
    func fromRendered() throws {
        let rendered = RenderedMail(subject: "Dossier validé", body: "Bonjour,\n")
        let m = OutcomeMessage(
            rendered: rendered, from: Mailbox(address: "ad75@occe.coop"), to: [Mailbox(address: "a@example.org")],
            messageID: "<outcome-1@occe.coop>", date: Date(timeIntervalSince1970: 0))
        let parsed = Decode.message(try m.encoded())
        #expect(Decode.encodedWords(parsed.headers.first { $0.name == "Subject" }!.value) == "Dossier validé")
        #expect(Decode.quotedPrintable(parsed.body) == "Bonjour,\n")
    }
}

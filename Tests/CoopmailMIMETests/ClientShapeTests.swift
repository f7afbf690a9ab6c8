import CoopmailMIME
import Foundation
import Testing

/// MIME shapes of real clients found by `scripts/make-client-mails.py` (real bytes, one case each): every attachment
/// kept, under the name the sender gave it.
@Suite struct ClientShapeTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static var pdf64: String { pdf.base64EncodedString() }

    func parse(_ raw: String) -> ParsedMessage { MIMEParser().parse(Data(raw.utf8)) }

    func mail(_ parts: [String], top: String = "multipart/mixed") -> String {
        "From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: pièces\r\n"
            + "Message-ID: <shape@ac-paris.fr>\r\nMIME-Version: 1.0\r\nContent-Type: \(top); boundary=\"b1\"\r\n\r\n"
            + parts.map { "--b1\r\n\($0)\r\n" }.joined() + "--b1--\r\n"
    }

    func pdfPart(_ nameHeaders: String) -> String {
        "\(nameHeaders)\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.pdf64)"
    }

    /// Outlook and webmails split a long name into several base64 encoded-words, each padded on its own: the name
    /// must come whole (GMime, joining the payloads, stopped at the first word's `=`: « Quitus coopérative école.p »).
    @Test(arguments: [
        (
            "=?ISO-8859-1?B?UXVpdHVzIGNvb3DpcmF0aXZlIOljb2xlLnA=?=\r\n =?ISO-8859-1?B?ZGY=?=",
            "Quitus coopérative école.pdf"
        ),
        ("=?UTF-8?B?cmVsZXbDqQ==?= =?UTF-8?B?IGFvw7t0LnBkZg==?=", "relevé août.pdf"),
        // A UTF-8 character split between two words still comes out whole.
        ("=?UTF-8?B?cmVsZXbD?= =?UTF-8?B?qSBhb8O7dC5wZGY=?=", "relevé août.pdf"),
        ("=?windows-1252?Q?relev=E9_?=\r\n =?windows-1252?B?YW/7dCAyMDIxLnBkZg==?=", "relevé août 2021.pdf"),
    ])
    func splitEncodedWordNames(encoded: String, expected: String) {
        let m = parse(
            mail([
                "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour",
                pdfPart(
                    "Content-Type: application/pdf;\r\n name=\"\(encoded)\"\r\nContent-Disposition: attachment;\r\n filename=\"\(encoded)\""
                ),
            ]))
        #expect(m.problems.isEmpty)
        #expect(m.attachments.map(\.filename) == [expected])
        #expect(m.attachments.first?.data == Self.pdf)
    }

    /// Names GMime already reads right keep its reading: RFC 2231 with continuations, one encoded-word, plain.
    @Test func otherNameFormsUnchanged() {
        let m = parse(
            mail([
                "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour",
                pdfPart(
                    "Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*0*=UTF-8'fr'relev%C3%A9%20;\r\n filename*1*=ao%C3%BBt.pdf"
                ),
                pdfPart("Content-Type: application/pdf; name=\"=?UTF-8?Q?quitus_sign=C3=A9.pdf?=\""),
                pdfPart("Content-Type: application/pdf; name=\"a=?b.pdf\""),
            ]))
        #expect(m.attachments.map(\.filename) == ["relevé août.pdf", "quitus signé.pdf", "a=?b.pdf"])
    }

    /// Apple Mail's rich body: the PDFs are inline parts of the HTML alternative; a forward of a forward; a nameless
    /// octet-stream; upper-case transfer encodings with trailing blanks. Every PDF is kept.
    @Test func appleAlternativeNestedForwardsNamelessAndUpperCaseEncodings() {
        let apple = mail(
            [
                "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n\r\n<quitus.pdf>",
                "Content-Type: multipart/mixed; boundary=\"b2\"\r\n\r\n--b2\r\nContent-Type: text/html\r\n\r\n<p>Bonjour</p>\r\n"
                    + "--b2\r\n"
                    + pdfPart(
                        "Content-Disposition: inline;\r\n\tfilename=quitus.pdf\r\nContent-Type: application/pdf;\r\n\tx-unix-mode=0644;\r\n\tname=\"quitus.pdf\""
                    )
                    + "\r\n--b2\r\nContent-Type: text/html\r\n\r\n<br>\r\n--b2--",
            ], top: "multipart/alternative")
        #expect(parse(apple).attachments.map(\.filename) == ["quitus.pdf"])

        let inner = mail([pdfPart("Content-Type: application/pdf; name=\"releve.pdf\"")])
            .replacingOccurrences(of: "b1", with: "c1")
        let middle = mail(["Content-Type: text/plain\r\n\r\nTR", "Content-Type: message/rfc822\r\n\r\n" + inner])
            .replacingOccurrences(of: "b1", with: "c2")
        let outer = parse(
            mail(["Content-Type: text/plain\r\n\r\nFwd", "Content-Type: message/rfc822\r\n\r\n" + middle]))
        #expect(outer.attachments.map(\.filename) == ["releve.pdf"])
        #expect(outer.attachments.first?.forwarded == true)

        let odd = parse(
            mail([
                "Content-Type: TEXT/PLAIN; charset=iso-8859-1\r\nContent-Transfer-Encoding: Quoted-Printable \r\n\r\nCoop=\r\n=E9rative 075-=\r\n0123",
                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: BASE64  \r\n\r\n\(Self.pdf64)",
            ]))
        #expect(odd.bodyText.contains("Coopérative 075-0123"))
        #expect(odd.attachments.map(\.filename) == ["piece-1.bin"])
        #expect(odd.attachments.first?.data == Self.pdf)
    }

    /// A forward whose message/rfc822 part is itself base64- (Exchange) or quoted-printable-encoded: the forwarded
    /// mail's documents are kept, as forwarded (they were one unread `piece-1.eml`).
    @Test(arguments: ["base64", "quoted-printable"])
    func encodedForwardedMessage(encoding: String) {
        let inner = mail([
            "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, voici le relevé.",
            pdfPart("Content-Type: application/pdf; name=\"releve.pdf\""),
        ]).replacingOccurrences(of: "b1", with: "in")
        let body =
            encoding == "base64"
            ? Data(inner.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
            : inner.replacingOccurrences(of: "=", with: "=3D")
        let m = parse(
            mail([
                "Content-Type: text/plain; charset=windows-1252\r\n\r\nPour suite à donner.",
                "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: \(encoding)\r\nContent-Disposition: attachment\r\n\r\n\(body)",
            ]))
        #expect(m.problems.isEmpty)
        #expect(m.attachments.map(\.filename) == ["releve.pdf"])
        #expect(m.attachments.first?.forwarded == true)
        #expect(m.attachments.first?.data == Self.pdf)
        #expect(m.bodyText.contains("Objet du message transféré : pièces"))
        #expect(m.bodyText.contains("Expéditeur du message transféré : claire.martin@ac-paris.fr"))
    }

    /// Encoded bytes that are not a mail stay one attachment.
    @Test func encodedMessagePartThatIsNoMailStaysAnAttachment() {
        let m = parse(
            mail([
                "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.pdf64)"
            ]))
        #expect(m.attachments.count == 1)
    }
}

import CoopmailMIME
import CoopmailTestSupport
import Foundation
import Testing

/// Damaged mails keep every part that arrived whole; what was lost is noted, in French, by file name.
/// (08, 09 and 11 of Fixtures/mail were quarantined outright before: 11 is now kept, 08 and 09 keep nothing readable
/// and stay quarantined, with notes naming the lost file instead of a bare parser warning.)
@Suite struct SalvageTests {
    static func pdf(_ text: String) -> Data {
        Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% \(text)\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    }
    static let jpeg = Data(
        [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x02, 0x03, 0xff, 0xd9])

    static func part(_ name: String, _ type: String, _ data: Data, boundary: String = "B") -> String {
        "--\(boundary)\r\nContent-Type: \(type)\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"\(name)\"\r\n\r\n"
            + data.base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\r\n")
            + "\r\n"
    }

    static func mail(_ parts: [String], end: Bool = true) -> Data {
        var s =
            "From: mandataire@ecole.test\r\nTo: ad75@occe.coop\r\nSubject: documents coop\r\nMessage-ID: <salvage@ecole.test>\r\n"
            + "Date: Mon, 04 Oct 2021 09:15:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            + "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, voici nos documents.\r\n"
        s += parts.joined()
        if end { s += "--B--\r\n" }
        return Data(s.utf8)
    }

    @Test func invalidBase64PartIsLeftOutAndTheOthersKept() {
        let bad =
            "--B\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"releve.pdf\"\r\n\r\nJVBERi0x!!!*** pas du base64 ***\r\n"
        let m = MIMEParser().parse(
            Self.mail([
                Self.part("quitus.pdf", "application/pdf", Self.pdf("quitus")), bad,
                Self.part("photo.jpg", "image/jpeg", Self.jpeg),
            ]))
        #expect(m.problems.isEmpty)
        #expect(m.quarantineReasons.isEmpty)
        #expect(m.attachments.map(\.filename) == ["quitus.pdf", "photo.jpg"])
        #expect(m.notes.contains { $0.contains("« releve.pdf »") && $0.contains("base64") && $0.contains("renvoyer") })
    }

    @Test(arguments: 0..<8)
    func multipartCutShortKeepsTheWholeParts(seed: Int) {
        // The cut falls at a seeded place inside the last PDF: the earlier files arrived whole.
        var rng = SeededGenerator(seed: UInt64(seed))
        let last = Self.pdf(String(repeating: "contenu du relevé ", count: 40))
        let encoded = last.base64EncodedString(options: .lineLength76Characters)
        let cut = Int(rng.next() % UInt64(encoded.count - 40)) + 8
        let head =
            "--B\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"releve-aout.pdf\"\r\n\r\n" + String(encoded.prefix(cut))
        let m = MIMEParser().parse(
            Self.mail(
                [
                    Self.part("quitus.pdf", "application/pdf", Self.pdf("quitus")),
                    Self.part("photo.jpg", "image/jpeg", Self.jpeg), head,
                ], end: false))
        #expect(m.problems.isEmpty)
        #expect(m.quarantineReasons.isEmpty)
        #expect(m.attachments.map(\.filename) == ["quitus.pdf", "photo.jpg"])
        // Cut inside a base64 quantum the part no longer decodes; cut on a quantum boundary it lacks %%EOF: lost either way.
        #expect(m.notes.contains { $0.contains("« releve-aout.pdf »") && $0.contains("à renvoyer") }, "\(m.notes)")
    }

    @Test(arguments: [
        "../../etc/passwd.pdf", "/etc/passwd.pdf", "C:\\\\Temp\\\\..\\\\passwd.pdf",
        "=?utf-8?B?" + Data("../pass\u{1B}[31mwd\n.pdf".utf8).base64EncodedString() + "?=",
    ])
    func hostileNameGetsASafeLabelAndIsStillRead(name: String) {
        let m = MIMEParser().parse(Self.mail([Self.part(name, "application/pdf", Self.pdf("relevé"))]))
        #expect(m.quarantineReasons.isEmpty)
        #expect(m.attachments.count == 1)
        let label = m.attachments.first?.filename ?? ""
        #expect(label.hasSuffix(".pdf") && label.contains("passwd") || label.contains("wd.pdf"))
        #expect(
            !label.contains("/") && !label.contains("\\") && !label.contains("..")
                && !label.unicodeScalars.contains { $0.value < 0x20 })
        #expect(m.attachments.first?.data == Self.pdf("relevé"))
        #expect(
            m.notes.contains {
                $0.contains("nom de fichier dangereux") && !$0.unicodeScalars.contains { $0.value < 0x20 }
            })
    }

    @Test func nothingReadableLeftIsQuarantined() {
        let m1 = parse("08-missing-boundary.eml")
        #expect(m1.attachments.isEmpty)
        #expect(m1.quarantineReasons.contains { $0.contains("tronqué") })
        #expect(m1.notes.contains { $0.contains("incomplète") })
        let m2 = parse("09-invalid-base64.eml")
        #expect(m2.quarantineReasons.contains { $0.contains("« x.pdf »") && $0.contains("base64 invalide") })
        let m3 = parse("11-path-traversal.eml")
        #expect(m3.quarantineReasons.isEmpty)
        #expect(m3.attachments.map(\.filename) == ["evil.pdf"])
        #expect(m3.notes.contains { $0.contains("nom de fichier dangereux") && $0.contains("evil.pdf") })
    }

    @Test func limitsStillQuarantineTheWholeMail() {
        // Dangerous shapes are not salvaged: past the part limit the mail is quarantined even with readable files.
        let parts = (0..<12).map { Self.part("p\($0).pdf", "application/pdf", Self.pdf("\($0)")) }
        let m = MIMEParser(limits: MIMELimits(maxParts: 6)).parse(Self.mail(parts))
        #expect(!m.quarantineReasons.isEmpty)
        #expect(m.quarantineReasons.contains { $0.contains("trop de parties") })
    }

    @Test func completenessMarkers() {
        #expect(Completeness.of(Self.pdf("x")) == .complete)
        #expect(Completeness.of(Self.pdf("x").dropLast(8)) == .incomplete)
        #expect(Completeness.of(Self.jpeg) == .complete)
        #expect(Completeness.of(Self.jpeg.dropLast(2)) == .incomplete)
        #expect(Completeness.of(Data("texte".utf8)) == .unknown)
    }
}

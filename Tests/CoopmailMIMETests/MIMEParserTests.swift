import CoopmailMIME
import CoopmailTestSupport
import Foundation
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/mail")

func parse(_ name: String, limits: MIMELimits = MIMELimits()) -> ParsedMessage {
    MIMEParser(limits: limits).parse(fileAt: fixtures.appendingPathComponent(name).path)
}

@Suite struct MIMEParserTests {
    @Test func decodesRFC2047SubjectInTwoCharsetsAndRFC2231Filename() {
        let m = parse("02-rfc2047-rfc2231.eml")
        #expect(m.problems.isEmpty)
        #expect(m.subject == "Compte rendu financier coopérative 75-124")
        #expect(m.fromName == "Renée Martin")
        #expect(m.attachments.map(\.filename) == ["relevé de compte août 2021.pdf"])
        #expect(m.bodyText.contains("relevé d'août"))
    }

    @Test func decodesWindows1252BodyAndOutlookQuotedFilename() {
        let m = parse("03-windows-1252-outlook-name.eml")
        #expect(m.problems.isEmpty)
        #expect(m.bodyText.contains("signé – merci"))
        #expect(m.attachments.first?.filename == "quitus signé.pdf")
    }

    @Test func countsAttachmentsOfForwardedMessages() {
        let m = parse("04-forwarded.eml")
        #expect(m.problems.isEmpty)
        #expect(m.attachments.count == 1)
        #expect(m.attachments.first?.forwarded == true)
        #expect(m.bodyText.contains("TR: documents coop 123"))
    }

    @Test func keepsInlineImagesAndNamesThem() {
        let m = parse("05-inline-and-misnamed.eml")
        #expect(m.attachments.count == 2)
        #expect(m.attachments[0].filename == "piece-1.jpg")
        #expect(m.attachments[1].filename == "scan.jpg")
        #expect(m.attachments[1].data.starts(with: Array("%PDF".utf8)))
    }

    @Test func decodesUndeclaredCharsetWithoutQuarantine() {
        let m = parse("13-undeclared-charset.eml")
        #expect(m.problems.isEmpty)
        #expect(m.bodyText.contains("Coopérative 075-0125, relevé joint."))
    }

    @Test(arguments: [
        ("10-deep-nesting.eml", "imbrication MIME trop profonde"),
        ("12-nul-bytes.eml", "octet NUL"),
        ("14-empty.eml", "fichier vide"),
        ("16-garbage.eml", "e-mail"),
    ])
    func reportsHostileMail(_ name: String, _ reason: String) {
        let m = parse(name)
        #expect(m.problems.contains { $0.contains(reason) }, "\(name): \(m.problems)")
        #expect(m.attachments.allSatisfy { !$0.filename.contains("/") && !$0.filename.contains("..") })
    }

    @Test func stopsAtTenThousandParts() {
        var s =
            "From: a@b.test\r\nMessage-ID: <many@b.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"Q\"\r\n\r\n"
        for i in 0..<10_000 {
            s += "--Q\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=p\(i).txt\r\n\r\nx\r\n"
        }
        s += "--Q--\r\n"
        let m = MIMEParser().parse(Data(s.utf8))
        #expect(m.problems.contains { $0.contains("trop de parties") })
        #expect(m.attachments.count < 10_000)
    }

    @Test func refusesAnAttachmentOverTheLimit() {
        let big = Data(repeating: 0x41, count: 3 * 1024 * 1024).base64EncodedString(options: .lineLength76Characters)
        let s =
            "From: a@b.test\r\nMessage-ID: <big@b.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"Q\"\r\n\r\n"
            + "--Q\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n"
            + big.replacingOccurrences(of: "\n", with: "\n") + "\r\n--Q--\r\n"
        let m = MIMEParser(limits: MIMELimits(maxAttachmentBytes: 2 * 1024 * 1024)).parse(Data(s.utf8))
        #expect(m.problems.contains { $0.contains("trop volumineuse") })
        #expect(m.attachments.isEmpty)
        let ok = MIMEParser(limits: MIMELimits(maxAttachmentBytes: 4 * 1024 * 1024)).parse(Data(s.utf8))
        #expect(ok.problems.isEmpty)
        #expect(ok.attachments.first?.data.count == 3 * 1024 * 1024)
    }

    @Test func neverCrashesOnMutatedInput() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".eml") }
            .sorted()
        var rng = SeededGenerator(seed: 42)
        for name in seeds {
            let original = try Data(contentsOf: fixtures.appendingPathComponent(name))
            guard !original.isEmpty else { continue }
            for _ in 0..<40 {
                var bytes = [UInt8](original)
                for _ in 0..<Int(rng.next() % 8 + 1) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1:
                        bytes.remove(at: i)
                        if bytes.isEmpty { bytes = [0x41] }
                    default: bytes.insert(contentsOf: Array("\r\n--".utf8), at: i)
                    }
                }
                let m = MIMEParser().parse(Data(bytes))
                #expect(m.attachments.allSatisfy { !$0.filename.contains("/") })
            }
        }
    }
}

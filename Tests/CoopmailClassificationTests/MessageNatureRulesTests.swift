import CoopmailClassification
import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@Suite struct MessageNatureRulesTests {
    typealias A = MessageNatureRules.Attachment

    @Test func pixelSizesOfTheFixtureImages() throws {
        for name in ["photo-quitus-0456.jpg", "scan-quitus-0123-rot90.jpg", "scan-releve-2021-09-0456.png"] {
            let size = try #require(ImagePixelSize.of(try documentBytes(name)), "\(name)")
            // Pages: at least a 100 dpi A4 (827 × 1169) either way round.
            #expect(min(size.width, size.height) >= 800 && max(size.width, size.height) >= 1100, "\(name): \(size)")
        }
        #expect(ImagePixelSize.of(Array("%PDF-1.4".utf8)) == nil)
        var g = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            // Cut and mutated headers never trap.
            var bytes = [UInt8](try documentBytes("photo-quitus-0456.jpg").prefix(Int(g.next() % 400)))
            if !bytes.isEmpty { bytes[Int(g.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: g.next()) }
            _ = ImagePixelSize.of(bytes)
        }
    }

    @Test func signatureImagesVCardsAndSignaturesAreDecorations() {
        let logoSmall = A(filename: "image001.png", mediaType: "image/png", size: 6_000, kind: .other)
        let logoWide = A(filename: "logo.jpg", mediaType: "image/jpeg", size: 70_000, kind: .other, pixels: (600, 180))
        let vcard = A(filename: "Claire Martin.vcf", mediaType: "text/plain", size: 400, kind: .other)
        let smime = A(filename: "smime.p7s", mediaType: "application/pkcs7-signature", size: 4_000, kind: .other)
        for a in [logoSmall, logoWide, vcard, smime] { #expect(MessageNatureRules.isDecoration(a), "\(a.filename)") }
        #expect(
            MessageNatureRules.nature(automatic: nil, attachments: [logoSmall, logoWide, vcard, smime]) == .message)
        #expect(MessageNatureRules.nature(automatic: nil, attachments: []) == .message)
    }

    @Test func pagesAndFoundDocumentsAreDocuments() {
        let unreadablePhoto = A(
            filename: "IMG_2040.jpg", mediaType: "image/jpeg", size: 1_800_000, kind: .other, pixels: (3024, 4032))
        let scan = A(filename: "scan.png", mediaType: "image/png", size: 90_000, kind: .other, pixels: (1240, 1754))
        let tinyQuitus = A(filename: "q.png", mediaType: "image/png", size: 15_000, kind: .quitus)
        let letter = A(filename: "lettre.pdf", mediaType: "application/pdf", size: 12_000, kind: .other)
        for a in [unreadablePhoto, scan, tinyQuitus, letter] {
            #expect(!MessageNatureRules.isDecoration(a), "\(a.filename)")
            #expect(MessageNatureRules.nature(automatic: nil, attachments: [a]) == .documents, "\(a.filename)")
        }
        let bounce = AutomaticMailDetector.detect(.init(headers: [], fromAddress: "mailer-daemon@x.test"))
        #expect(MessageNatureRules.nature(automatic: bounce, attachments: [letter]) == .automatic)
    }
}

/// A file of the labelled document corpus (Fixtures/documents).
func documentBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Repository.url("Fixtures/documents").appendingPathComponent(name)))
}

import CoopmailReading
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

@Suite struct DocumentReaderTests {
    let reader = DocumentReader()

    @Test func sniffsFromBytesNotNames() throws {
        let sniffer = MediaTypeSniffer.shared
        #expect(sniffer.mediaType(of: try Fixtures.bytes("releve-2021-08-0123.pdf")) == "application/pdf")
        #expect(sniffer.mediaType(of: try Fixtures.bytes("scan-quitus-0123-rot90.jpg")) == "image/jpeg")
        #expect(sniffer.mediaType(of: try Fixtures.bytes("scan-releve-2021-09-0456.png")) == "image/png")
        #expect(sniffer.mediaType(of: Array("Bonjour, voici le relevé.\n".utf8)).hasPrefix("text/"))
    }

    @Test func textLayerPDFIsNeverOCRd() async throws {
        let doc = await reader.read(try Fixtures.bytes("releve-straddle-0789.pdf"))
        #expect(doc.mediaType == "application/pdf")
        #expect(doc.pages.count == 1)
        #expect(doc.pages[0].source == .textLayer)
        #expect(doc.pages[0].text.contains("SOLDE CREDITEUR AU 03/08/2021"))
    }

    @Test func rotatedScanIsReadUpright() async throws {
        let doc = await reader.read(try Fixtures.bytes("scan-quitus-0123-rot90.jpg"))
        #expect(doc.pages.count == 1)
        #expect(doc.pages[0].source == .ocr)
        // The fixture was turned 90° clockwise: putting it upright takes 270° clockwise.
        #expect(doc.pages[0].rotation == 270)
        #expect(Folding.fold(doc.pages[0].text).contains("quitus"))
        #expect(Folding.fold(doc.pages[0].text).contains("semble correct"))
    }

    @Test func upsideDownScanIsReadUpright() async throws {
        let doc = await reader.read(try Fixtures.bytes("scan-releve-2021-08-0123-rot180.pdf"))
        #expect(doc.pages.first?.source == .ocr)
        #expect(doc.pages.first?.rotation == 180)
        #expect(doc.pages.first?.text.contains("RELEVE DE COMPTE") == true)
    }

    @Test func phonePhotoWithExifOrientation() async throws {
        let doc = await reader.read(try Fixtures.bytes("photo-quitus-0456.jpg"))
        #expect(doc.pages.first?.source == .ocr)
        #expect(Folding.fold(doc.text).contains("compte rendu financier"))
    }

    enum Garbage: String, CaseIterable {
        case empty, zeros, brokenPDF, truncatedJPEG, truncatedPNG, fakeTIFF

        var bytes: [UInt8] {
            switch self {
            case .empty: return []
            case .zeros: return [UInt8](repeating: 0, count: 4096)
            case .brokenPDF: return Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage".utf8)
            case .truncatedJPEG: return [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x41, count: 2000)
            case .truncatedPNG:
                return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0x7F, count: 3000)
            case .fakeTIFF:
                return [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00] + [UInt8](repeating: 0xFF, count: 500)
            }
        }
    }

    @Test(arguments: Garbage.allCases)
    func garbageIsUnreadableNotACrash(_ garbage: Garbage) async {
        let doc = await reader.read(garbage.bytes)
        #expect(!doc.pages.isEmpty)
        #expect(doc.pages.allSatisfy { $0.source == .unreadable })
    }

    @Test func seededRandomBytesNeverCrash() async {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<5 {
            let bytes = (0..<3000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let doc = await reader.read(bytes)
            #expect(!doc.pages.isEmpty)
        }
    }
}

@Suite struct ReaderHygieneTests {
    @Test func scratchFilesAreRemoved() async throws {
        let base = FileManager.default.temporaryDirectory.path + "/coopmail-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let reader = DocumentReader(temporaryDirectory: base)
        _ = await reader.read(try Fixtures.bytes("releve-2021-08-0123.pdf"))
        _ = await reader.read(Array("%PDF-1.4 broken".utf8))
        _ = await reader.read(try Fixtures.bytes("scan-releve-2021-09-0456.png"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).isEmpty)
    }

    @Test func aToolRunningTooLongIsKilled() async {
        let runner = ToolRunner(timeout: .milliseconds(300))
        let out = await runner.run("sleep", ["30"])
        #expect(out.timedOut)
        #expect(!out.succeeded)
    }

    @Test func aMissingToolIsAFailureNotACrash() async {
        let out = await ToolRunner().run("coopmail-no-such-tool", [])
        #expect(!out.succeeded)
    }

    @Test func multiPageTIFFIsReadPageByPage() async throws {
        let (document, parts) = try await CorpusCache.read("fax-quitus-releve-0789.tif")
        #expect(document.mediaType == "image/tiff")
        #expect(document.pages.count == 2)
        #expect(parts.map(\.kind) == [.quitus, .bankStatement])
        #expect(parts.last?.pages == [2])
    }

    @Test func crfPageWithoutApprovalIsNotAQuitus() {
        let text =
            "OCCE COMPTE RENDU FINANCIER Exercice 2020-2021 Total des produits 1 000,00 Total des charges 900,00 mandataire"
        #expect(PageClassifier.kind(of: text) == .other)
    }
}

@Suite struct PhoneFormatTests {
    @Test func heicPhotoIsRead() async throws {
        // iPhones send HEIC: made here from a fixture with ImageMagick (orientation lost: the page lies sideways).
        let dir = FileManager.default.temporaryDirectory.path + "/coopmail-heic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = Fixtures.directory.appendingPathComponent("photo-quitus-0456.jpg").path
        let made = await ToolRunner().run("convert", ["jpeg:" + source, "heic:" + dir + "/p.heic"])
        try #require(made.succeeded)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/p.heic")))
        #expect(MediaTypeSniffer.shared.mediaType(of: bytes) == "image/heic")
        let (_, parts) = await DocumentReader().readParts(bytes)
        #expect(parts.map(\.kind) == [.quitus])
        #expect(parts.first?.quitus?.cooperativeNumbers.map(\.description) == ["075-0456"])
    }
}

@Suite struct ToolEnvironmentTests {
    @Test func toolsRunWithOneOpenMPThreadAndAMemoryLimit() async {
        let env = await ToolRunner().run("env", [])
        #expect(env.text.split(separator: "\n").contains("OMP_THREAD_LIMIT=1"))
        let limits = await ToolRunner(memoryLimitBytes: 1 << 30).run(
            "prlimit", ["--as", "--noheadings", "--output", "SOFT"])
        #expect(limits.text.trimmingCharacters(in: .whitespacesAndNewlines) == String(1 << 30))
    }
}

@Suite struct ScannerAppTests {
    @Test func aStampOverAScanIsNotTheText() async throws {
        let (document, parts) = try await CorpusCache.read("scanapp-quitus-0789.pdf")
        #expect(document.pages.first?.source == .ocr)
        #expect(parts.map(\.kind) == [.quitus])
    }

    @Test func aTextPDFIsStillNeverOCRd() async throws {
        let (document, _) = try await CorpusCache.read("quitus-0789.pdf")
        #expect(document.pages.allSatisfy { $0.source == .textLayer })
    }
}

@Suite struct OddBytesTests {
    @Test func junkBeforeThePDFHeaderIsStillAPDF() async throws {
        let bytes = Array("\r\n\r\nMIME junk\r\n".utf8) + (try Fixtures.bytes("quitus-0123.pdf"))
        let doc = await DocumentReader().read(bytes)
        #expect(doc.mediaType == "application/pdf")
        #expect(doc.pages.first?.source == .textLayer)
    }
}

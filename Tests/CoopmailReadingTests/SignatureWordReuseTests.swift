import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// The signature check of a scanned quitus takes the printed words from the OCR reading that gave the page's text:
/// one more rendering of the page, no second OCR.
@Suite struct SignatureWordReuseTests {
    /// Every scanned PDF of the fixtures: its OCR page carries the word boxes of that reading, and the check decides
    /// each place right with an OCR runner that cannot start tesseract (1 MiB of address space): it never needs it.
    @Test func scannedQuitusIsCheckedWithoutASecondOCR() async throws {
        let labels = try QuitusFixtures.labels()
        let names = labels.files.keys.filter { $0.hasPrefix("scan") && $0.hasSuffix(".pdf") }.sorted()
        #expect(names.count >= 10)
        let reader = DocumentReader()
        let noOCR = SignatureInspector(
            textRunner: reader.textRunner, ocrRunner: ToolRunner(memoryLimitBytes: 1 << 20),
            language: reader.language, temporaryDirectory: reader.temporaryDirectory)
        for name in names {
            let label = try #require(labels.files[name])
            let bytes = [UInt8](try Data(contentsOf: QuitusFixtures.directory.appendingPathComponent(name)))
            let document = await reader.read(bytes)
            let page = try #require(document.pages.first { $0.source == .ocr }, "\(name)")
            #expect(page.ocrWords.map { WordBox.fromTSV($0).count } ?? 0 > 20, "\(name): no word boxes kept")
            let readings = await noOCR.inspect(bytes, mediaType: document.mediaType, page: page)
            for reading in readings {
                #expect(
                    reading.verdict.rawValue == label.places[reading.place.rawValue],
                    "\(name) \(reading.place.rawValue): \(reading.verdict.rawValue) (\(reading.measure))")
            }
        }
    }

    /// The word boxes are a by-product of the reading: not kept with the document once the signatures are checked,
    /// not encoded, not compared.
    @Test func wordBoxesAreNotKept() async throws {
        let name = "scan150-parent-manquant.pdf"
        let bytes = [UInt8](try Data(contentsOf: QuitusFixtures.directory.appendingPathComponent(name)))
        let (document, parts) = await DocumentReader().readParts(bytes)
        #expect(parts.contains { $0.kind == .quitus })
        #expect(document.pages.allSatisfy { $0.ocrWords == nil })
        var page = PageText(number: 1, text: "x", source: .ocr, rotation: 90, ocrWords: "5\t1")
        let encoded = try JSONEncoder().encode(page)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("ocrWords"))
        page.ocrWords = nil
        #expect(page == PageText(number: 1, text: "x", source: .ocr, rotation: 90, ocrWords: "other"))
    }

    /// Tesseract's TSV, from the worker (no header) or the command line (a header): the page row gives the raster's
    /// size, and the words scale to another raster of the same page.
    @Test func wordBoxesScaleToTheSignatureRaster() {
        let rows = [
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t200\t300\t40\t91.5\tparent",
        ]
        for tsv in [
            rows.joined(separator: "\n"),
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
                + rows.joined(separator: "\n"),
        ] {
            let size = WordBox.pageSize(ofTSV: tsv)
            #expect(size?.width == 2480 && size?.height == 3508)
            let words = WordBox.fromTSV(tsv, scaledTo: 1240, 1754)
            #expect(words.map(\.text) == ["parent"])
            #expect(words.first.map { [$0.x0, $0.y0, $0.x1, $0.y1] } == [50, 100, 200, 120])
        }
        #expect(WordBox.fromTSV("5\t1\t1\t1\t1\t1\t1\t2\t3\t4\t90\tx", scaledTo: 10, 10).isEmpty)  // no page row
        #expect(WordBox.pageSize(ofTSV: "1\t1\t0\t0\t0\t0\t0\t0\tnan\t3508\t-1\t") == nil)
    }
}

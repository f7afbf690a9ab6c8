import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// `coopmail open COOP --signatures` draws its sheet from the places and verdicts stored with the reading: the
/// reading keeps each place's box and the raster's size, older stored readings without them still decode, and the
/// sheet made from stored places needs no place finding on the page.
@Suite struct StoredSignatureSheetTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func sheetPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-sheet-\(UUID().uuidString).png").path
    }

    /// The PNG's width and height, from its IHDR chunk.
    static func size(_ png: [UInt8]) -> (Int, Int)? {
        guard png.count >= 24, Array(png.prefix(8)) == pngSignature else { return nil }
        func be(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test(arguments: ["quitus-parent-manquant.pdf", "photo-parent-manquant.jpg"])
    func theReadingKeepsEachPlacesBoxAndTheRasterSize(_ name: String) async throws {
        let bytes = [UInt8](try Data(contentsOf: QuitusFixtures.directory.appendingPathComponent(name)))
        let reader = DocumentReader()
        let (document, parts) = await reader.readParts(bytes)
        let quitus = try #require(parts.first { $0.kind == .quitus }?.quitus)
        let page = try #require(quitus.signingPage)
        let width = try #require(page.rasterWidth)
        let height = try #require(page.rasterHeight)
        let readings = try #require(quitus.signatures)
        #expect(readings.map(\.place) == SignaturePlace.allCases)
        for r in readings {
            let box = try #require(r.box, "\(r.place)")
            #expect(0 <= box.x0 && box.x0 < box.x1 && box.x1 <= width, "\(r.place) \(box)")
            #expect(0 <= box.y0 && box.y0 < box.y1 && box.y1 <= height, "\(r.place) \(box)")
        }
        // Stored as JSON and read back: the same places, boxes and raster size.
        let stored = try JSONDecoder().decode(Quitus.self, from: JSONEncoder().encode(quitus))
        #expect(stored.signatures == readings && stored.signingPage == page)
        let path = Self.sheetPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inspector = SignatureInspector(textRunner: reader.textRunner, ocrRunner: reader.ocrRunner)
        #expect(
            await SignatureSheet.write(
                bytes, mediaType: document.mediaType, page: page, stored: readings, to: path, inspector: inspector))
        let png = try #require(FileManager.default.contents(atPath: path))
        // Three crops of the stored boxes side by side: at least as wide as the three boxes together.
        let (w, h) = try #require(Self.size([UInt8](png)))
        let boxes = readings.compactMap(\.box)
        #expect(w >= boxes.reduce(0) { $0 + $1.x1 - $1.x0 })
        #expect(h >= boxes.map { $0.y1 - $0.y0 }.max() ?? 0)
    }

    /// A page without any words (nothing to find the places from): the sheet from stored places is still drawn,
    /// at the stored boxes (the parent's crop twice as wide as the others), while finding them again gives nothing.
    @Test func storedPlacesAreNotFoundAgain() async throws {
        let folder = try TemporaryFolder()
        let bytes = try await Self.blankPage("1200x1600", in: folder)
        let page = SigningPage(number: 1, rotation: 0, textLayer: false, rasterWidth: 1200, rasterHeight: 1600)
        let stored = [
            SignatureReading(
                place: .mandataire, verdict: .signed, measure: 0.5, box: PlaceBox(x0: 0, y0: 900, x1: 300, y1: 1200)),
            SignatureReading(
                place: .parent, verdict: .empty, measure: 0, box: PlaceBox(x0: 300, y0: 900, x1: 900, y1: 1200)),
            SignatureReading(
                place: .teacher, verdict: .signed, measure: 0.4, box: PlaceBox(x0: 900, y0: 900, x1: 1200, y1: 1200)),
        ]
        let inspector = Self.inspector()
        let w = try await Self.storedSheetWidth(bytes, page: page, stored: stored, in: folder, inspector: inspector)
        #expect(w == 300 + 600 + 300 + 6 * 12)  // the stored boxes' crops side by side, 12 pixels either side of each
        let again = folder.file("again.png")
        #expect(
            !(await SignatureSheet.write(bytes, mediaType: "image/png", page: page, to: again, inspector: inspector)))
    }

    /// A stored box whose numbers are out of all proportion (a damaged or hand-edited row) is kept within the page:
    /// the sheet is drawn from the whole page width, never a trap on the conversion.
    @Test func outlandishStoredBoxesStayWithinThePage() async throws {
        let folder = try TemporaryFolder()
        let bytes = try await Self.blankPage("600x800", in: folder)
        let page = SigningPage(number: 1, rotation: 0, textLayer: false, rasterWidth: 300, rasterHeight: 400)
        let stored = [
            SignatureReading(
                place: .parent, verdict: .empty, measure: 0,
                box: PlaceBox(x0: Int.min, y0: -5, x1: Int.max, y1: Int.max))
        ]
        let inspector = Self.inspector()
        let w = try await Self.storedSheetWidth(bytes, page: page, stored: stored, in: folder, inspector: inspector)
        // The whole page width (600), 12 pixels either side, in `-tile 3x1`'s row of three cells (the two empty ones
        // as wide as the crop).
        #expect(w == 3 * (600 + 2 * 12))
    }

    static func inspector() -> SignatureInspector {
        let reader = DocumentReader()
        return SignatureInspector(textRunner: reader.textRunner, ocrRunner: reader.ocrRunner)
    }

    /// The width of the sheet drawn from `stored` (which must be written).
    static func storedSheetWidth(
        _ bytes: [UInt8], page: SigningPage, stored: [SignatureReading], in folder: TemporaryFolder,
        inspector: SignatureInspector
    ) async throws -> Int {
        let path = folder.file("sheet.png")
        #expect(
            await SignatureSheet.write(
                bytes, mediaType: "image/png", page: page, stored: stored, to: path, inspector: inspector))
        let png = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        return try #require(size(png)).0
    }

    /// The bytes of a white PNG page of `size` (`WIDTHxHEIGHT`), without any words.
    static func blankPage(_ size: String, in folder: TemporaryFolder) async throws -> [UInt8] {
        let blank = folder.file("blank.png")
        let made = await ToolRunner().run("convert", ["-size", size, "xc:white", "png:" + blank])
        try #require(made.succeeded)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: blank)))
    }

    /// Readings stored before the boxes and the raster size were kept still decode (without them).
    @Test func olderStoredReadingsDecode() throws {
        let json = #"""
            {"signatures":[{"measure":0.41,"place":"mandataire","verdict":"signed"},
            {"measure":0,"place":"parent","verdict":"empty"},{"measure":0.5,"place":"teacher","verdict":"signed"}],
            "signingPage":{"number":1,"rotation":90,"textLayer":false}}
            """#
        struct Stored: Decodable {
            var signatures: [SignatureReading]
            var signingPage: SigningPage
        }
        let stored = try JSONDecoder().decode(Stored.self, from: Data(json.utf8))
        #expect(stored.signatures.map(\.verdict) == [.signed, .empty, .signed])
        #expect(stored.signatures.allSatisfy { $0.box == nil })
        #expect(stored.signingPage.rotation == 90 && stored.signingPage.rasterWidth == nil)
    }
}

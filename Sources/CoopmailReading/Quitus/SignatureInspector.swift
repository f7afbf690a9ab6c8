import CoopmailDomain
import Foundation

/// Looks at the signature places of one quitus page: renders the page once (pdftoppm or ImageMagick, gray, put
/// upright by the rotation the OCR found), takes the printed words' boxes (the PDF text layer, or tesseract's TSV
/// on that raster), finds the places from the titles (``SignaturePlaceFinder``) and measures the ink in each
/// (``InkMeter``). Never throws: a page that defeats it gives `unreadable` places.
public struct SignatureInspector: Sendable {
    public var textRunner: ToolRunner
    public var ocrRunner: ToolRunner
    public var language: String
    public var temporaryDirectory: String?
    /// Resolution of the raster (pixels per inch); images are scaled so that their longest side is at most 2,600 px.
    public var dpi = 150

    public init(
        textRunner: ToolRunner, ocrRunner: ToolRunner, language: String = "fra", temporaryDirectory: String? = nil
    ) {
        self.textRunner = textRunner
        self.ocrRunner = ocrRunner
        self.language = language
        self.temporaryDirectory = temporaryDirectory
    }

    /// The raster, the printed words on it and the places found: what ``inspect`` decided on.
    public struct Inspection: Sendable {
        public var image: GrayImage
        public var words: [WordBox]
        public var regions: [PlaceRegion]
        public var readings: [SignatureReading]
    }

    /// One reading per ``SignaturePlace``, in order (`unreadable`, measure 0, for a place not found).
    public func inspect(_ bytes: [UInt8], mediaType: String, page: PageText) async -> [SignatureReading] {
        await inspection(bytes, mediaType: mediaType, page: page)?.readings
            ?? SignaturePlace.allCases.map { SignatureReading(place: $0, verdict: .unreadable, measure: 0) }
    }

    public func inspection(_ bytes: [UInt8], mediaType: String, page: PageText) async -> Inspection? {
        guard let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return nil }
        defer { scratch.remove() }
        let raster = scratch.file("signatures.pgm")
        var words: [WordBox] = []
        var image: GrayImage
        let isPDF =
            mediaType == "application/pdf" || (!mediaType.hasPrefix("image/") && DocumentReader.hasPDFHeader(bytes))
        if isPDF {
            guard let pdf = try? scratch.write(bytes, to: "input.pdf") else { return nil }
            let n = String(page.number)
            let base = scratch.file("signatures")
            let out = await textRunner.run(
                "pdftoppm", ["-r", String(dpi), "-gray", "-singlefile", "-f", n, "-l", n, pdf, base])
            guard out.succeeded, let loaded = Self.load(raster) else { return nil }
            image = loaded
            if page.source == .textLayer {
                let html = await textRunner.run("pdftotext", ["-bbox", "-enc", "UTF-8", "-f", n, "-l", n, pdf, "-"])
                words = WordBox.fromTextLayer(html.text, dpi: Double(dpi))
                if words.isEmpty { return nil }
            } else if page.rotation != 0 {
                image = image.rotated(clockwise: page.rotation)
                guard (try? Data(image.pgm).write(to: URL(fileURLWithPath: raster))) != nil else { return nil }
            }
        } else {
            guard let coder = DocumentReader.imageCoders[mediaType],
                let input = try? scratch.write(bytes, to: "input.img")
            else { return nil }
            let limits = [
                "-limit", "memory", "256MiB", "-limit", "map", "512MiB", "-limit", "disk", "1GiB",
                "-limit", "area", "128MP", "-limit", "width", "20KP", "-limit", "height", "20KP",
            ]
            let frame = "[\(max(0, page.number - 1))]"
            let runner = ocrRunner
            let out = await OCRSlots.shared.withSlot {
                await runner.run(
                    "convert",
                    limits + [
                        coder + ":" + input + frame, "-auto-orient", "-rotate", String(page.rotation),
                        "-colorspace", "Gray", "-resize", "2600x2600>", "-depth", "8", "pgm:" + raster,
                    ])
            }
            guard out.succeeded, let loaded = Self.load(raster) else { return nil }
            image = loaded
        }
        if words.isEmpty {
            let runner = ocrRunner
            let language = self.language
            let dpi = self.dpi
            let out = await OCRSlots.shared.withSlot {
                await runner.run(
                    "tesseract",
                    [raster, "stdout", "-l", language, "--psm", "3", "--dpi", String(isPDF ? dpi : 200), "tsv"])
            }
            guard out.succeeded else { return nil }
            words = WordBox.fromTSV(out.text)
        }
        return Self.decide(image: image, words: words, textLayer: isPDF && page.source == .textLayer)
    }

    /// The places and their verdicts on a raster whose printed words are known.
    public static func decide(image: GrayImage, words: [WordBox], textLayer: Bool) -> Inspection {
        let regions = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
        guard let lh = SignaturePlaceFinder.lineHeight(words) else {
            return Inspection(
                image: image, words: words, regions: [],
                readings: SignaturePlace.allCases.map {
                    SignatureReading(place: $0, verdict: .unreadable, measure: 0)
                })
        }
        let printed = textLayer ? words : words.filter { isPrinted($0, lineHeight: lh) }
        let readings = SignaturePlace.allCases.map { place -> SignatureReading in
            guard let region = regions.first(where: { $0.place == place }) else {
                return SignatureReading(place: place, verdict: .unreadable, measure: 0)
            }
            let m = InkMeter.measure(image, region: region, printed: printed, lineHeight: lh)
            return SignatureReading(place: place, verdict: m.verdict, measure: m.measure)
        }
        return Inspection(image: image, words: words, regions: regions, readings: readings)
    }

    /// An OCR word that is printed text (masked before measuring): read with some confidence, made of letters or
    /// digits, not taller than printed text. What tesseract makes of a signature (low confidence, tall) stays ink.
    static func isPrinted(_ word: WordBox, lineHeight lh: Double) -> Bool {
        let alnum = word.text.filter { $0.isLetter || $0.isNumber }.count
        guard word.height <= 1.8 * lh else { return false }
        return (alnum >= 2 && word.confidence >= 50) || (alnum >= 1 && word.confidence >= 80)
    }

    static func load(_ path: String) -> GrayImage? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return GrayImage(pgm: [UInt8](data))
    }
}

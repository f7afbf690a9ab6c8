import CoopmailDomain
import CoopmailText
import Foundation

/// Looks at the signature places of one quitus page: renders the page once (pdftoppm or ImageMagick, gray, put
/// upright by the rotation the OCR found), takes the printed words' boxes (the PDF text layer; on a scan or a photo,
/// those of the OCR reading that gave the page's text, scaled to this raster, so that the check costs one rendering
/// and no second OCR; tesseract's TSV on this raster only for a page that comes without them, as `open
/// --signatures` gives, or on this raster with its light evened out when those words show no place for the parent or
/// the teacher), finds the places from the titles (``SignaturePlaceFinder``) and measures the ink in each
/// (``InkMeter``), printed words masked only when they are plausibly print (``isPrinted``). Never throws: a page
/// that defeats it gives `unreadable` places.
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
        await inspection(bytes, mediaType: mediaType, page: page)?.readings ?? Self.notInspected
    }

    /// Every place `unreadable`, measure 0: the page could not be inspected.
    public static let notInspected = SignaturePlace.allCases.map {
        SignatureReading(place: $0, verdict: .unreadable, measure: 0)
    }

    public func inspection(_ bytes: [UInt8], mediaType: String, page: PageText) async -> Inspection? {
        guard let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return nil }
        defer { scratch.remove() }
        guard let rendered = await render(bytes, mediaType: mediaType, page: page, in: scratch) else { return nil }
        var image = rendered.image
        let raster = scratch.file("signatures.pgm")
        let isPDF = rendered.pdf != nil
        var words: [WordBox] = []
        if let pdf = rendered.pdf, page.source == .textLayer {
            let n = String(page.number)
            let html = await textRunner.run("pdftotext", ["-bbox", "-enc", "UTF-8", "-f", n, "-l", n, pdf, "-"])
            words = WordBox.fromTextLayer(html.text, dpi: Double(dpi))
            if words.isEmpty { return nil }
            // A page saved turned (/Rotate, or drawn sideways) is rendered as it shows, its words placed the same way:
            // both are turned upright, as its words read, since places are looked for under their titles.
            let turn = Self.readingTurn(words)
            if turn != 0 {
                let back = (360 - turn) % 360
                image = image.rotated(clockwise: back)
                words = words.map { $0.turned(clockwise: back, width: image.width, height: image.height) }
            }
        }
        // A scan or a photo read by OCR: the words of that reading, scaled to this raster (same page, same turn).
        if words.isEmpty, page.source == .ocr, let tsv = page.ocrWords {
            words = WordBox.fromTSV(tsv, scaledTo: image.width, image.height)
        }
        if words.isEmpty {
            guard let read = await ocrWords(raster, isPDF: isPDF) else { return nil }
            words = read
        }
        let textLayer = isPDF && page.source == .textLayer
        let first = Self.decide(image: image, words: words, textLayer: textLayer)
        // A scan or a photo on whose OCR words the parent's or the teacher's place was not found: read once more with
        // its light evened out (``GrayImage/evenedLight(block:)``: a shadow over that box), kept when that reading
        // finds more of the two.
        guard !textLayer, Self.requiredFound(first) < 2 else { return first }
        let flat = scratch.file("flat.pgm")
        guard (try? Data(image.evenedLight().pgm).write(to: URL(fileURLWithPath: flat))) != nil,
            let read = await ocrWords(flat, isPDF: isPDF)
        else { return first }
        let second = Self.decide(image: image, words: read, textLayer: false)
        return Self.requiredFound(second) > Self.requiredFound(first) ? second : first
    }

    /// How many of the places `quitus_signed` needs (the parent's and the teacher's) an inspection found.
    static func requiredFound(_ inspection: Inspection) -> Int {
        inspection.regions.filter { $0.place == .parent || $0.place == .teacher }.count
    }

    /// Tesseract's words on the raster at `path` (one OCR slot), nil when it fails.
    private func ocrWords(_ path: String, isPDF: Bool) async -> [WordBox]? {
        let runner = ocrRunner
        let language = self.language
        let dpi = self.dpi
        let out = await OCRSlots.shared.withSlot {
            await runner.run(
                "tesseract", [path, "stdout", "-l", language, "--psm", "3", "--dpi", String(isPDF ? dpi : 200), "tsv"])
        }
        return out.succeeded ? WordBox.fromTSV(out.text) : nil
    }

    /// The signing page's raster alone, as ``inspection`` renders it (to show stored places again).
    public func raster(_ bytes: [UInt8], mediaType: String, page: PageText) async -> GrayImage? {
        guard let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return nil }
        defer { scratch.remove() }
        return await render(bytes, mediaType: mediaType, page: page, in: scratch)?.image
    }

    /// Renders the page upright, gray, into `scratch`'s signatures.pgm (pdftoppm, or ImageMagick for an image); for
    /// a PDF, also the path of the PDF written in `scratch`. A text-layer page is not turned (its words are not).
    private func render(_ bytes: [UInt8], mediaType: String, page: PageText, in scratch: ScratchDirectory) async
        -> (image: GrayImage, pdf: String?)?
    {
        let raster = scratch.file("signatures.pgm")
        let isPDF =
            mediaType == "application/pdf" || (!mediaType.hasPrefix("image/") && DocumentReader.hasPDFHeader(bytes))
        if isPDF {
            guard let pdf = try? scratch.write(bytes, to: "input.pdf") else { return nil }
            let n = String(page.number)
            let base = scratch.file("signatures")
            let out = await textRunner.run(
                "pdftoppm", ["-r", String(dpi), "-gray", "-singlefile", "-f", n, "-l", n, pdf, base])
            guard out.succeeded, var image = Self.load(raster) else { return nil }
            if page.source != .textLayer && page.rotation != 0 {
                image = image.rotated(clockwise: page.rotation)
                guard (try? Data(image.pgm).write(to: URL(fileURLWithPath: raster))) != nil else { return nil }
            }
            return (image, pdf)
        }
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
        guard out.succeeded, let image = Self.load(raster) else { return nil }
        return (image, nil)
    }

    /// How far clockwise a text-layer page is turned from upright, from the direction its words follow one another
    /// (pdftotext lists them in reading order): rightwards 0, downwards 90, leftwards 180, upwards 270. The direction
    /// most consecutive pairs of words on one line take wins; 0 when none is clear.
    static func readingTurn(_ words: [WordBox]) -> Int {
        var votes = [0: 0, 90: 0, 180: 0, 270: 0]
        for (a, b) in zip(words, words.dropFirst()) where !a.letters.isEmpty && !b.letters.isEmpty {
            let dx = (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2
            let dy = (b.y0 + b.y1) / 2 - (a.y0 + a.y1) / 2
            let size = min(a.x1 - a.x0, a.y1 - a.y0)
            guard size > 0 else { continue }
            // On one line: the other coordinate moves less than half the word's thickness.
            if abs(dy) < 0.5 * size, abs(dx) > size {
                votes[dx > 0 ? 0 : 180, default: 0] += 1
            } else if abs(dx) < 0.5 * size, abs(dy) > size {
                votes[dy > 0 ? 90 : 270, default: 0] += 1
            }
        }
        guard let best = votes.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), best.value > 0,
            best.value > 2 * (votes[0] ?? 0) || best.key == 0
        else { return 0 }
        return best.key
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
        // What is written by hand on a place's « Nom » and « Date » lines is a name or a date, not a signature.
        let entries = SignaturePlaceFinder.entryLines(
            words: words, regions: regions, lineHeight: lh, ocr: !textLayer)
        let printed = (textLayer ? words : words.filter { isPrinted($0, lineHeight: lh) }) + entries
        let tilt = textLayer ? 0 : SignaturePlaceFinder.tilt(words, lineHeight: lh)
        let readings = SignaturePlace.allCases.map { place -> SignatureReading in
            guard let region = regions.first(where: { $0.place == place }) else {
                return SignatureReading(place: place, verdict: .unreadable, measure: 0)
            }
            let m = InkMeter.measure(image, region: region, printed: printed, lineHeight: lh, tilt: tilt)
            return SignatureReading(
                place: place, verdict: m.verdict, measure: m.measure,
                box: PlaceBox(x0: region.x0, y0: region.y0, x1: region.x1, y1: region.y1))
        }
        return Inspection(image: image, words: words, regions: regions, readings: readings)
    }

    /// An OCR word that is plausibly printed text, masked before measuring. Tesseract reads pale or low handwriting as
    /// "words" too (« EE », « NAN », « LEP », « SrI », « de »: short, capitals or mixed case, confidence up to about
    /// 60 on the generated scans); masking those hid the ink. A word is print when its box has the height of the
    /// page's printed words (``printedHeights``, times the typical height) and it is either a token of the quitus's
    /// labels or of the common-word list read with some confidence (``knownConfidence``), or a word-shaped token of
    /// at least three letters or digits: in lower case or a capital then lower case (a typed name) with some
    /// confidence (``lowerCaseConfidence``), in capitals or digits (stamp lettering, a date) with high confidence
    /// (``capitalsConfidence``) — what tesseract makes of pen strokes mostly reads as capitals. Anything else stays
    /// ink: unmasked print is at worst a doubtful place, never a signed one (``InkMeter`` never counts marks no taller
    /// than print as a signature unless they form one long unbroken curve).
    static func isPrinted(_ word: WordBox, lineHeight lh: Double) -> Bool {
        guard printedHeights.contains(word.height / lh) else { return false }
        let core = word.text.trimmingCharacters(in: edgePunctuation)
        let alnum = core.filter { $0.isLetter || $0.isNumber }.count
        guard alnum >= 2 else { return false }
        if isKnownToken(core) { return word.confidence >= knownConfidence }
        guard alnum >= 3, let shape = WordShape(core) else { return false }
        return word.confidence >= (shape == .lowerCase ? lowerCaseConfidence : capitalsConfidence)
    }

    /// Heights of printed words' boxes, in typical printed-word heights: from a lowercase word without ascenders
    /// (about 0.6) to capitals with descenders (about 1.5). Measured over seeded scans and photos (150 and 300 dpi,
    /// OCR's boxes): print 0.58–1.56; boxes taller than that hold handwriting.
    static let printedHeights = 0.45...1.6
    /// Confidences measured on the words of the signature places of two seeded corpora (80 scans and photos, OCR at
    /// 300 dpi, psm 4; `SignatureWordMaskTests` keeps the families): label or common words, print 56 and up,
    /// handwriting read as one 48 at most; lower-case words, print (« Benali ») mostly 47–97, handwriting 26 at most;
    /// capitals, handwriting up to 61 (« LEP », « NAN »), print (dates, stamp lettering) 83 and up.
    static let knownConfidence = 52.0
    static let lowerCaseConfidence = 40.0
    static let capitalsConfidence = 75.0

    /// Words of the signature boxes' labels (folded), besides ``TextQuality``'s common words.
    static let labelWords: Set<String> = [
        "le", "la", "l", "d", "mandataire", "parent", "parents", "eleve", "eleves", "elu", "elue", "enseignant",
        "enseignante", "nom", "prenom", "date", "signature", "lu", "approuve", "fait", "directeur", "directrice",
        "president", "presidente", "tresorier", "tresoriere", "qualite",
    ]

    static func isKnownToken(_ text: String) -> Bool {
        let parts = Folding.fold(text).split(whereSeparator: { !$0.isLetter })
        guard !parts.isEmpty, parts.contains(where: { $0.count >= 2 }) else { return false }
        return parts.allSatisfy { labelWords.contains(String($0)) || TextQuality.commonWords.contains(String($0)) }
    }

    /// How a word is spelt, as print spells words: letters in lower case or a capital then lower case, letters in
    /// capitals (inner apostrophes and hyphens allowed), or digits with date and amount separators. Mixed-case or
    /// letter-digit strings (« SrI », « nocr7S ») have no shape.
    enum WordShape {
        case lowerCase, capitals, digits

        init?(_ text: String) {
            if text.allSatisfy({ $0.isNumber || "/.,-".contains($0) }) {
                guard text.contains(where: \.isNumber) else { return nil }
                self = .digits
                return
            }
            guard text.allSatisfy({ $0.isLetter || "'’-".contains($0) }) else { return nil }
            let letters = text.filter(\.isLetter)
            if letters.dropFirst().allSatisfy(\.isLowercase) {
                self = .lowerCase
            } else if letters.allSatisfy(\.isUppercase) {
                self = .capitals
            } else {
                return nil
            }
        }
    }

    static let edgePunctuation = CharacterSet(charactersIn: ":;,.!?()[]{}«»\"'’|")

    static func load(_ path: String) -> GrayImage? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return GrayImage(pgm: [UInt8](data))
    }
}

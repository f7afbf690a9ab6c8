import Foundation

/// Extracts per-page text from an attachment's bytes: the PDF text layer when a page has one, OCR otherwise
/// (scanned PDF pages, JPEG/PNG/TIFF images, put upright first). A pure function of the bytes; never throws:
/// what defeats the extractors comes back as `unreadable` pages.
public struct DocumentReader: Sendable {
    public var maxPages: Int
    public var language: String
    /// Timeouts and limits of each tool run.
    public var textRunner: ToolRunner
    public var ocrRunner: ToolRunner
    /// Where the private scratch folder of each read is made (and removed); the system's temporary folder by default.
    public var temporaryDirectory: String?
    /// The `coopmail-ocr` worker executable (tesseract's model loaded once per worker, one worker per core); nil:
    /// tesseract's command line, one process per run. Found next to the running executable by default.
    public var ocrWorker: String?

    /// `coopmail-ocr` next to the running executable (`swift build` builds both into the same folder), or the
    /// path in `COOPMAIL_OCR_WORKER` (set empty to use tesseract's command line).
    public static let defaultOCRWorker: String? = OCRWorkerPool.defaultExecutable

    /// OCR time one attachment may use, counted while its pages hold OCR slots (``OCRBudget``: waiting for a slot is
    /// not counted); pages not started once it is spent stay `unreadable`.
    public var ocrBudget: Duration

    public init(
        maxPages: Int = 40, language: String = "fra", ocrBudget: Duration = .seconds(600),
        textRunner: ToolRunner = ToolRunner(timeout: .seconds(30), memoryLimitBytes: 1 << 30),
        ocrRunner: ToolRunner = ToolRunner(timeout: .seconds(120), memoryLimitBytes: 2 << 30),
        temporaryDirectory: String? = nil, ocrWorker: String? = DocumentReader.defaultOCRWorker
    ) {
        self.temporaryDirectory = temporaryDirectory
        self.ocrWorker = ocrWorker
        self.maxPages = maxPages
        self.ocrBudget = ocrBudget
        self.language = language
        self.textRunner = textRunner
        self.ocrRunner = ocrRunner
    }

    /// Media types read by OCR (loaded by the worker for JPEG and PNG, else converted to grayscale PGM by ImageMagick).
    static let imageCoders: [String: String] = [
        "image/jpeg": "jpeg", "image/png": "png", "image/tiff": "tiff", "image/gif": "gif", "image/bmp": "bmp",
        "image/x-ms-bmp": "bmp", "image/webp": "webp", "image/heic": "heic", "image/heif": "heic", "image/avif": "avif",
    ]

    /// Reads `bytes`; `mediaType` is sniffed from the bytes when not given.
    public func read(_ bytes: [UInt8], mediaType: String? = nil) async -> ReadDocument {
        let type = mediaType ?? MediaTypeSniffer.shared.mediaType(of: bytes)
        let unreadable = ReadDocument(mediaType: type, pages: [PageText(number: 1, text: "", source: .unreadable)])
        guard let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return unreadable }
        defer { scratch.remove() }
        if type == "application/pdf" {
            return await readPDF(bytes, scratch: scratch) ?? unreadable
        }
        // Some mailers and scanners put a few bytes before "%PDF-"; poppler reads such files.
        if !type.hasPrefix("image/"), Self.hasPDFHeader(bytes), let pdf = await readPDF(bytes, scratch: scratch) {
            return pdf
        }
        if let coder = Self.imageCoders[type] {
            return await readImage(bytes, coder: coder, mediaType: type, scratch: scratch) ?? unreadable
        }
        if type.hasPrefix("text/") {
            let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
            return ReadDocument(
                mediaType: type,
                pages: [
                    PageText(
                        number: 1, text: text,
                        source: TextQuality.alphanumericCount(text) > 0 ? .textLayer : .unreadable)
                ])
        }
        return unreadable
    }

    /// Changes whenever the reader's output for the same bytes may change: a cache keyed by SHA-256 should include it.
    public static let version =
        "coopmail-reading-14-yearless-dates-euro-commas-upright-pale-strokes-quitus-photos-pen-curves-flat-light-row-order-value-only-shade-other-hands-lost-amounts-ink-cases-sheet-edge-amounts-read-again-column-commas-operation-column-quitus-sums-box-titles-stamp-rings-flat-keeps-amounts-rule-crossings-round-rings-straightened-blocks-grid-rules-printed-rows-label-columns-stamp-ellipses-evened-light-every-amount-quitus-ocr-converted-again-running-balances-type-rows-faxed-rings-shadows"

    static func hasPDFHeader(_ bytes: [UInt8]) -> Bool {
        let marker = Array("%PDF-".utf8)
        let window = bytes.prefix(1024)
        guard window.count >= marker.count else { return false }
        return (0...(window.count - marker.count)).contains { i in Array(window[i..<(i + marker.count)]) == marker }
    }

    public func read(_ data: Data, mediaType: String? = nil) async -> ReadDocument {
        await read([UInt8](data), mediaType: mediaType)
    }

    // MARK: PDF

    private func readPDF(_ bytes: [UInt8], scratch: ScratchDirectory) async -> ReadDocument? {
        guard let pdf = try? scratch.write(bytes, to: "input.pdf") else { return nil }
        guard let info = await pdfInfo(pdf) else { return nil }
        let count = min(info.pages, maxPages)
        guard count > 0 else { return nil }
        var pages: [PageText] = []
        var needOCR: [Int] = []
        for n in 1...count {
            let out = await textRunner.run(
                "pdftotext", ["-layout", "-enc", "UTF-8", "-f", String(n), "-l", String(n), pdf, "-"])
            let text = out.succeeded ? out.text : ""
            let usable = TextQuality.isUsableTextLayer(text)
            // A scanner app's stamp ("Scanned by …") over a page-sized image is not the page's text: OCR it.
            var keep = usable
            if usable && TextQuality.alphanumericCount(text) < 200 { keep = !(await hasPageSizedImage(pdf, page: n)) }
            if keep {
                pages.append(PageText(number: n, text: text, source: .textLayer))
            } else {
                pages.append(PageText(number: n, text: usable ? text : "", source: usable ? .textLayer : .unreadable))
                needOCR.append(n)
            }
        }
        let runner = ocrRunner
        let budget = OCRBudget(ocrBudget)
        let results = await withTaskGroup(of: (Int, PageOCR.Result?).self) { group in
            for n in needOCR {
                let dpi = info.dpi(forPage: n)
                group.addTask {
                    let result = await OCRSlots.shared.withSlot {
                        await budget.spending { () -> PageOCR.Result? in
                            let base = scratch.file("page-\(n)")
                            let out = await runner.run(
                                "pdftoppm",
                                [
                                    "-r", String(dpi), "-gray", "-singlefile",
                                    "-f", String(n), "-l", String(n), pdf, base,
                                ])
                            guard out.succeeded else { return nil }
                            let result = await self.ocrPrepared(base + ".pgm", scratch: scratch, tag: "page-\(n)")
                            try? FileManager.default.removeItem(atPath: base + ".pgm")
                            return result
                        }
                    }
                    return (n, result)
                }
            }
            var all: [Int: PageOCR.Result] = [:]
            for await (n, r) in group { if let r { all[n] = r } }
            return all
        }
        for (n, r) in results where TextQuality.wordCount(r.text) > TextQuality.wordCount(pages[n - 1].text) {
            pages[n - 1] = PageText(number: n, text: r.text, source: .ocr, rotation: r.rotation, ocrWords: r.words)
        }
        return ReadDocument(mediaType: "application/pdf", pages: pages, truncated: info.pages > maxPages)
    }

    /// Whether page `n` holds an image of at least 1000×1000 pixels (a scan).
    private func hasPageSizedImage(_ pdf: String, page n: Int) async -> Bool {
        let out = await textRunner.run("pdfimages", ["-list", "-f", String(n), "-l", String(n), pdf])
        for line in out.text.split(separator: "\n").dropFirst(2) {
            let f = line.split(separator: " ")
            if f.count > 4, let w = Int(f[3]), let h = Int(f[4]), w >= 1000, h >= 1000 { return true }
        }
        return false
    }

    struct PDFInfo {
        var pages: Int
        /// Longest side of each page in points, when printed.
        var longestSide: [Int: Double]

        /// 300 dpi, lowered for oversized pages so that a raster stays under about 5,000 pixels a side.
        func dpi(forPage n: Int) -> Int {
            guard let side = longestSide[n], side > 0 else { return 300 }
            // Bounded as a Double first: a page a hostile PDF declares a billionth of a point wide gives no huge Int.
            return Int(max(50, min(300, (5000 / (side / 72)).rounded(.down))))
        }
    }

    func pdfInfo(_ pdf: String) async -> PDFInfo? {
        // One run gives the page count and the size of each page read (pdfinfo stops at the last page).
        let info = await textRunner.run("pdfinfo", ["-f", "1", "-l", String(maxPages), pdf])
        guard info.succeeded else { return nil }
        var pages = 0
        for line in info.text.split(separator: "\n") where line.hasPrefix("Pages:") {
            pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        guard pages > 0 else { return nil }
        var sides: [Int: Double] = [:]
        for line in info.text.split(separator: "\n") where line.hasPrefix("Page ") && line.contains(" size:") {
            // "Page    1 size: 595.276 x 841.89 pts (A4)"
            let words = line.split(separator: " ")
            guard words.count >= 6, let n = Int(words[1]), let w = Double(words[3]), let h = Double(words[5]) else {
                continue
            }
            sides[n] = max(w, h)
        }
        return PDFInfo(pages: pages, longestSide: sides)
    }

    // MARK: Images

    /// ImageMagick's arguments that turn the frames `frames` (« [0-19] ») of the image `input` into the grayscale PGM
    /// pages OCR reads (`output`, « frame-%03d.pgm » for several): explicit coder (never ImageMagick's own guess), EXIF
    /// orientation applied, gray, small photos enlarged. The same for the first reading and for every second look at
    /// a page (``withPageAgain(_:mediaType:page:scratch:_:)``), so that the first reading's word boxes hold on both.
    static func conversionArguments(coder: String, input: String, frames: String, output: String) -> [String] {
        // Resource limits on top of the system policy (which may be laxer elsewhere): a decompression bomb fails.
        let limits = [
            "-limit", "memory", "256MiB", "-limit", "map", "512MiB", "-limit", "disk", "1GiB",
            "-limit", "area", "128MP", "-limit", "width", "20KP", "-limit", "height", "20KP",
        ]
        return limits + [
            coder + ":" + input + frames, "-auto-orient", "-colorspace", "Gray", "-filter", "Triangle",
            "-resize", "\(enlargeToFit)x\(enlargeToFit)<", "-depth", "8", "-density", "300", "-units",
            "PixelsPerInch", "pgm:" + output,
        ]
    }

    private func readImage(_ bytes: [UInt8], coder: String, mediaType: String, scratch: ScratchDirectory) async
        -> ReadDocument?
    {
        guard let input = try? scratch.write(bytes, to: "input.img") else { return nil }
        // JPEG and PNG (one frame) are loaded by the worker itself: same pixels as ImageMagick below, without its cost.
        if Self.workerCoders.contains(coder) {
            let orientation = ExifOrientation.value(in: bytes)
            // One page, read as soon as it holds a slot: the budget (time holding slots) cannot be spent before.
            let outcome = await OCRSlots.shared.withSlot {
                await self.readInWorker(input, orientation: orientation, fit: Self.enlargeToFit)
            }
            if case .read(let result) = outcome {
                let page = result.flatMap { TextQuality.wordCount($0.text) > 0 ? $0 : nil }
                    .map { PageText(number: 1, text: $0.text, source: .ocr, rotation: $0.rotation, ocrWords: $0.words) }
                return ReadDocument(
                    mediaType: mediaType, pages: [page ?? PageText(number: 1, text: "", source: .unreadable)])
            }
        }
        let arguments = Self.conversionArguments(
            coder: coder, input: input, frames: "[0-\(maxPages - 1)]", output: scratch.file("frame-%03d.pgm"))
        let runner = ocrRunner
        // Conversion is CPU work too: it takes one of the two OCR slots.
        let out = await OCRSlots.shared.withSlot { await runner.run("convert", arguments) }
        guard out.succeeded else { return nil }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? [])
            .filter { $0.hasPrefix("frame-") && $0.hasSuffix(".pgm") }.sorted()
        guard !files.isEmpty else { return nil }
        let budget = OCRBudget(ocrBudget)
        let results = await withTaskGroup(of: (Int, PageOCR.Result?).self) { group in
            for (i, file) in files.enumerated() {
                group.addTask {
                    let result = await OCRSlots.shared.withSlot {
                        await budget.spending {
                            await self.ocrPrepared(scratch.file(file), scratch: scratch, tag: "frame-\(i)")
                        }
                    }
                    try? FileManager.default.removeItem(atPath: scratch.file(file))
                    return (i + 1, result)
                }
            }
            var all: [Int: PageOCR.Result] = [:]
            for await (n, r) in group { if let r { all[n] = r } }
            return all
        }
        let pages = (1...files.count).map { n -> PageText in
            if let r = results[n], TextQuality.wordCount(r.text) > 0 {
                return PageText(number: n, text: r.text, source: .ocr, rotation: r.rotation, ocrWords: r.words)
            }
            return PageText(number: n, text: "", source: .unreadable)
        }
        return ReadDocument(mediaType: mediaType, pages: pages)
    }

    // MARK: Tesseract languages

    private static let languagesCache = LanguagesCache()

    static func osdAvailable(_ runner: ToolRunner) async -> Bool {
        if let known = await languagesCache.osd { return known }
        let out = await runner.run("tesseract", ["--list-langs"])
        let langs = Set(out.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let osd = langs.contains("osd")
        await languagesCache.set(osd)
        return osd
    }
}

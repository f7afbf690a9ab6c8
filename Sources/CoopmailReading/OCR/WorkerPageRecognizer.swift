/// A page in a `coopmail-ocr` worker: loaded by a `page` request, read through `osd` and `ocr` requests, all
/// before one deadline.
struct WorkerPageRecognizer: PageRecognizer {
    var worker: OCRWorker
    var deadline: ContinuousClock.Instant

    var osdAvailable: Bool { worker.osdAvailable }

    /// The worker's answer to loading `path` (`page` or `refused`), nil when it died or took too long.
    func load(_ path: String, orientation: Int, fit: Int) async -> WorkerAnswer? {
        await request("page \(orientation) \(fit) \(path)")
    }

    func orientationHint() async -> Int? {
        guard case .orientationMeasures(let up, let left)? = await request("orient") else { return nil }
        return OrientationHint.rotation(up: up, left: left)
    }

    func orientation() async -> Int? {
        guard case .orientation(let rotate, let confidence)? = await request("osd"),
            [0, 90, 180, 270].contains(rotate), confidence >= Self.minimumOrientationConfidence
        else { return nil }
        return rotate
    }

    func recognise(rotation: Int) async -> String? { await recognition(rotation: rotation)?.text }

    func recognition(rotation: Int) async -> PageRecognition? {
        guard case .textBody(let answer)? = await request("ocr \(rotation)") else { return nil }
        return PageRecognition.fromAnswer(answer)
    }

    /// The page read again as one uniform block of text (tesseract psm 6, `ocr <rotation> block`): the second reading
    /// of a statement or quitus whose first reading does not check (DocumentReader+SecondReading.swift).
    func blockRecognition(rotation: Int) async -> PageRecognition? {
        guard case .textBody(let answer)? = await request("ocr \(rotation) block") else { return nil }
        return PageRecognition.fromAnswer(answer)
    }

    /// The page's block reading (``blockRecognition(rotation:)``) with whether the worker straightened the page for it
    /// first (`tilt <rotation>`: a photo tilted beyond TILT_STRAIGHTEN_DEGREES, Sources/coopmail-ocr/page_loader.h).
    /// Not straightened when the worker cannot measure the tilt (an older worker, a page without text lines). With
    /// `onlyTilted`, nil without reading when the page is not straightened.
    func straightBlockRecognition(rotation: Int, onlyTilted: Bool = false) async -> (
        recognition: PageRecognition, straightened: Bool
    )? {
        var straightened = false
        if case .tilt(_, _, let straight)? = await request("tilt \(rotation)") { straightened = straight }
        if onlyTilted && !straightened { return nil }
        guard let read = await blockRecognition(rotation: rotation) else { return nil }
        return (read, straightened)
    }

    /// The page read again with its light evened out first (`ocr <rotation> flat`: leptonica's background
    /// normalisation, then psm 4): the third reading of a statement whose first two do not check, for a phone photo
    /// with a shadow across it, where tesseract's global threshold loses the text in the shadow.
    func flatRecognition(rotation: Int) async -> PageRecognition? {
        guard case .textBody(let answer)? = await request("ocr \(rotation) flat") else { return nil }
        return PageRecognition.fromAnswer(answer)
    }

    /// The text of one rectangle of the page turned `rotation` (pixels of the raster so turned), read as one line
    /// (tesseract psm 7, `zone <rotation> <x> <y> <w> <h>`): a doubtful amount read again on its own
    /// (DocumentReader+AmountRereading.swift). Nil when the rectangle is off the page or nothing was read.
    func zoneText(rotation: Int, x: Int, y: Int, width: Int, height: Int) async -> String? {
        guard x >= 0, y >= 0, width > 0, height > 0 else { return nil }
        guard case .textBody(let text)? = await request("zone \(rotation) \(x) \(y) \(width) \(height)") else {
            return nil
        }
        return text
    }

    private func request(_ line: String) async -> WorkerAnswer? {
        let left = deadline - ContinuousClock.now
        guard left > .zero else {
            // Out of time before asking: the page is abandoned like a request that timed out.
            worker.stop()
            return nil
        }
        return await worker.request(line, deadline: deadline)
    }
}

import Foundation

/// What a `coopmail-ocr` worker made of one raster file.
enum WorkerOutcome<Value: Sendable>: Sendable {
    /// Loaded and read (nil: nothing readable, or the worker was killed at its timeout).
    case read(Value?)
    /// The worker could not load the file (format, size limits): another way may still read it.
    case refused
    /// No worker: none configured, or it cannot start.
    case unavailable
}

/// A worker's first reading of a raster file (orientation found, text laid out).
typealias WorkerRead = WorkerOutcome<PageOCR.Result>

extension DocumentReader {
    /// ImageMagick's `-resize 3400x3400<` on images: a small photo is enlarged until a side reaches 3400 pixels.
    static let enlargeToFit = 3400

    /// Image coders whose files the worker loads itself (one frame; EXIF orientation applied).
    static let workerCoders: Set<String> = ["jpeg", "png"]

    /// OCR of a raster made by pdftoppm or ImageMagick: in a worker when there is one, else (or when the worker
    /// refuses it) by tesseract's command line. Runs inside an OCR slot taken by the caller.
    func ocrPrepared(_ path: String, scratch: ScratchDirectory, tag: String) async -> PageOCR.Result? {
        if case .read(let result) = await readInWorker(path, orientation: 1, fit: 0) { return result }
        let page = CommandLinePageRecognizer(
            image: path, runner: ocrRunner, language: language,
            osdAvailable: await Self.osdAvailable(ocrRunner), scratch: scratch, tag: tag)
        return await PageOCR.read(page)
    }

    /// Loads `path` in a worker (turned by its EXIF `orientation`, enlarged to `fit` when both sides are smaller,
    /// 0: never) and reads it. The page's requests share one timeout (the OCR runner's): past it the worker is
    /// killed, the page comes back unreadable, and the next page starts a new worker.
    func readInWorker(_ path: String, orientation: Int, fit: Int) async -> WorkerRead {
        await withWorkerPage(path, orientation: orientation, fit: fit) { await PageOCR.read($0) }
    }

    /// Loads `path` in a worker as ``readInWorker(_:orientation:fit:)`` does and runs `body` on the loaded page.
    func withWorkerPage<Value: Sendable>(
        _ path: String, orientation: Int, fit: Int, _ body: (WorkerPageRecognizer) async -> Value?
    ) async -> WorkerOutcome<Value> {
        guard let executable = ocrWorker, !path.contains("\n") else {
            if ocrWorker == nil { OCRWorkerPool.missingWorkerWarning }
            return .unavailable
        }
        let key = OCRWorkerPool.Key(
            executable: executable, language: language, memoryLimitBytes: ocrRunner.memoryLimitBytes)
        guard let worker = await OCRWorkerPool.shared.checkout(key, runner: ocrRunner) else { return .unavailable }
        let page = WorkerPageRecognizer(worker: worker, deadline: ContinuousClock.now + ocrRunner.timeout)
        let outcome: WorkerOutcome<Value>
        switch await page.load(path, orientation: orientation, fit: fit) {
        case .page?: outcome = .read(await body(page))
        case .refused?: outcome = .refused
        default: outcome = .read(nil)
        }
        await OCRWorkerPool.shared.checkin(worker, key: key, runner: ocrRunner)
        return outcome
    }
}

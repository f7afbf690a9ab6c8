import Foundation

/// The `coopmail-ocr` workers of this process, kept from page to page so that tesseract's model loads once per
/// worker. Pages take a worker inside an OCR slot, so there are at most as many busy workers as slots (one per
/// core). When the worker cannot start (binary missing, model missing), the reader uses tesseract's command line.
actor OCRWorkerPool {
    static let shared = OCRWorkerPool()

    struct Key: Hashable, Sendable {
        var executable: String
        var language: String
        var memoryLimitBytes: Int
    }

    private var idle: [Key: [OCRWorker]] = [:]
    private var unusable: Set<Key> = []
    /// Workers started so far, by key (a killed worker is replaced by a new start).
    private(set) var started: [Key: Int] = [:]

    /// An idle worker for `key`, or a new one; nil when workers of `key` cannot start.
    func checkout(_ key: Key, runner: ToolRunner) async -> OCRWorker? {
        guard !unusable.contains(key) else { return nil }
        while let worker = idle[key]?.popLast() {
            if worker.isAlive { return worker }
        }
        started[key, default: 0] += 1
        if let worker = await OCRWorker.start(executable: key.executable, language: key.language, runner: runner) {
            return worker
        }
        unusable.insert(key)
        return nil
    }

    /// Gives a worker back after a page; a dead one is dropped (the next page starts another), and so is one near
    /// its CPU-time limit (stopped now, between pages, rather than killed by the kernel inside one).
    func checkin(_ worker: OCRWorker, key: Key, runner: ToolRunner) {
        if worker.isAlive && worker.isWornOut(runner) { worker.stop() }
        if worker.isAlive { idle[key, default: []].append(worker) }
    }

    /// Whether workers of `key` failed to start (the reader then uses tesseract's command line).
    func isUnusable(_ key: Key) -> Bool { unusable.contains(key) }

    /// See ``DocumentReader/defaultOCRWorker``.
    static let defaultExecutable: String? = {
        if let path = ProcessInfo.processInfo.environment["COOPMAIL_OCR_WORKER"] {
            return path.isEmpty ? nil : path
        }
        return searchedExecutables.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Beside the running executable (the build folder), then where `make install` puts it
    /// (`PREFIX/bin/coopmail` → `PREFIX/libexec/coopmail/coopmail-ocr`).
    static let searchedExecutables: [String] = {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return [] }
        let dir = executable.deletingLastPathComponent()
        return [
            dir.appendingPathComponent("coopmail-ocr").path,
            dir.appendingPathComponent("../libexec/coopmail/coopmail-ocr").standardizedFileURL.path,
        ]
    }()

    /// Said once per run, on stderr, the first time a page needs OCR without a worker (unless
    /// `COOPMAIL_OCR_WORKER` is set empty on purpose): reading still works, about twice as slowly.
    static let missingWorkerWarning: Void = {
        guard ProcessInfo.processInfo.environment["COOPMAIL_OCR_WORKER"] == nil, defaultExecutable == nil else {
            return
        }
        let places = searchedExecutables.joined(separator: " ni ")
        FileHandle.standardError.write(
            Data(
                """
                Attention : programme de lecture coopmail-ocr introuvable (ni \(places)) : la reconnaissance de \
                caractères passe par la commande tesseract, environ deux fois plus lente. Réinstallez coopmail \
                (make install) ou indiquez son chemin dans COOPMAIL_OCR_WORKER.

                """.utf8))
    }()
}

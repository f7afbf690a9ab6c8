import CoopmailReading
import Foundation
import Testing

/// Run by Benchmarks/ocr.sh (COOPMAIL_BENCH=1): reads every scanned fixture with the reader, prints pages/s.
@Suite struct OCRBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COOPMAIL_BENCH"] != nil)) func readerThroughput()
        async throws
    {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path)
            .filter { $0.hasPrefix("scan-") || $0.hasPrefix("photo-") }.sorted()
        let files = try names.map { try Fixtures.bytes($0) }
        let reader = DocumentReader()
        let start = ContinuousClock.now
        // Attachments are read concurrently, as an ingest batch would; the reader keeps two OCR runs at most.
        let pages = await withTaskGroup(of: Int.self) { group in
            for bytes in files { group.addTask { await reader.read(bytes).pages.filter { $0.source == .ocr }.count } }
            return await group.reduce(0, +)
        }
        let seconds =
            Double((ContinuousClock.now - start).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - start).components.seconds)
        print(
            String(
                format: "READER pages=%d seconds=%.2f pages_per_second=%.3f", pages, seconds, Double(pages) / seconds)
                + " engine=" + (reader.ocrWorker == nil ? "tesseract-cli" : "coopmail-ocr"))
    }
}

import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// Run by Benchmarks/signatures.sh (COOPMAIL_BENCH=1): for one quitus page per form (text-layer PDF, 300 dpi scan,
/// 150 dpi scan, phone photo), the time of the rest of its reading (text layer or OCR, segmentation, figures) and of
/// its signature check, side by side; each the median of ROUNDS runs, one page at a time. `dont_mesure`: the part of
/// the check spent in the place finder and ink meter (Swift, on the raster; the rest is pdftoppm/ImageMagick and,
/// on scans and photos, tesseract's word boxes).
@Suite struct SignatureBenchmark {
    static let pages = [
        ("PDF texte", "quitus-parent-manquant.pdf"), ("scan 300 dpi", "scan300-parent-manquant.pdf"),
        ("scan 150 dpi", "scan150-parent-manquant.pdf"), ("photo", "photo-parent-manquant.jpg"),
    ]

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["COOPMAIL_BENCH"] != nil))
    func signatureCheckBesideTheReading() async throws {
        let rounds = max(1, Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") ?? 3)
        let reader = DocumentReader()
        let inspector = SignatureInspector(
            textRunner: reader.textRunner, ocrRunner: reader.ocrRunner, language: reader.language,
            temporaryDirectory: reader.temporaryDirectory)
        let clock = ContinuousClock()
        for (form, name) in Self.pages {
            let bytes = [UInt8](try Data(contentsOf: QuitusFixtures.directory.appendingPathComponent(name)))
            var rest: [Double] = []
            var check: [Double] = []
            var meter: [Double] = []
            var verdicts = ""
            for _ in 0..<rounds {
                var document: ReadDocument?
                var parts: [ReadDocumentPart] = []
                let t0 = clock.now
                let read = await reader.read(bytes)
                parts = DocumentSegmenter.segments(of: read).map {
                    ReadDocumentPart(segment: $0, defaultDepartment: 75)
                }
                document = read
                let t1 = clock.now
                let page = try #require(
                    parts.first { $0.kind == .quitus }.flatMap { part in
                        document?.pages.first { p in part.pages.contains(p.number) && p.source != .unreadable }
                    })
                let inspection = try #require(await inspector.inspection(bytes, mediaType: read.mediaType, page: page))
                let t2 = clock.now
                // The measure alone (places and ink, plain Swift on the raster), again on the same raster and words.
                _ = SignatureInspector.decide(
                    image: inspection.image, words: inspection.words, textLayer: page.source == .textLayer)
                let t3 = clock.now
                rest.append(Self.seconds(t1 - t0))
                check.append(Self.seconds(t2 - t1))
                meter.append(Self.seconds(t3 - t2))
                let readings = inspection.readings
                verdicts = readings.map { "\($0.place.rawValue)=\($0.verdict.rawValue)" }.joined(separator: " ")
            }
            let r = rest.sorted()[rest.count / 2]
            let c = check.sorted()[check.count / 2]
            let m = meter.sorted()[meter.count / 2]
            print(
                String(
                    format: "SIGNATURES %-13@ lecture=%.2fs signatures=%.2fs rapport=%.2f dont_mesure=%.2fs  (%@)",
                    form as NSString, r, c,
                    c / max(r, 1e-6), m, verdicts as NSString))
        }
    }
}

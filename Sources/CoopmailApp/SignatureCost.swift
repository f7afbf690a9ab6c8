import CoopmailDomain
import CoopmailReading
import Foundation

/// What `make bench` measures of the quitus signature check (Benchmarks/signatures.sh, on the binaries built): for
/// one quitus page, the time of the rest of its reading (text layer or OCR, segmentation, figures) and of its
/// signature check, each the median of `rounds` runs, one page at a time.
public enum SignatureCost {
    public struct Figures: Sendable {
        /// Seconds: the reading of the attachment (text or OCR, segmentation, quitus figures).
        public var reading: Double
        /// Seconds: the signature check of its quitus page (rendering, word boxes, places and ink).
        public var check: Double
        /// Seconds: the part of the check spent finding the places and measuring the ink (Swift, on the raster).
        public var measure: Double
        /// `place=verdict` of each place, in order.
        public var verdicts: String
    }

    /// Nil when the attachment holds no readable quitus page.
    public static func measure(_ bytes: [UInt8], rounds: Int) async -> Figures? {
        let reader = DocumentReader()
        let inspector = SignatureInspector(
            textRunner: reader.textRunner, ocrRunner: reader.ocrRunner, language: reader.language,
            temporaryDirectory: reader.temporaryDirectory)
        let clock = ContinuousClock()
        var reading: [Double] = []
        var check: [Double] = []
        var meter: [Double] = []
        var verdicts = ""
        for _ in 0..<max(1, rounds) {
            let t0 = clock.now
            let read = await reader.read(bytes)
            let parts = DocumentSegmenter.segments(of: read).map {
                ReadDocumentPart(segment: $0, defaultDepartment: 75)
            }
            let t1 = clock.now
            guard
                let page = parts.first(where: { $0.kind == .quitus }).flatMap({ part in
                    read.pages.first { part.pages.contains($0.number) && $0.source != .unreadable }
                }),
                let inspection = await inspector.inspection(bytes, mediaType: read.mediaType, page: page)
            else { return nil }
            let t2 = clock.now
            // The measure alone (places and ink), again on the same raster and words.
            _ = SignatureInspector.decide(
                image: inspection.image, words: inspection.words, textLayer: page.source == .textLayer)
            let t3 = clock.now
            reading.append(seconds(t1 - t0))
            check.append(seconds(t2 - t1))
            meter.append(seconds(t3 - t2))
            verdicts = inspection.readings.map { "\($0.place.rawValue)=\($0.verdict.rawValue)" }
                .joined(separator: " ")
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
        return Figures(reading: median(reading), check: median(check), measure: median(meter), verdicts: verdicts)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

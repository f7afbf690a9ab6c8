import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// A round stamp photographed at an angle is an ellipse, and an ellipse is no signature: its rings stray from the one
/// radius most of their turn reaches, and what strays must still be set aside with the stamp (``StampRing``'s edges
/// by sector). On a phone photo of scripts/make-quitus-other.py seed 23 (`tampon-seul`) the stamp's outer ring ran
/// from 96 to 112 pixels from its centre; cut at 103, its two ends stood as tall arcs and the empty parent's place
/// read signed. Seeded places of `SignaturePlaceGenerator`, the stamp squashed to 0.8–0.9 of its width and turned
/// any way, free or pressed on the signing line, at two resolutions.
@Suite struct StampEllipseTests {
    @Test func aStampPhotographedAtAnAngleIsNeverASignature() async {
        let cases: [(UInt64, Double, SignaturePlaceGenerator.Fill)] = (UInt64(1)...UInt64(8)).flatMap { seed in
            [150.0, 200.0].flatMap { dpi in
                [SignaturePlaceGenerator.Fill.roundStamp, .stampOnLine].map { (seed, dpi, $0) }
            }
        }
        // Two at a time (drawing and measuring are plain arithmetic on the raster).
        let results = await offThePoolInPairs(cases) { c -> (String, Int?, InkMeter.Measure?) in
            let (seed, dpi, fill) = c
            var generator = SignaturePlaceGenerator(seed: seed * 53 + 11, dpi: dpi)
            generator.stampSquash = generator.uniform(0.8, 0.9)
            generator.stampTurn = generator.uniform(-1.5, 1.5)
            let place = SignaturePlace.allCases[Int(seed % 3)]
            let (image, words) = generator.page(place: place, fill: fill)
            let tag =
                "graine \(seed), \(Int(dpi)) dpi, \(fill), aplati à "
                + "\(generator.stampSquash.formatted(.number.precision(.fractionLength(2))))"
            guard let lh = SignaturePlaceFinder.lineHeight(words),
                let region = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                    .first(where: { $0.place == place })
            else { return (tag, nil, nil) }
            let rings = StampRing.find(in: image, around: region, printed: words, lineHeight: lh)
            let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
            return (tag, rings.count, m)
        }
        var ringed = 0
        for (tag, rings, measure) in results {
            guard let rings, let measure else {
                Issue.record("\(tag) : emplacement introuvable")
                continue
            }
            if rings > 0 { ringed += 1 }
            #expect(measure.verdict != .signed, "\(tag) : tampon lu signé (\(measure.measure))")
        }
        // The rings are found on most of them: the case is the ring's, not only the hollow marks'.
        #expect(ringed * 3 >= results.count * 2, "anneau trouvé sur \(ringed) tampons sur \(results.count)")
    }
}

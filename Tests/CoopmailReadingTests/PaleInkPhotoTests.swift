import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// Pale ink (a worn blue ballpoint, a pale felt-tip: gray 145–175 of 255, paler than the dark-ink threshold once a
/// thin stroke is smoothed) on places photographed in uneven light, generated for several seeds at 150 and 300 dpi:
/// every pale signature counts as signed (a pale flat wave or a skipping pen at worst doubtful, never empty), while
/// paper grain, typed words, stamps and ruled lines never make a place
/// signed (``InkMeter``'s pale threshold, set from each place's own paper grain, not from its uneven light).
@Suite struct PaleInkPhotoTests {
    typealias Fill = SignaturePlaceGenerator.Fill

    /// One place drawn with pale handwriting (or a non-signature fill), then lit unevenly (a side of the page down to
    /// `light` of full light) and smoothed, as a phone photo.
    /// `grainy`: no smoothing, the generator's paper grain as it is (a standard deviation of about 7 gray levels, as
    /// on the generated JPEG photos), and a paler hand (`ink`): a thin stroke whose contrast the camera's blur took.
    static func measure(
        seed: UInt64, fill: Fill, dpi: Double, place: SignaturePlace, ink: ClosedRange<Double> = 145...175,
        grainy: Bool = false
    ) -> (verdict: SignatureVerdict, measure: Double, found: Bool) {
        var generator = SignaturePlaceGenerator(seed: seed, dpi: dpi)
        generator.handInk = generator.uniform(ink.lowerBound, ink.upperBound)
        let light = generator.uniform(0.7, 0.9)
        var (image, words) = generator.page(place: place, fill: fill)
        // Uneven light across the page, then the camera's smoothing (3×3 mean): the generator's white grain comes
        // down to the median absolute deviation measured on the generated phone photos (about 4 gray levels).
        let w = image.width
        let h = image.height
        let lit = image.pixels.enumerated().map { i, p in
            Double(p) * (1 - (1 - light) * Double(i % w) / Double(max(1, w)))
        }
        for y in 0..<h {
            for x in 0..<w {
                guard !grainy else {
                    image.pixels[y * w + x] = UInt8(max(0, min(255, lit[y * w + x].rounded())))
                    continue
                }
                var sum = 0.0
                var n = 0.0
                for yy in max(0, y - 1)...min(h - 1, y + 1) {
                    for xx in max(0, x - 1)...min(w - 1, x + 1) {
                        sum += lit[yy * w + xx]
                        n += 1
                    }
                }
                image.pixels[y * w + x] = UInt8(max(0, min(255, (sum / n).rounded())))
            }
        }
        let regions = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
        guard let lh = SignaturePlaceFinder.lineHeight(words), let region = regions.first(where: { $0.place == place })
        else { return (.unreadable, 0, false) }
        let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
        return (m.verdict, m.measure, true)
    }

    static let signed: [Fill] = [.ordinary, .flat, .dashed]
    static let unsigned: [Fill] = [.nothing, .typedName, .readAndApproved, .roundStamp, .rectStamp, .ruledLine]

    /// An ordinary pale signature is signed; a pale long flat wave or a skipping pen may break into pieces no taller
    /// than print: at worst doubtful (a person looks), never empty; nothing else is ever signed, and nothing is empty.
    static func check(_ fill: Fill, _ m: (verdict: SignatureVerdict, measure: Double, found: Bool), _ tag: String) {
        #expect(m.found, "\(tag): place not found")
        if fill == .ordinary {
            #expect(m.verdict == .signed, "\(tag): \(m.verdict) (\(m.measure))")
        } else if fill.signed {
            #expect(m.verdict != .empty, "\(tag): a signed place called empty (\(m.measure))")
        } else {
            #expect(m.verdict != .signed, "\(tag): an unsigned place called signed (\(m.measure))")
            if fill == .nothing { #expect(m.verdict == .empty, "\(tag): \(m.verdict) (\(m.measure))") }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func paleSignaturesAreSignedAndGrainIsNot(_ seed: UInt64) {
        for (k, fill) in (Self.signed + Self.unsigned).enumerated() {
            let dpi: Double = (seed + UInt64(k)) % 3 == 0 ? 300 : 150
            let place = SignaturePlace.allCases[Int((seed + UInt64(k)) % 3)]
            let m = Self.measure(seed: seed * 7919 + UInt64(k), fill: fill, dpi: dpi, place: place)
            let tag = "\(fill.rawValue)/\(seed)/\(Int(dpi))dpi/\(place.rawValue)"
            Self.check(fill, m, tag)
        }
    }

    /// Thin pale strokes on grainy paper (a phone photo's JPEG: grain of about 7 gray levels, strokes about 0.75–0.8
    /// of the paper, as measured on the generated photos' pale blue signatures): their pixels are hardly darker than
    /// the grain one by one, but a stroke holds together once its 3×3 neighbourhood is averaged. Pale signatures are
    /// never called empty; grain, typed words, stamps and lines never make a place signed.
    @Test(arguments: [UInt64(5), 6, 7, 8])
    func thinPaleStrokesOnGrainyPaper(_ seed: UInt64) {
        for (k, fill) in (Self.signed + Self.unsigned).enumerated() {
            let place = SignaturePlace.allCases[Int((seed + UInt64(k)) % 3)]
            let m = Self.measure(
                seed: seed * 104_729 + UInt64(k), fill: fill, dpi: 170, place: place, ink: 180...195, grainy: true)
            let tag = "\(fill.rawValue)/\(seed)/\(place.rawValue)"
            Self.check(fill, m, tag)
        }
    }
}

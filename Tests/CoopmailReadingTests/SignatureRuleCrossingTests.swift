import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// Marks written or pressed over a signing line: removing the line must not take them apart into pieces
/// (``InkMeter/bridgeRuleCrossings``): a signature is never read empty, a stamp's rings stay rings, and a line under
/// nothing or typed words leaves the place empty. (A rectangular stamp pressed on the line may still read signed:
/// its sides and lettering, left for the stamp test's own work.)
@Suite struct SignatureRuleCrossingTests {
    typealias Fill = SignaturePlaceGenerator.Fill

    func measured(seed: UInt64, fill: Fill, dpi: Double, place: SignaturePlace) -> InkMeter.Measure? {
        var generator = SignaturePlaceGenerator(seed: seed, dpi: dpi)
        generator.signingLine = true
        let (image, words) = generator.page(place: place, fill: fill)
        guard let lh = SignaturePlaceFinder.lineHeight(words),
            let region = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                .first(where: { $0.place == place })
        else { return nil }
        return InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
    }

    /// Signatures across the line, many seeds, 150 and 300 dpi: never read empty.
    @Test func signaturesOverTheLineAreNeverEmpty() {
        var verdicts: [String] = []
        for seed in UInt64(1)...UInt64(8) {
            for (k, fill) in [Fill.ordinary, .faint, .dashed].enumerated() {
                let dpi = (seed + UInt64(k)) % 3 == 0 ? 300.0 : 150.0
                let place = SignaturePlace.allCases[Int((seed + UInt64(k)) % 3)]
                let m = measured(seed: 7000 + seed * 10 + UInt64(k), fill: fill, dpi: dpi, place: place)
                let tag = "\(fill.rawValue)/\(seed)/\(Int(dpi))dpi/\(place.rawValue)"
                #expect(m != nil && m?.verdict != .empty, "\(tag): \(String(describing: m))")
                verdicts.append("\(tag) \(m.map { "\($0.verdict.rawValue) \($0.measure)" } ?? "-")")
            }
        }
        print("== Signatures sur la ligne\n  " + verdicts.joined(separator: "\n  "))
    }

    /// A round stamp pressed on the line: the line's removal cut its rings into arcs, each taller than print and not
    /// straight, read as a signature (8 seeds of 8); the arcs joined again across the line make the stamp's rings.
    @Test func aStampOnTheLineIsNoSignature() {
        for seed in UInt64(1)...UInt64(8) {
            let dpi = seed % 3 == 0 ? 300.0 : 150.0
            let place = SignaturePlace.allCases[Int(seed % 3)]
            let m = measured(seed: 8100 + seed, fill: .roundStamp, dpi: dpi, place: place)
            #expect(
                m != nil && m?.verdict != .signed, "\(seed)/\(Int(dpi))dpi/\(place.rawValue): \(String(describing: m))")
        }
    }

    /// The line under nothing, typed words or a dotted line: empty.
    @Test func aLineAloneIsEmpty() {
        for seed in UInt64(1)...UInt64(8) {
            for (k, fill) in [Fill.nothing, .typedName, .dottedLine].enumerated() {
                let dpi = (seed + UInt64(k)) % 3 == 0 ? 300.0 : 150.0
                let place = SignaturePlace.allCases[Int((seed + UInt64(k)) % 3)]
                let m = measured(seed: 8000 + seed * 10 + UInt64(k), fill: fill, dpi: dpi, place: place)
                #expect(
                    m?.verdict == .empty,
                    "\(fill.rawValue)/\(seed)/\(Int(dpi))dpi/\(place.rawValue): \(String(describing: m))")
            }
        }
    }
}

/// A signature over a stamp: a loop leaving the stamp is handwriting, not the stamp's lettering.
@Suite struct SignatureOverStampTests {
    /// Never read empty (the loop was set aside with the stamp's lettering). Since the stamp's rings are found whole
    /// and their band set aside (``StampRing``), the loop's part within the ring no longer counts: most of these places
    /// read « illisible » (staff look), not « signé ». That is the price of never reading a stamp alone as signed.
    @Test func aLoopLeavingTheStampIsHandwriting() {
        for seed in UInt64(1)...UInt64(8) {
            let dpi = seed % 3 == 0 ? 300.0 : 150.0
            let place = SignaturePlace.allCases[Int(seed % 3)]
            var generator = SignaturePlaceGenerator(seed: 9000 + seed, dpi: dpi)
            generator.handOverStamp = true
            let (image, words) = generator.page(place: place, fill: .roundStamp)
            guard let lh = SignaturePlaceFinder.lineHeight(words),
                let region = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                    .first(where: { $0.place == place })
            else {
                Issue.record("seed \(seed): place not found")
                continue
            }
            let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
            #expect(m.verdict != .empty, "seed \(seed) \(Int(dpi))dpi \(place.rawValue): \(m)")
        }
    }
}

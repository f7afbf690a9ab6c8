import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Rings of round stamps found around a signature place (``StampRing``): found where a stamp was pressed, whatever
/// its size and place, with its radius; never found in a signature or in the other marks a place holds. Seeded pages
/// of `SignaturePlaceGenerator`, at 150 and 300 dpi.
@Suite struct StampRingTests {
    typealias Fill = SignaturePlaceGenerator.Fill

    /// The rings found in the place the generator filled, with the page's scale (pixels per point).
    func rings(seed: UInt64, dpi: Double, fill: Fill) -> (rings: [StampRing], scale: Double)? {
        guard let p = SignaturePlaceGenerator.filledPlace(seed: seed, dpi: dpi, fill: fill) else { return nil }
        return (StampRing.find(in: p.image, around: p.region, printed: p.words, lineHeight: p.lineHeight), dpi / 72)
    }

    /// One ring per stamp, its outer radius the drawn one (26–34 points, the ring's stroke 1.4 points) within 10 %
    /// (the band's margin), whether the stamp stands free or on the signing line.
    @Test(arguments: [150.0, 300.0])
    func aStampsRingIsFoundWithItsRadius(dpi: Double) throws {
        for seed in UInt64(1)...6 {
            for fill in [Fill.roundStamp, .stampOnLine] {
                let found = try #require(rings(seed: 91_000 + seed, dpi: dpi, fill: fill))
                #expect(found.rings.count == 1, "seed \(seed) \(fill): \(found.rings)")
                guard let ring = found.rings.first else { continue }
                let s = found.scale
                #expect(
                    ring.outer >= 26 * s - 3 && ring.outer <= 1.1 * 34.7 * s,
                    "seed \(seed) \(fill): outer \(ring.outer) for 26–34 pt at \(s) px/pt")
                // The inner ring (5 points in) or the lettering lies inside the band.
                #expect(ring.inner <= ring.outer - 4 * s, "seed \(seed) \(fill): \(ring)")
            }
        }
    }

    /// No ring in signatures (their loops are never round over most of a turn) nor in typed words, frames and
    /// ruled lines.
    @Test(arguments: [150.0, 300.0])
    func noRingWithoutAStamp(dpi: Double) throws {
        let fills: [Fill] = [
            .ordinary, .flat, .initials, .dashed, .faint, .typedName, .readAndApproved, .frame,
            .rectStamp, .ruledLine,
        ]
        for seed in UInt64(1)...4 {
            for fill in fills {
                let found = try #require(
                    rings(seed: 92_000 + seed * 31 + UInt64(fill.rawValue.count), dpi: dpi, fill: fill))
                #expect(found.rings.isEmpty, "seed \(seed) \(fill): \(found.rings)")
            }
        }
    }

    /// No ring in a rectangular stamp whose lettering is among the page's words (a text-layer PDF's): its long sides
    /// touch a circle as wide as the stamp is high, the masked lettering hides the rest of that circle, and the blocks
    /// saw a ring there (scripts/make-quitus.py seed 11, `tampon-seul`: its rules then counted as the stamp's and
    /// stayed, a tall mark read signed). Many seeds and three resolutions; the place never reads signed.
    @Test(arguments: [100.0, 150.0, 300.0])
    func aRectangularStampWithItsLetteringIsNoRing(dpi: Double) throws {
        var seen: [String] = []
        for seed in UInt64(1)...12 {
            var generator = SignaturePlaceGenerator(seed: 93_000 + seed, dpi: dpi)
            generator.stampLetteringKnown = true
            let place = SignaturePlace.allCases[Int(seed % 3)]
            let (image, words) = generator.page(place: place, fill: .rectStamp)
            let lh = try #require(SignaturePlaceFinder.lineHeight(words))
            let region = try #require(
                SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                    .first(where: { $0.place == place }))
            let rings = StampRing.find(in: image, around: region, printed: words, lineHeight: lh)
            #expect(rings.isEmpty, "seed \(seed) \(Int(dpi)) dpi: \(rings)")
            let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
            #expect(m.verdict != .signed, "seed \(seed) \(Int(dpi)) dpi: \(m)")
            seen.append("\(seed):\(rings.count)/\(m.verdict.rawValue)")
        }
        print("== Tampons rectangulaires lettrage connu \(Int(dpi)) dpi : " + seen.joined(separator: " "))
    }

    /// The centre fitted to points on two concentric circles (a stamp's two rings), with the pieces of a line that
    /// crosses them within the band the fit is given (the outer ring's, in ``StampRing/refined(_:in:step:lineHeight:paper:)``).
    @Test func theCentreOfConcentricRings() throws {
        var points: [(Double, Double)] = []
        for k in 0..<90 {
            let a = Double(k) * 2 * Double.pi / 90
            for r in [60.0, 49.0] { points.append((12.5 + r * cos(a), -7.25 + r * sin(a))) }
        }
        for x in stride(from: -40.0, through: 70.0, by: 1) {
            let d = ((x - 12.5) * (x - 12.5) + 55 * 55).squareRoot()
            if abs(d - 60) <= 6 { points.append((x, -7.25 + 55)) }
        }
        let centre = try #require(StampRing.circleCentre(points))
        #expect(abs(centre.x - 12.5) < 1.5 && abs(centre.y + 7.25) < 3, "\(centre)")
        #expect(StampRing.circleCentre(Array(points.prefix(5))) == nil)
        #expect(StampRing.circleCentre((0..<20).map { (Double($0), 2 * Double($0)) }) == nil)
    }
}

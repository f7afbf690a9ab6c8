import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Round stamps on faxed pages: black and white, their rings a line's stroke thick, lines crossing them. Looked for on
/// blocks of about an eighth of a printed line, such a ring is one block thick, and it is round to a block only about
/// its own centre: the votes' 3 × 3 sums place that centre to a block, and from the block beside it the ring's
/// sectors were not filled. The ring was then not found, and a stamp alone read as a signature: a quitus with an
/// empty parent's place passed (scripts/make-quitus-other.py seed 33, `tampon-seul`, fax: a stamp 31 blocks across,
/// crossed by its number's frame, the signing line and the box's edge). Seeded pages of `SignaturePlaceGenerator`
/// (the stamp's size, place and rings' gap, how far down the lines cross it, the page's slant), made black and white at
/// 200 dpi (a fax's fine mode) and 150 dpi.
@Suite struct FaxedStampTests {
    /// `image` as a fax sends it: each pixel black or white.
    static func faxed(_ image: GrayImage) -> GrayImage {
        GrayImage(width: image.width, height: image.height, pixels: image.pixels.map { $0 < 150 ? 0 : 255 })
    }

    /// A faxed page: `fill` in the place the seed picks, a signing line across each box; its place and line height.
    static func faxedPlace(seed: UInt64, dpi: Double, fill: SignaturePlaceGenerator.Fill)
        -> (image: GrayImage, words: [WordBox], region: PlaceRegion, lineHeight: Double)?
    {
        var generator = SignaturePlaceGenerator(seed: seed, dpi: dpi)
        generator.signingLine = true
        // Rings a line's stroke thick, 7 to 9 points apart (the stamp's lettering between them).
        generator.stampStroke = generator.uniform(0.9, 1.2)
        generator.stampRingGap = generator.uniform(7, 9)
        // Three lines across its lower half: its number's frame, the signing line, the box's edge.
        generator.linesAcrossStamp = [
            generator.uniform(0.05, 0.2), generator.uniform(0.3, 0.5), generator.uniform(0.8, 0.95),
        ]
        let place = SignaturePlace.allCases[Int(seed % 3)]
        let (image, words) = generator.page(place: place, fill: fill)
        guard let lh = SignaturePlaceFinder.lineHeight(words),
            let region = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                .first(where: { $0.place == place })
        else { return nil }
        return (faxed(image), words, region, lh)
    }

    /// The stamp's ring is found, one, with its drawn radius (26–34 points) within the band's margin, and the place
    /// never reads signed.
    @Test(arguments: [150.0, 200.0])
    func aFaxedStampCrossedByLinesIsFound(dpi: Double) throws {
        var verdicts: [SignatureVerdict: Int] = [:]
        for seed in UInt64(95_001)...95_012 {
            let p = try #require(Self.faxedPlace(seed: seed, dpi: dpi, fill: .stampOnLine))
            let rings = StampRing.find(in: p.image, around: p.region, printed: p.words, lineHeight: p.lineHeight)
            #expect(rings.count == 1, "seed \(seed) \(Int(dpi)) dpi: \(rings.map { ($0.x, $0.y, $0.outer) })")
            let s = dpi / 72
            for ring in rings {
                #expect(
                    ring.outer >= 26 * s - 3 && ring.outer <= 1.1 * 34.7 * s,
                    "seed \(seed) \(Int(dpi)) dpi: outer \(ring.outer) for 26–34 pt at \(s) px/pt")
            }
            let v = InkMeter.measure(p.image, region: p.region, printed: p.words, lineHeight: p.lineHeight).verdict
            verdicts[v, default: 0] += 1
            #expect(v != .signed, "seed \(seed) \(Int(dpi)) dpi: a faxed stamp alone read signed")
        }
        print("== Tampons faxés \(Int(dpi)) dpi : \(verdicts)")
    }

    /// No ring is taken from a faxed signature, typed words, a frame or a rectangular stamp.
    @Test(arguments: [150.0, 200.0])
    func noRingInAFaxedPlaceWithoutAStamp(dpi: Double) throws {
        let fills: [SignaturePlaceGenerator.Fill] = [.ordinary, .flat, .initials, .typedName, .frame, .rectStamp]
        for seed in UInt64(96_001)...96_004 {
            for fill in fills {
                let p = try #require(Self.faxedPlace(seed: seed, dpi: dpi, fill: fill))
                let rings = StampRing.find(in: p.image, around: p.region, printed: p.words, lineHeight: p.lineHeight)
                #expect(rings.isEmpty, "seed \(seed) \(Int(dpi)) dpi \(fill): \(rings.map { ($0.x, $0.y, $0.outer) })")
            }
        }
    }
}

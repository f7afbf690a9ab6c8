import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// A round stamp pressed on the signing line, nothing else (a school's stamp where the parent should have signed):
/// where the ring touches or crosses the line, the line's run was crowded and bent, or the ring was cut into arcs by
/// the line's removal and the masks of printed words, and arcs read as a signature (scripts/make-quitus-other.py
/// seeds 10 and 11, « tampon-seul »: a quitus with an empty place judged pass). The ring is now found whole around the
/// place (``StampRing``) and set aside. Seeded: place, dpi, line height and slant, ring size, where it sits on the line
/// and how far down the line cuts it.
@Suite struct StampOnLineTests {
    /// The verdict on the place the generator filled, nil when the place is not found.
    func verdict(seed: UInt64, dpi: Double, fill: SignaturePlaceGenerator.Fill) -> SignatureVerdict? {
        guard let p = SignaturePlaceGenerator.filledPlace(seed: seed, dpi: dpi, fill: fill) else { return nil }
        return InkMeter.measure(p.image, region: p.region, printed: p.words, lineHeight: p.lineHeight).verdict
    }

    @Test(arguments: [150.0, 300.0])
    func aStampOnTheSigningLineIsNoSignature(dpi: Double) {
        var verdicts: [SignatureVerdict: Int] = [:]
        for seed in UInt64(77_001)...77_016 {
            guard let v = verdict(seed: seed, dpi: dpi, fill: .stampOnLine) else {
                Issue.record("seed \(seed): place not found")
                continue
            }
            verdicts[v, default: 0] += 1
            #expect(v != .signed, "seed \(seed) \(Int(dpi)) dpi: stamp on the line read signed")
        }
        // Mostly read empty, not merely doubtful: the check stays useful to staff.
        #expect(verdicts[.empty, default: 0] >= 12, "\(verdicts)")
    }

    /// A signature on the same kind of place still reads signed (no ring is taken from it).
    @Test(arguments: [150.0, 300.0])
    func aSignatureStillCounts(dpi: Double) {
        for seed in UInt64(78_001)...78_008 {
            let v = verdict(seed: seed, dpi: dpi, fill: .ordinary)
            #expect(v == .signed, "seed \(seed) \(Int(dpi)) dpi: \(String(describing: v))")
        }
    }
}

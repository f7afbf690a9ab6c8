import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// Boxes laid out as a grid (scripts/make-quitus-other.py `grid`): one signer's box across the page, the two others
/// side by side a small gap under it. The place above reached down to just above the lower titles, so that it held
/// the lower boxes' top rules with the first pixels of their sides: each rule under half that place's width (not
/// taken for a rule), long, thin and no taller than print, it read as a flat signature, and a quitus whose place above
/// was empty (a stamp alone on it) passed (seeds 22 and 23, `tampon-seul`, rot180 and scan). Seeded layouts, every
/// signer on top, 150 dpi (a place across the page is slow to measure in a debug build).
@Suite struct SignatureGridTests {
    typealias Fill = SignaturePlaceGenerator.Fill

    static func verdict(seed: UInt64, top: SignaturePlace, place: SignaturePlace, fill: Fill)
        -> (verdict: SignatureVerdict, measure: Double)?
    {
        var generator = SignaturePlaceGenerator(
            seed: seed, dpi: 150, heightPoints: SignaturePlaceGenerator.gridHeight)
        generator.gridTop = top
        let (image, words) = generator.page(place: place, fill: fill)
        let regions = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
        guard let lh = SignaturePlaceFinder.lineHeight(words), let region = regions.first(where: { $0.place == place })
        else { return nil }
        let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
        return (m.verdict, m.measure)
    }

    @Test func theLowerBoxesRulesAreNoSignatureInThePlaceAbove() async {
        let results = await offThePool {
            (UInt64(1)...9).flatMap { seed in
                let top = SignaturePlace.allCases[Int(seed % 3)]
                return [Fill.nothing, .roundStamp].map { fill in
                    (
                        "seed \(seed) \(top) \(fill)",
                        Self.verdict(seed: seed * 100 + 1, top: top, place: top, fill: fill)
                    )
                }
            }
        }
        for (tag, m) in results {
            guard let m else {
                Issue.record("\(tag): place not found")
                continue
            }
            #expect(m.verdict == .empty, "\(tag): \(m.verdict) (\(m.measure))")
        }
    }

    /// The place above still reads its signature, and the lower places read theirs, signed or empty.
    @Test func everyPlaceOfAGridKeepsItsVerdict() async {
        let results = await offThePool {
            (UInt64(1)...9).flatMap { seed in
                let top = SignaturePlace.allCases[Int(seed % 3)]
                let place = SignaturePlace.allCases[Int((seed / 3) % 3)]
                return [seed % 2 == 0 ? Fill.ordinary : .flat, .nothing].map { fill in
                    (
                        "seed \(seed) top \(top), \(place) \(fill)", fill.signed,
                        Self.verdict(seed: seed * 100 + 2, top: top, place: place, fill: fill)
                    )
                }
            }
        }
        for (tag, signed, m) in results {
            guard let m else {
                Issue.record("\(tag): place not found")
                continue
            }
            #expect(m.verdict == (signed ? .signed : .empty), "\(tag): \(m.verdict) (\(m.measure))")
        }
    }
}

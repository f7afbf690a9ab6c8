import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// ``InkMeter/bow(_:_:_:)`` tells a printed rule from a pen's long stroke: a straight line of ink (any slant up to the
/// ±6 % the rule search follows, 1–4 pixels thick, broken by JPEG dropouts, with speckles beside it) stays within a
/// few tenths of a pixel of its straight fit, under the 0.8-pixel floor of the straightness allowance; a gentle curve
/// (sagitta 4–5 pixels over 150–350, as the return strokes under the generated photos' signatures measure about
/// 1.2–1.8) bows past it. Seeded: other lengths, slants, thicknesses and noise each time.
@Suite struct InkRuleBowTests {
    /// A run of ink drawn across a `length` × 40 grid: centre line `centre(t)`, `thickness` pixels, `dropout` share of
    /// its pixels lost, some speckles beside it; the path followed is the best straight slant through the ends.
    static func bow(seed: UInt64, sagitta: Double) -> Double {
        var rng = SeededGenerator(seed: seed)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.next() % 10_000) / 10_000 }
        let length = Int(uniform(150, 350))
        let across = 40
        let slant = uniform(-0.06, 0.06)
        let thickness = uniform(1, 4)
        let offset = uniform(15, 25)
        var ink = [Bool](repeating: false, count: length * across)
        for t in 0..<length {
            let u = Double(t) / Double(length - 1)
            let centre = offset + slant * Double(t) + sagitta * 4 * u * (1 - u)
            for c in 0..<across where abs(Double(c) + 0.5 - centre) <= thickness / 2 + 0.3 {
                if rng.next() % 100 >= 8 { ink[t * across + c] = true }
            }
            if rng.next() % 100 < 3 { ink[t * across + Int(rng.next() % UInt64(across))] = true }
        }
        let mid = offset + sagitta * 2 / 3
        return InkMeter.bow(
            0..<length, { t in Int((mid + slant * Double(t)).rounded()) },
            { t, c in c >= 0 && c < across && ink[t * across + c] })
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func straightRulesSitOnTheirFitAndPenCurvesBow(_ seed: UInt64) {
        let rule = Self.bow(seed: seed * 7_919, sagitta: 0)
        #expect(rule < 0.8, "straight rule \(seed): bow \(rule)")
        var rng = SeededGenerator(seed: seed * 104_729)
        let sagitta = 4 + Double(rng.next() % 100) / 100
        let curve = Self.bow(seed: seed * 7_919 + 1, sagitta: sagitta)
        #expect(curve > 0.8, "pen curve \(seed) (sagitta \(sagitta)): bow \(curve)")
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// The printed words the ink measure masks when they come from OCR. Tesseract reads pale or low handwriting as
/// short "words" (« EE », « NAN », « LEP »: capitals, confidence up to about 60, boxes of a printed line's height);
/// they must stay ink. Print keeps being masked at the confidences OCR gives it (names in lower case from about 45,
/// labels from about 56, capitals and dates from about 83). Seeded pages of ``SignaturePlaceGenerator``, no OCR.
@Suite struct SignatureWordMaskTests {
    static let junk = ["EE", "NAN", "LEP", "NS", "SR", "TT", "NES", "RSS", "NN", "ANDY"]

    /// The generator's printed words with the confidences OCR gives such words (names in lower case 45–97, labels
    /// 56–97, capitals and dates 83–97).
    static func ocrWords(_ g: inout SignaturePlaceGenerator) -> [WordBox] {
        g.words.map { w -> WordBox in
            var w = w
            let letters = w.text.filter(\.isLetter)
            let lowerCase = !letters.isEmpty && letters.dropFirst().allSatisfy(\.isLowercase)
            w.confidence = lowerCase ? g.uniform(45, 97) : g.uniform(83, 97)
            if ["Nom", "Date", "Signature", "Le", "Lu", "et"].contains(where: { w.text.hasPrefix($0) }) {
                w.confidence = g.uniform(56, 97)
            }
            return w
        }
    }

    /// Pieces of the handwriting read as capitals "words", with the heights (0.9–1.5 printed lines) and confidences
    /// (50–59; below the 60 that ``SignaturePlaceFinder/lineHeight(_:)`` counts) tesseract gave them.
    static func junkWords(_ g: inout SignaturePlaceGenerator, lineHeight lh: Double) -> [WordBox] {
        guard let box = g.filled else { return [] }
        let pieces = Int(g.rng.next() % 3) + 2
        let step = (box.x1 - box.x0) / Double(pieces)
        return (0..<pieces).map { k in
            let band = g.uniform(0.9, 1.5) * lh
            let mid = (box.y0 + box.y1) / 2 + g.uniform(-0.3, 0.3) * lh
            return WordBox(
                text: junk[Int(g.rng.next() % UInt64(junk.count))], x0: box.x0 + Double(k) * step,
                y0: mid - band / 2, x1: box.x0 + Double(k + 1) * step - 1, y1: mid + band / 2,
                confidence: g.uniform(50, 59))
        }
    }

    /// Handwriting that OCR read as capitals "words" measures as it does without them: they are not masked, so the
    /// verdict and the measure of the place do not change (seeded families: ordinary, flat, dashed, faint strokes and
    /// initials; 150 and 300 dpi). Print given OCR's confidences keeps a typed place empty.
    @Test func handwritingReadAsWordsStaysInk() {
        typealias Fill = SignaturePlaceGenerator.Fill
        let fills: [Fill] = [.ordinary, .flat, .dashed, .faint, .initials, .typedName]
        var changed: [String] = []
        for seed in UInt64(1)...UInt64(4) {
            for (k, fill) in fills.enumerated() {
                let place = SignaturePlace.allCases[Int((seed + UInt64(k)) % 3)]
                let dpi: Double = (seed + UInt64(k)) % 3 == 0 ? 300 : 150
                var g = SignaturePlaceGenerator(seed: 5000 + seed * 100 + UInt64(k), dpi: dpi)
                let (image, _) = g.page(place: place, fill: fill)
                let printed = Self.ocrWords(&g)
                let lh = SignaturePlaceFinder.lineHeight(printed) ?? 1
                let withJunk = printed + (fill.signed ? Self.junkWords(&g, lineHeight: lh) : [])
                func reading(_ words: [WordBox]) -> SignatureReading? {
                    SignatureInspector.decide(image: image, words: words, textLayer: false).readings
                        .first { $0.place == place }
                }
                let plain = reading(printed)
                let read = reading(withJunk)
                let tag = "\(fill.rawValue)/\(seed)/\(Int(dpi))dpi/\(place.rawValue)"
                if read?.verdict != plain?.verdict || read?.measure != plain?.measure {
                    changed.append(
                        "\(tag): \(plain.map { "\($0.verdict.rawValue) \($0.measure)" } ?? "-") → "
                            + "\(read.map { "\($0.verdict.rawValue) \($0.measure)" } ?? "-")")
                }
                if fill.signed { #expect(read?.verdict != .empty, "\(tag)") }
                if fill == .typedName { #expect(read?.verdict == .empty, "\(tag): \(read?.verdict.rawValue ?? "-")") }
            }
        }
        #expect(changed.isEmpty, "\(changed)")
    }

    @Test func printedWordShapes() {
        func word(_ text: String, _ confidence: Double, height: Double = 20) -> WordBox {
            WordBox(text: text, x0: 0, y0: 0, x1: 80, y1: height, confidence: confidence)
        }
        let lh = 20.0
        for (w, printed) in [
            (word("Benali", 46), true), (word("Nom:", 57), true), (word("28/09/2021", 84), true),
            (word("KELLER", 90), true), (word("d'élève", 60), true),
            (word("NAN", 56), false), (word("LEP", 61), false), (word("SrI", 90), false), (word("nocr7S", 95), false),
            (word("ee", 95), false), (word("de", 48), false), (word("Benali", 97, height: 40), false),
            (word("Benali", 97, height: 6), false), (word("Eau", 26), false),
        ] {
            #expect(SignatureInspector.isPrinted(w, lineHeight: lh) == printed, "\(w.text) \(w.confidence)")
        }
    }
}

import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Places without a signature that read signed on scripts/make-quitus-other.py seeds 30–35 (587 pages never run
/// before), each made here by the seeded generator, at 150 and 300 dpi, in every place:
/// - « Lu et approuvé » typed in a larger font whose letters a scan's blur ran together (`noms-tapes`): pieces wider
///   than a letter were taken for a pen's strokes;
/// - a stamp whose number is set larger than the page's text (`tampon-seul`, fax);
/// - a date written by hand on a « Date » line whose label the OCR read one letter off (« pate »,
///   `date-sans-signature`, fax).
/// The pages themselves are read in ``OtherHandsEmptyPlaceTests``.
@Suite struct TypedRowTests {
    typealias Fill = SignaturePlaceGenerator.Fill

    static let seeds = UInt64(81_001)...UInt64(81_012)

    func verdicts(_ fill: Fill, dpi: Double) -> [(UInt64, SignatureVerdict)] {
        Self.seeds.compactMap { seed in
            guard let p = SignaturePlaceGenerator.filledPlace(seed: seed, dpi: dpi, fill: fill) else {
                Issue.record("\(fill) seed \(seed): place not found")
                return nil
            }
            return (
                seed, InkMeter.measure(p.image, region: p.region, printed: p.words, lineHeight: p.lineHeight).verdict
            )
        }
    }

    /// Typed letters run together are letters: at worst doubtful, never signed.
    @Test(arguments: [150.0, 300.0])
    func boldTypedWordsAreNoSignature(dpi: Double) {
        for (seed, v) in verdicts(.boldTypedApproval, dpi: dpi) {
            #expect(v != .signed, "seed \(seed) \(Int(dpi)) dpi: typed « Lu et approuvé » read signed")
        }
    }

    /// A stamp's number, however large, is the stamp's: the place reads empty.
    @Test(arguments: [150.0, 300.0])
    func aStampsLargeNumberIsNoSignature(dpi: Double) {
        for (seed, v) in verdicts(.stampLargeNumber, dpi: dpi) {
            #expect(v == .empty, "seed \(seed) \(Int(dpi)) dpi: \(v)")
        }
    }

    /// A date written by hand on the « Date » line is no signature, its label read right or one letter off by OCR.
    @Test(arguments: ["Date", "pate", "Dale"])
    func aHandwrittenDateIsNoSignature(label: String) {
        for seed in Self.seeds {
            for dpi in [150.0, 300.0] {
                var generator = SignaturePlaceGenerator(seed: seed, dpi: dpi)
                let place = SignaturePlace.allCases[Int(seed % 3)]
                let (image, drawn) = generator.page(place: place, fill: .handwrittenDate)
                // OCR's words: confident, the « Date » labels read as `label`.
                let words = drawn.map { w -> WordBox in
                    var o = w
                    o.confidence = 95
                    if w.letters == "date" { o.text = label }
                    return o
                }
                let inspection = SignatureInspector.decide(image: image, words: words, textLayer: false)
                let v = inspection.readings.first { $0.place == place }?.verdict
                #expect(v == .empty, "seed \(seed) \(Int(dpi)) dpi, « \(label) »: \(String(describing: v))")
            }
        }
    }

    /// A word one letter from « Date » is a label only on OCR words, with print's height, in the column of the place's
    /// other labels.
    @Test func aSlippedLabelMustStandInTheLabelsColumn() {
        let lh = 20.0
        let region = PlaceRegion(place: .parent, x0: 0, y0: 0, x1: 600, y1: 400)
        let nom = WordBox(text: "Nom", x0: 20, y0: 60, x1: 60, y1: 80)
        let signature = WordBox(text: "Signature", x0: 21, y0: 140, x1: 110, y1: 160)
        let aligned = WordBox(text: "pate", x0: 22, y0: 100, x1: 62, y1: 120)
        let astray = WordBox(text: "pate", x0: 300, y0: 250, x1: 340, y1: 270)
        // A pen's stroke OCR read « pate », two line heights tall, in the labels' column.
        let stroke = WordBox(text: "pate", x0: 22, y0: 180, x1: 90, y1: 220)
        func entries(_ words: [WordBox], ocr: Bool) -> Int {
            SignaturePlaceFinder.entryLines(words: words, regions: [region], lineHeight: lh, ocr: ocr).count
        }
        // « Nom » alone gives its line.
        #expect(entries([nom, signature], ocr: true) == 1)
        #expect(entries([nom, signature, aligned], ocr: true) == 2)
        #expect(entries([nom, signature, aligned], ocr: false) == 1)
        #expect(entries([nom, signature, astray], ocr: true) == 1)
        #expect(entries([nom, signature, stroke], ocr: true) == 1)
    }
}

import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// A printed label the OCR did not read, in a font larger than the page's print, is print, never a signature: from
/// its capital's top to its descender's foot it measures more than the 1.3 line heights under which a mark is never
/// handwriting, yet it is made of letter-sized pieces side by side (``InkMeter/isPrintedRow``). On
/// scripts/make-quitus-other.py seed 24 (`tampon-seul`, scan 3) the parent's « Signature » label, its OCR words lost
/// under a stamp, measured 1.35 line heights: the empty place read signed and the quitus passed.
@Suite struct SignatureUnreadLabelTests {
    @Test func anUnreadLargerLabelIsNeverASignature() async {
        let cases: [(UInt64, Double)] = (UInt64(1)...UInt64(10)).flatMap { seed in [(seed, 150.0), (seed, 200.0)] }
        // Two at a time (drawing and measuring are plain arithmetic on the raster).
        let results = await offThePoolInPairs(cases) { c -> (String, Double?, InkMeter.Measure?) in
            let (seed, dpi) = c
            var generator = SignaturePlaceGenerator(seed: seed * 31 + 7, dpi: dpi)
            let place = SignaturePlace.allCases[Int(seed % 3)]
            let (image, words) = generator.page(place: place, fill: .unreadLabel)
            let tag = "graine \(seed), \(Int(dpi)) dpi, \(place.rawValue)"
            guard let lh = SignaturePlaceFinder.lineHeight(words),
                let region = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
                    .first(where: { $0.place == place }),
                let label = generator.filled
            else { return (tag, nil, nil) }
            let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
            return (tag, (label.y1 - label.y0) / lh, m)
        }
        var taller = 0
        for (tag, height, measure) in results {
            guard let height, let measure else {
                Issue.record("\(tag) : emplacement introuvable")
                continue
            }
            // The case holds only when the label is taller than the old bar and no taller than print.
            if height >= 1.3 && height < SignatureInspector.printedHeights.upperBound { taller += 1 }
            #expect(
                measure.verdict != .signed,
                "\(tag) : libellé de \(height) hauteurs de ligne lu signé (\(measure.measure))")
        }
        // Most drawn labels are in the band the rule is about (the others are read as print anyway).
        #expect(taller >= 14, "\(taller) libellés sur \(results.count) entre 1,3 et 1,6 hauteurs de ligne")
    }

    @Test func lettersSideBySideAreARowOfPrintAndAPensStrokeIsNot() {
        let lh = 20.0
        #expect(InkMeter.isPrintedRow(height: 23, letterPieces: 8, largePieces: 0, lineHeight: lh))
        // A pen's stroke wider than a letter, a mark as tall as handwriting, or too few letters: not print.
        #expect(!InkMeter.isPrintedRow(height: 23, letterPieces: 8, largePieces: 1, lineHeight: lh))
        #expect(!InkMeter.isPrintedRow(height: 32, letterPieces: 8, largePieces: 0, lineHeight: lh))
        #expect(!InkMeter.isPrintedRow(height: 23, letterPieces: 2, largePieces: 0, lineHeight: lh))
    }
}

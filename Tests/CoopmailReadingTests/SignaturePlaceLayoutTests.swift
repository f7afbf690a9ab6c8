import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// The places found from the titles' words for the arrangements another author of the form could choose: three boxes
/// side by side, three stacked, or the mandataire's box across the page above the parent's and the teacher's side by
/// side (scripts/make-quitus-other.py draws all three). Positions, sizes and word heights vary by seed. Each place's
/// region must hold its own title's box and none of another signer's box: a region spanning the parent's and the
/// teacher's boxes would count the teacher's signature for an empty parent's place. A title's words are spaced as
/// a proportional or a monospaced font spaces them (the key word then stands more than a word's height away from
/// « Vérificateur »).
@Suite struct SignaturePlaceLayoutTests {
    enum Layout: CaseIterable { case row, stack, grid }

    /// A page's words (pixels, 150 dpi-like) with the three titles placed per `layout`, and each signer's box.
    /// `shuffled`: stacked boxes in a seeded order, up to 18 line heights tall.
    static func page(_ layout: Layout, seed: UInt64, shuffled: Bool = false) -> (
        words: [WordBox], boxes: [SignaturePlace: [Double]]
    ) {
        var rng = SeededGenerator(seed: seed)
        let lh = Double.random(in: 14...24, using: &rng)
        let margin = Double.random(in: 60...160, using: &rng)
        let width = 1240.0
        let usable = width - 2 * margin
        let gap = Double.random(in: 15...40, using: &rng)
        var words: [WordBox] = []
        func word(_ text: String, _ x: Double, _ y: Double) {
            let w = Double(text.count) * lh * 0.55
            words.append(WordBox(text: text, x0: x, y0: y, x1: x + w, y1: y + lh, confidence: 90))
        }
        // The text above the boxes, naming the mandataire too.
        var y = margin
        for line in [
            "Total des produits", "Total des charges", "Les comptes semblent corrects : quitus au mandataire",
        ] {
            var x = margin
            for w in line.split(separator: " ") {
                word(String(w), x, y)
                x += Double(w.count) * lh * 0.55 + lh * 0.4
            }
            y += 1.6 * lh
        }
        let top = y + Double.random(in: 1...3, using: &rng) * lh
        var boxes: [SignaturePlace: [Double]] = [:]  // x0, y0, x1, y1
        let parentTitle =
            Bool.random(using: &rng) ? ["Le", "parent", "d'élève", "élu"] : ["Vérificateur", "(parent", "élu)"]
        let titles: [SignaturePlace: [String]] = [
            .mandataire: ["Le", "mandataire"], .parent: parentTitle, .teacher: ["L'enseignant"],
        ]
        // A proportional font's spaces, or a monospaced font's (wider than a word's height).
        let space = Double.random(in: 0.4...1.4, using: &rng) * lh
        func box(_ place: SignaturePlace, _ x: Double, _ y: Double, _ w: Double, _ h: Double) {
            boxes[place] = [x, y, x + w, y + h]
            var tx = x + 0.5 * lh
            for t in titles[place] ?? [] {
                word(t, tx, y + 0.4 * lh)
                tx += Double(t.count) * lh * 0.55 + space
            }
            word("Nom", x + 0.5 * lh, y + 2.2 * lh)
            word("Date", x + 0.5 * lh, y + 3.8 * lh)
            word("Signature", x + 0.5 * lh, y + 5.4 * lh)
        }
        switch layout {
        case .row:
            let w = (usable - 2 * gap) / 3
            let h = w * Double.random(in: 0.8...1.0, using: &rng)
            for (i, p) in SignaturePlace.allCases.enumerated() { box(p, margin + Double(i) * (w + gap), top, w, h) }
        case .stack:
            let h = Double.random(in: shuffled ? 12...18 : 9...14, using: &rng) * lh
            let order = shuffled ? SignaturePlace.allCases.shuffled(using: &rng) : SignaturePlace.allCases
            for (i, p) in order.enumerated() {
                box(p, margin, top + Double(i) * (h + gap), usable, h)
            }
        case .grid:
            let h1 = Double.random(in: 8...11, using: &rng) * lh
            box(.mandataire, margin, top, usable, h1)
            let w = (usable - gap) / 2
            let h = w * Double.random(in: 0.5...0.8, using: &rng)
            // The two titles of the lower line a pixel or two apart in height, either way (a scan's skew).
            let tilt = Double.random(in: -2...2, using: &rng)
            box(.parent, margin, top + h1 + gap + tilt, w, h)
            box(.teacher, margin + w + gap, top + h1 + gap - tilt, w, h)
        }
        return (words, boxes)
    }

    @Test(arguments: Layout.allCases)
    func everyPlaceStaysInItsOwnBox(_ layout: Layout) {
        for seed in UInt64(1)...12 {
            let (words, boxes) = Self.page(layout, seed: seed)
            let regions = SignaturePlaceFinder.regions(words: words, width: 1240, height: 1754)
            for place in SignaturePlace.allCases {
                guard let region = regions.first(where: { $0.place == place }), let own = boxes[place] else {
                    Issue.record("\(layout) seed \(seed): \(place) not found")
                    continue
                }
                // Its region covers most of its own box's width, and no other signer's box beyond a margin.
                #expect(Double(region.width) >= 0.6 * (own[2] - own[0]), "\(layout) seed \(seed) \(place)")
                for (other, b) in boxes where other != place {
                    let ox = min(Double(region.x1), b[2]) - max(Double(region.x0), b[0])
                    let oy = min(Double(region.y1), b[3]) - max(Double(region.y0), b[1])
                    let overlap = max(0, ox) * max(0, oy) / ((b[2] - b[0]) * (b[3] - b[1]))
                    #expect(overlap < 0.1, "\(layout) seed \(seed): \(place)'s region covers \(other)'s box")
                    // Nor does it reach a box below its own: that box's top rule, shorter than the region is wide
                    // beside another box's (grid), would stay as ink (`SignatureGridTests`).
                    if b[1] >= own[3] {
                        #expect(
                            Double(region.y1) <= b[1], "\(layout) seed \(seed): \(place) reaches \(other)'s box rule")
                    }
                }
            }
        }
    }

    /// A signer's title the OCR did not read (a shadow over that side of a photo left « Vérificateur (e »): the other
    /// places end before that signer's box, found from its own column of « Nom », « Date », « Signature » labels, so
    /// an empty place never takes that signer's signature. Any one title is lost, in every arrangement; each place
    /// still found keeps most of its own box. A lost mandataire's title is not found in the sentence above the boxes
    /// (« quitus au mandataire »): the other boxes' labels were read, so a word heading none is no box's title.
    @Test(arguments: Layout.allCases)
    func aBoxWhoseTitleIsUnreadIsNoOtherPlace(_ layout: Layout) {
        for seed in UInt64(1)...12 {
            for lost in SignaturePlace.allCases {
                let (all, boxes) = Self.page(layout, seed: seed, shuffled: layout == .stack)
                guard let box = boxes[lost] else { continue }
                // The title's line: its words inside the box's top two line heights; its first word stays, garbled.
                let lh = SignaturePlaceFinder.lineHeight(all) ?? 0
                let titleLine = all.filter {
                    $0.x0 >= box[0] && $0.x1 <= box[2] && $0.y0 >= box[1] && $0.y1 <= box[1] + 2 * lh
                }
                var words = all.filter { !titleLine.contains($0) }
                if let first = titleLine.first {
                    words.append(WordBox(text: "(e", x0: first.x0, y0: first.y0, x1: first.x0 + lh, y1: first.y1))
                }
                let regions = SignaturePlaceFinder.regions(words: words, width: 1240, height: 2400)
                #expect(!regions.contains { $0.place == lost }, "\(layout) seed \(seed): \(lost) found untitled")
                for region in regions {
                    guard let own = boxes[region.place] else { continue }
                    #expect(Double(region.width) >= 0.6 * (own[2] - own[0]), "\(layout) seed \(seed) \(region.place)")
                    let ox = min(Double(region.x1), box[2]) - max(Double(region.x0), box[0])
                    let oy = min(Double(region.y1), box[3]) - max(Double(region.y0), box[1])
                    let overlap = max(0, ox) * max(0, oy) / ((box[2] - box[0]) * (box[3] - box[1]))
                    #expect(
                        overlap < 0.1,
                        "\(layout) seed \(seed): \(region.place)'s region covers \(lost)'s box (\(overlap))")
                }
            }
        }
    }

    /// Stacked boxes in any order, as tall as 18 line heights: the mandataire's place is its own box's, not the line of
    /// the text above that names the mandataire (« quitus au mandataire »), and the last box's place reaches down
    /// to its signing line (its region's bottom within two line heights of the box's).
    @Test func stackedBoxesInAnyOrderKeepTheirWholeBox() {
        var mandataireLast = 0
        for seed in UInt64(1)...16 {
            let (words, boxes) = Self.page(.stack, seed: seed, shuffled: true)
            let regions = SignaturePlaceFinder.regions(words: words, width: 1240, height: 2400)
            let lh = SignaturePlaceFinder.lineHeight(words) ?? 0
            let lastBottom = boxes.values.map { $0[3] }.max() ?? 0
            if boxes[.mandataire]?[3] == lastBottom { mandataireLast += 1 }
            for place in SignaturePlace.allCases {
                guard let region = regions.first(where: { $0.place == place }), let own = boxes[place] else {
                    Issue.record("seed \(seed): \(place) not found")
                    continue
                }
                #expect(
                    Double(region.y0) >= own[1] && Double(region.y0) < own[3], "seed \(seed) \(place): \(region)")
                #expect(Double(region.y1) >= own[3] - 2 * lh, "seed \(seed) \(place): \(region), box \(own)")
                for (other, b) in boxes where other != place {
                    let oy = min(Double(region.y1), b[3]) - max(Double(region.y0), b[1])
                    #expect(oy < 0.1 * (b[3] - b[1]), "seed \(seed): \(place)'s region covers \(other)'s box")
                }
            }
        }
        #expect(mandataireLast >= 2)
    }
}

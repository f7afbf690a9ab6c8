import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// A seeded generator of signature places drawn straight into a raster (no OCR, no files): the three boxes of a
/// Retkoop-like quitus with their printed words, and in one place a family of handwritten marks (ordinary, long
/// flat low waves, short initials, dashed or faint strokes; several slopes; black, blue or pale ink; pen or
/// felt-tip) or of printed things that are no signature (nothing, a typed name, a typed « lu et approuvé », a stamp,
/// an inner frame, a ruled or dotted line). The page itself is skewed a little and noisy.
struct SignaturePlaceGenerator {
    enum Fill: String, CaseIterable {
        // signed
        case ordinary, flat, initials, dashed, faint
        // not signed
        case nothing, typedName, readAndApproved, roundStamp, rectStamp, frame, ruledLine, dottedLine
        /// Typed words the OCR did not give as words (not masked): at worst doubtful, never signed.
        case unreadTyped
        /// A printed « Signature » label in a larger font that the OCR did not give as a word (a stamp over it): its
        /// capital's top to its descender's foot measures 1.3 to 1.6 line heights (`SignatureUnreadLabelTests`).
        case unreadLabel
        /// A round stamp pressed on the signing line: its ring touches or crosses the line (`StampOnLineTests`).
        case stampOnLine
        /// « Lu et approuvé » typed larger than the page's text, bold, its letters run together as a blurred scan
        /// shows them, not among the words (`TypedRowTests`).
        case boldTypedApproval
        /// A round stamp whose number is set larger than the page's text (`TypedRowTests`).
        case stampLargeNumber
        /// A date written by hand on the « Date » line, two line heights tall, and nothing on the signing line
        /// (`TypedRowTests`).
        case handwrittenDate

        var signed: Bool { [.ordinary, .flat, .initials, .dashed, .faint].contains(self) }
    }

    var rng: SeededGenerator
    let dpi: Double
    var scale: Double { dpi / 72 }
    let width: Int, height: Int
    var darkness: [Double]  // 0 paper … 1 full ink, per pixel, before the ink's own gray
    var gray: [Double]  // the ink gray drawn last at each pixel
    var words: [WordBox] = []
    /// The pixel box of what the fill drew in its place (the handwriting, the typed words, the stamp), if anything.
    var filled: (x0: Double, y0: Double, x1: Double, y1: Double)? = nil
    /// The handwriting's ink gray, when not the drawn black or blue (pale inks: `PaleInkPhotoTests`).
    var handInk: Double? = nil
    /// A signing line across each box at the height the handwriting is written at (`SignatureRuleCrossingTests`):
    /// the signature is written over it.
    var signingLine = false
    /// With `.roundStamp`: a pen's loop written inside the stamp and leaving it up to the right through a gap in its
    /// rings (`SignatureOverStampTests`).
    var handOverStamp = false
    /// With `.rectStamp`: its lettering is among the page's words, as a text-layer PDF's is (`StampRingTests`).
    var stampLetteringKnown = false
    /// A round stamp as a phone photographed at an angle shows it: an ellipse whose short axis is this share of its
    /// long one, turned by `stampTurn` radians (`StampEllipseTests`). 1: a circle.
    var stampSquash = 1.0
    var stampTurn = 0.0
    /// A round stamp's rings: their stroke and how far inside the outer one the inner lies, in points (a faxed
    /// stamp's thin rings, its lettering between them: `FaxedStampTests`).
    var stampStroke = 1.4
    var stampRingGap = 5.0
    /// Ruled lines across a round stamp, each at this share of its radius below its centre, as wide as the place
    /// (a faxed stamp pressed over the signing line, its number's frame and the box's edge: `FaxedStampTests`).
    var linesAcrossStamp: [Double] = []
    /// The boxes as a grid (scripts/make-quitus-other.py `grid`): this signer's box across the page, the two others
    /// side by side a small gap under it, their titles lower in their boxes than in a row (their word boxes 0.85 to 1.1
    /// line heights under the rule, as a monospaced font's stand: `SignatureGridTests`). Needs a page ``gridHeight``
    /// points tall. Nil: three boxes side by side.
    var gridTop: SignaturePlace? = nil
    static let gridHeight = 400.0
    let pivot: (Double, Double)
    private var skewValue: Double = 0  // radians, the whole page

    init(seed: UInt64, dpi: Double, heightPoints: Double = 260) {
        rng = SeededGenerator(seed: seed)
        self.dpi = dpi
        width = Int(595 * dpi / 72)
        height = Int(heightPoints * dpi / 72)
        darkness = [Double](repeating: 0, count: width * height)
        gray = [Double](repeating: 255, count: width * height)
        pivot = (297, heightPoints / 2)
        skewValue = uniform(-0.6, 0.6) * Double.pi / 180
    }

    mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * Double(rng.next() % 1_000_000) / 1_000_000
    }

    /// Page points (y down) to pixels, with the page's skew.
    func pixel(_ p: (Double, Double)) -> (Double, Double) {
        let dx = p.0 - pivot.0
        let dy = p.1 - pivot.1
        let c = cos(skewValue)
        let s = sin(skewValue)
        return ((pivot.0 + c * dx - s * dy) * scale, (pivot.1 + s * dx + c * dy) * scale)
    }

    /// An anti-aliased stroke along a polyline given in page points.
    mutating func stroke(_ points: [(Double, Double)], thickness: Double, ink: Double) {
        let t = max(0.9, thickness * scale)
        let px = points.map(pixel)
        for (a, b) in zip(px, px.dropFirst()) {
            let xa = max(0, Int(min(a.0, b.0) - t - 1))
            let xb = min(width - 1, Int(max(a.0, b.0) + t + 1))
            let ya = max(0, Int(min(a.1, b.1) - t - 1))
            let yb = min(height - 1, Int(max(a.1, b.1) + t + 1))
            guard xa <= xb, ya <= yb else { continue }
            let vx = b.0 - a.0
            let vy = b.1 - a.1
            let len2 = max(1e-9, vx * vx + vy * vy)
            for y in ya...yb {
                for x in xa...xb {
                    let qx = Double(x) + 0.5 - a.0
                    let qy = Double(y) + 0.5 - a.1
                    let u = max(0, min(1, (qx * vx + qy * vy) / len2))
                    let dx = qx - u * vx
                    let dy = qy - u * vy
                    let cover = max(0, min(1, t / 2 + 0.5 - (dx * dx + dy * dy).squareRoot()))
                    let i = y * width + x
                    if cover > darkness[i] {
                        darkness[i] = cover
                        gray[i] = ink
                    }
                }
            }
        }
    }

    /// A printed word: letter-like strokes inside its box, and (when `known`) its box among the page's words.
    /// `tracking`: the advance from one letter to the next, in sizes; `weight`: the strokes' thickness, in sizes.
    mutating func word(
        _ text: String, x: Double, baseline: Double, size: Double, known: Bool = true, ink: Double = 20,
        tracking: Double = 0.56, weight: Double = 0.09
    ) {
        let advance = tracking * size
        let xHeight = 0.53 * size
        var cx = x
        for ch in text {
            if ch != " " {
                let tall = ch.isUppercase || "bdfhklt'é".contains(ch)
                let top = baseline - (tall ? 0.72 * size : xHeight)
                stroke([(cx + 0.08 * size, baseline), (cx + 0.08 * size, top)], thickness: weight * size, ink: ink)
                stroke(
                    [
                        (cx + 0.08 * size, top + 0.1 * size), (cx + 0.42 * size, top + 0.05 * size),
                        (cx + 0.44 * size, baseline),
                    ],
                    thickness: weight * size, ink: ink)
                if "gjpqy".contains(ch) {
                    stroke(
                        [(cx + 0.44 * size, baseline), (cx + 0.4 * size, baseline + 0.2 * size)],
                        thickness: weight * size, ink: ink)
                }
            }
            cx += advance
        }
        if known {
            let a = pixel((x, baseline - 0.93 * size))
            let b = pixel((cx, baseline + 0.22 * size))
            words.append(
                WordBox(text: text, x0: min(a.0, b.0), y0: min(a.1, b.1), x1: max(a.0, b.0), y1: max(a.1, b.1)))
        }
    }

    /// A page with `fill` in the place the seed picks, that place's region and the page's line height; nil when the
    /// place is not found.
    static func filledPlace(seed: UInt64, dpi: Double, fill: Fill)
        -> (image: GrayImage, words: [WordBox], region: PlaceRegion, lineHeight: Double)?
    {
        var generator = SignaturePlaceGenerator(seed: seed, dpi: dpi)
        let place = SignaturePlace.allCases[Int(seed % 3)]
        let (image, words) = generator.page(place: place, fill: fill)
        let regions = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
        guard let lh = SignaturePlaceFinder.lineHeight(words), let region = regions.first(where: { $0.place == place })
        else { return nil }
        return (image, words, region, lh)
    }

    /// A round stamp: two rings ``stampRingGap`` points apart, lettering inside that OCR did not give as words. With a `gap`, the
    /// rings' ink is missing from 20° to 70° above the right (where a hand's loop leaves it, `handOverStamp`).
    mutating func roundStamp(cx: Double, cy: Double, r: Double, gap: Bool = false, lettering: Bool = true) {
        for radius in [r, r - stampRingGap] {
            stroke(
                (0...(gap ? 62 : 72)).map { k in
                    let a = Double(k) * .pi / 36 - (gap ? 20 * .pi / 180 : 0)
                    let (u, v) = (radius * cos(a), stampSquash * radius * sin(a))
                    return (cx + u * cos(stampTurn) - v * sin(stampTurn), cy + u * sin(stampTurn) + v * cos(stampTurn))
                },
                thickness: stampStroke, ink: 70)
        }
        for k in linesAcrossStamp {
            stroke([(cx - 1.6 * r, cy + k * r), (cx + 1.6 * r, cy + k * r)], thickness: 0.8, ink: 20)
        }
        guard lettering else { return }
        words("COOPÉRATIVE", x: cx - 20, baseline: cy - 4, size: 7, known: false)
        words("OCCE 75", x: cx - 12, baseline: cy + 8, size: 7, known: false)
    }

    mutating func words(_ line: String, x: Double, baseline: Double, size: Double, known: Bool = true) {
        var cx = x
        for w in line.split(separator: " ") {
            word(String(w), x: cx, baseline: baseline, size: size, known: known)
            cx += Double(w.count + 1) * 0.56 * size
        }
    }

    /// A cubic Bézier path sampled every ~0.5 pt.
    static func bezier(_ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double))
        -> [(Double, Double)]
    {
        let n = 40
        return (0...n).map { k in
            let t = Double(k) / Double(n)
            let u = 1 - t
            let a = u * u * u
            let b = 3 * u * u * t
            let c = 3 * u * t * t
            let d = t * t * t
            return (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
        }
    }

    /// A handwritten path: `loops` waves of the given amplitude over `length` points, turned by `slope` radians.
    mutating func scribble(x: Double, y: Double, length: Double, amplitude: Double, loops: Int, slope: Double) -> [(
        Double, Double
    )] {
        var points: [(Double, Double)] = []
        var cx = 0.0
        let step = length / Double(loops)
        for _ in 0..<loops {
            let p = Self.bezier(
                (cx, points.last?.1 ?? 0),
                (cx + step * uniform(0.2, 0.6), -amplitude * uniform(0.6, 1.2)),
                (cx + step * uniform(0.4, 1.2), amplitude * uniform(0.4, 1.0)),
                (cx + step, uniform(-0.2, 0.2) * amplitude))
            points += p
            cx += step
        }
        let c = cos(slope)
        let s = sin(slope)
        return points.map { (x + c * $0.0 - s * $0.1, y + s * $0.0 + c * $0.1) }
    }

    /// Draws the three boxes and fills `place` with `fill`; returns the raster and the printed words.
    mutating func page(place: SignaturePlace, fill: Fill) -> (GrayImage, [WordBox]) {
        let titles: [SignaturePlace: String] = [
            .mandataire: "Le mandataire", .parent: "Le parent d'élève élu", .teacher: "L'enseignant",
        ]
        // Each box's left, top, width, height and its title's baseline below its top.
        var boxes: [SignaturePlace: (x: Double, top: Double, w: Double, h: Double, title: Double)] = [:]
        if let first = gridTop {
            let h1 = uniform(150, 170)
            let gap = uniform(8, 20)
            let h = uniform(150, 175)
            let w = (515 - gap) / 2
            boxes[first] = (40, 20, 515, h1, uniform(20, 23))
            for (i, p) in SignaturePlace.allCases.filter({ $0 != first }).enumerated() {
                boxes[p] = (40 + Double(i) * (w + gap), 20 + h1 + gap, w, h, uniform(20, 23))
            }
        } else {
            for (p, x) in [(SignaturePlace.mandataire, 40.0), (.parent, 217), (.teacher, 394)] {
                boxes[p] = (x, 20, 165, 175, 16)
            }
        }
        for p in SignaturePlace.allCases {
            guard let box = boxes[p], let title = titles[p] else { continue }
            let (x, top, boxW, boxH, titleDrop) = box
            let frame = [(x, top), (x + boxW, top), (x + boxW, top + boxH), (x, top + boxH), (x, top)]
            stroke(frame, thickness: 0.8, ink: 20)
            words(title, x: x + 8, baseline: top + titleDrop, size: 11)
            words("Nom :", x: x + 8, baseline: top + 38, size: 10)
            words("Date :", x: x + 8, baseline: top + 56, size: 10)
            words("Signature :", x: x + 8, baseline: top + 74, size: 10)
            if signingLine {
                stroke([(x + 8, top + 118), (x + boxW - 8, top + 118)], thickness: 0.6, ink: 20)
            }
            guard p == place else { continue }
            let drawn = [20.0, 60.0][Int(rng.next() % 2)]  // black, blue (as gray)
            let ink = handInk ?? drawn
            let pen = rng.next() % 2 == 0 ? uniform(0.6, 0.9) : uniform(2.2, 3.0)
            let sx = x + uniform(10, 30)
            let sy = top + uniform(105, 130)
            let slope = uniform(-0.35, 0.35)  // about ±20°
            let before = darkness
            defer {
                var box: (x0: Double, y0: Double, x1: Double, y1: Double)? = nil
                for i in darkness.indices where darkness[i] > before[i] + 0.3 {
                    let x = Double(i % width)
                    let y = Double(i / width)
                    box =
                        box.map { (min($0.x0, x), min($0.y0, y), max($0.x1, x + 1), max($0.y1, y + 1)) } ?? (
                            x, y, x + 1, y + 1
                        )
                }
                filled = box
            }
            switch fill {
            case .ordinary:
                stroke(
                    scribble(
                        x: sx, y: sy, length: uniform(90, 115), amplitude: uniform(13, 22),
                        loops: Int(rng.next() % 3) + 4, slope: slope),
                    thickness: pen, ink: ink)
            case .flat:
                // Long and low: waves no taller than a printed line, possibly running past the box's edge.
                stroke(
                    scribble(
                        x: x + uniform(4, 20), y: sy, length: uniform(120, 190), amplitude: uniform(6, 10),
                        loops: Int(rng.next() % 4) + 5,
                        slope: uniform(-0.06, 0.06)), thickness: pen, ink: ink)
            case .initials:
                stroke(
                    scribble(x: sx, y: sy, length: uniform(26, 40), amplitude: uniform(11, 18), loops: 2, slope: slope),
                    thickness: pen, ink: ink)
            case .dashed:
                // A pen that skips: dashes with short gaps.
                let path = scribble(
                    x: sx, y: sy, length: uniform(80, 115), amplitude: uniform(10, 20), loops: Int(rng.next() % 3) + 4,
                    slope: slope)
                var k = 0
                while k < path.count - 1 {
                    let dash = Int(rng.next() % 6) + 4
                    stroke(Array(path[k..<min(path.count, k + dash)]), thickness: pen, ink: ink)
                    k += dash + 1
                }
            case .faint:
                stroke(
                    scribble(
                        x: sx, y: sy, length: uniform(80, 115), amplitude: uniform(12, 20),
                        loops: Int(rng.next() % 3) + 4, slope: slope),
                    thickness: uniform(0.6, 0.9), ink: uniform(130, 155))
            case .nothing:
                break
            case .typedName:
                words("Karim Benali", x: x + 42, baseline: top + 38, size: 10)
                words("28/09/2021", x: x + 42, baseline: top + 56, size: 10)
                words("Karim Benali", x: x + 14, baseline: top + 125, size: 11)
            case .readAndApproved:
                words("Lu et approuvé", x: x + 14, baseline: top + 100, size: 10)
                words("Julie Lefèvre", x: x + 14, baseline: top + 125, size: 11)
            case .unreadTyped:
                words("Lu et approuvé", x: x + 14, baseline: top + 100, size: 10, known: false)
                words("Julie Lefèvre", x: x + 14, baseline: top + 125, size: 11, known: false)
            case .unreadLabel:
                word("Signature", x: x + 14, baseline: top + 118, size: uniform(16, 17), known: false)
            case .roundStamp:
                let r = uniform(30, 34)
                let cx = sx + r
                let cy = sy
                roundStamp(cx: cx, cy: cy, r: r, gap: handOverStamp)
                if handOverStamp {
                    // The loop leaves through a gap the stamp's ink left in its rings (a stamp pressed unevenly), so
                    // that it stands apart from them, and goes on past the stamp's box.
                    let out = uniform(18, 26)
                    let d = 0.7071
                    stroke(
                        Self.bezier(
                            (cx - 6, cy + 8), (cx + 0.3 * r * d, cy - 0.3 * r * d),
                            (cx + 1.15 * r * d, cy - 1.15 * r * d),
                            (cx + r + out, cy - 0.2 * r)),
                        thickness: pen, ink: ink)
                }
            case .stampOnLine:
                let ly = top + uniform(125, 150)
                stroke(
                    [(x + uniform(8, 20), ly), (x + boxW - uniform(8, 20), ly + uniform(-1, 1))],
                    thickness: uniform(0.6, 1.2), ink: 20)
                let r = uniform(26, 34)
                let cx = x + uniform(45, boxW - 45)
                // From the ring just touching the line to the line crossing its lower part.
                let cy = ly - r + uniform(-2, 0.45 * r)
                roundStamp(cx: cx, cy: cy, r: r)
            case .boldTypedApproval:
                // Capitals about one printed-word height, a capital's top to a descender's foot 1.2 to 1.3 (Times on a
                // 150 dpi scan of scripts/make-quitus-other.py seed 34: 1.03 and 1.39 with the bridging); letters
                // apart, but « app » and « rou » run together (as a scan's blur joins a serif font's letters).
                let size = uniform(13, 14.5)
                let baseline = top + uniform(100, 110)
                var cx = x + uniform(8, 14)
                let joined: Set<Int> = [6, 7, 9, 10]  // the letters followed by a touching one, « Lu et approuvé »
                for (k, ch) in "Lu et approuvé".enumerated() {
                    word(String(ch), x: cx, baseline: baseline, size: size, known: false, weight: 0.12)
                    cx += (joined.contains(k) ? 0.44 : 0.62) * size
                }
            case .stampLargeNumber:
                // Inside the box (its rules crossing the ring are `stampOnLine`'s matter).
                let r = uniform(56, 60)
                let cx = x + uniform(r + 4, boxW - r - 4)
                let cy = top + uniform(95, 105)
                roundStamp(cx: cx, cy: cy, r: r, lettering: false)
                // Six digits and a hyphen, 1.3 to 1.5 times the page's printed-word height (11.5 points), each a
                // bold closed glyph as dense as print, centred in the ring.
                let height = 11.5 * uniform(1.3, 1.5)
                let digit = 0.5 * height
                let gap = 0.32 * height
                let total = 6 * digit + 6 * gap + 0.3 * height
                var dx = cx - total / 2
                for k in 0..<7 {
                    if k == 3 {
                        stroke([(dx, cy), (dx + 0.3 * height, cy)], thickness: 0.14 * height, ink: 70)
                        dx += 0.3 * height + gap
                        continue
                    }
                    let (a, b) = (dx, dx + digit)
                    let (t, u) = (cy - height / 2, cy + height / 2)
                    stroke([(a, t), (b, t), (b, u), (a, u), (a, t)], thickness: 0.22 * height, ink: 70)
                    dx += digit + gap
                }
            case .handwrittenDate:
                // « 09/09/22 »: bold strokes two line heights tall (23 points) on the « Date : » line.
                let h = uniform(20, 25)
                var dx = x + 42
                for _ in 0..<6 {
                    let base = top + 56 + uniform(2, 5)
                    stroke(
                        [(dx, base - h), (dx + 0.5 * h, base - h), (dx + 0.5 * h, base), (dx, base), (dx, base - h)],
                        thickness: uniform(2.0, 2.6), ink: ink)
                    dx += 0.7 * h
                }
            case .rectStamp:
                let w = uniform(100, 115)
                let h = 34.0
                stroke(
                    [(sx, sy - h / 2), (sx + w, sy - h / 2), (sx + w, sy + h / 2), (sx, sy + h / 2), (sx, sy - h / 2)],
                    thickness: 1.4, ink: 70)
                words("ÉCOLE RUE KELLER", x: sx + 8, baseline: sy - 2, size: 8, known: stampLetteringKnown)
                words("PARIS 11e", x: sx + 30, baseline: sy + 10, size: 8, known: stampLetteringKnown)
            case .frame:
                let fx = x + uniform(8, 20)
                let fy = top + uniform(84, 95)
                stroke(
                    [(fx, fy), (x + boxW - 8, fy), (x + boxW - 8, top + boxH - 8), (fx, top + boxH - 8), (fx, fy)],
                    thickness: uniform(0.5, 1.0), ink: 20)
            case .ruledLine:
                let ly = top + uniform(100, 150)
                stroke(
                    [(x + uniform(8, 20), ly), (x + boxW - uniform(8, 20), ly + uniform(-1.5, 1.5))],
                    thickness: uniform(0.5, 1.2), ink: 20)
            case .dottedLine:
                let ly = top + uniform(100, 150)
                var dx = x + 10
                while dx < x + boxW - 10 {
                    stroke([(dx, ly), (dx + 0.8, ly)], thickness: 1.0, ink: 20)
                    dx += 3
                }
            }
        }
        // Paper, ink and scanner noise.
        var pixels = [UInt8](repeating: 255, count: width * height)
        for i in 0..<pixels.count {
            let v = 255 - darkness[i] * (255 - gray[i]) - Double(rng.next() % 24)
            pixels[i] = UInt8(max(0, min(255, v)))
        }
        return (GrayImage(width: width, height: height, pixels: pixels), words)
    }
}

@Suite struct SignatureMarginTests {
    /// Every family, many seeds, at 150 and 300 dpi: no signed place is called empty, no place without a
    /// signature is called signed; the measured distributions are printed so that the margin around the thresholds
    /// is visible.
    @Test func marginsAcrossSeeds() async {
        typealias Fill = SignaturePlaceGenerator.Fill
        struct Case: Sendable {
            var seed: UInt64
            var fill: Fill
            var dpi: Double
            var place: SignaturePlace
        }
        struct Result: Sendable {
            var c: Case
            var found: Bool
            var verdict: SignatureVerdict
            var measure: Double
        }
        // A date on the « Date » line is set aside by the inspector's entry lines, not by the ink measure alone
        // (``TypedRowTests`` reads it through ``SignatureInspector/decide(image:words:textLayer:)``).
        let fills = Fill.allCases.filter { $0 != .handwrittenDate }
        var cases: [Case] = []
        for seed in UInt64(1)...UInt64(4) {
            for (k, fill) in fills.enumerated() {
                let mix = seed + UInt64(k)
                cases.append(
                    Case(
                        seed: seed * 1000 + UInt64(k), fill: fill, dpi: mix % 6 == 0 ? 300 : 150,
                        place: SignaturePlace.allCases[Int(mix % 3)]))
            }
        }
        // Two at a time (the measure is plain arithmetic on the raster).
        let results = await offThePoolInPairs(cases) { c -> Result in
            var generator = SignaturePlaceGenerator(seed: c.seed, dpi: c.dpi)
            let (image, words) = generator.page(place: c.place, fill: c.fill)
            let regions = SignaturePlaceFinder.regions(words: words, width: image.width, height: image.height)
            guard let lh = SignaturePlaceFinder.lineHeight(words),
                let region = regions.first(where: { $0.place == c.place })
            else {
                return Result(c: c, found: false, verdict: .unreadable, measure: 0)
            }
            let m = InkMeter.measure(image, region: region, printed: words, lineHeight: lh)
            return Result(c: c, found: true, verdict: m.verdict, measure: m.measure)
        }
        .sorted { $0.c.seed < $1.c.seed }
        var signedMeasures: [(Double, String)] = []
        var emptyMeasures: [(Double, String)] = []
        var lines = ["== Marges de la mesure d'encre (cas générés, graines variées)"]
        var byFill: [Fill: [SignatureVerdict: Int]] = [:]
        for r in results {
            let fill = r.c.fill
            let m = (verdict: r.verdict, measure: r.measure)
            let tag = "\(fill.rawValue)/\(r.c.seed)/\(Int(r.c.dpi))dpi/\(r.c.place.rawValue)"
            #expect(r.found, "\(tag): place not found")
            byFill[fill, default: [:]][m.verdict, default: 0] += 1
            if fill.signed {
                signedMeasures.append((m.measure, tag))
                #expect(m.verdict != .empty, "\(tag): a signed place called empty (\(m.measure))")
                // Initials no taller than print are at worst doubtful (they could be unread typed letters).
                #expect(m.verdict == .signed || fill == .initials, "\(tag): \(m.verdict) (\(m.measure))")
            } else {
                emptyMeasures.append((m.measure, tag))
                #expect(m.verdict != .signed, "\(tag): an unsigned place called signed (\(m.measure))")
                if ![.unreadTyped, .unreadLabel, .boldTypedApproval].contains(fill) {
                    #expect(m.verdict == .empty, "\(tag): \(m.verdict) (\(m.measure))")
                }
            }
        }
        for fill in fills {
            let counts = byFill[fill, default: [:]].sorted { $0.key.rawValue < $1.key.rawValue }.map {
                "\($0.key.rawValue) \($0.value)"
            }
            lines.append(
                "  \(fill.rawValue) (\(fill.signed ? "signé" : "non signé")) : " + counts.joined(separator: ", "))
        }
        let maxEmpty = emptyMeasures.max { $0.0 < $1.0 }
        let minSigned = signedMeasures.min { $0.0 < $1.0 }
        lines.append(
            "  non signés : \(emptyMeasures.count), plus grande mesure \(maxEmpty.map { "\($0.0) (\($0.1))" } ?? "-")")
        lines.append(
            "  signés : \(signedMeasures.count), plus petite mesure \(minSigned.map { "\($0.0) (\($0.1))" } ?? "-")")
        let recognised = results.filter { $0.c.fill.signed && $0.verdict == .signed }.min { $0.measure < $1.measure }
        let doubtful = results.filter { $0.c.fill.signed && $0.verdict == .unreadable }.map {
            "\($0.c.fill.rawValue)/\($0.c.seed)"
        }
        lines.append(
            "  signés jugés signés : plus petite mesure \(recognised.map { "\($0.measure) (\($0.c.fill.rawValue)/\($0.c.seed))" } ?? "-")"
                + " ; signés jugés douteux (illisible, jamais vide) : \(doubtful.count) \(doubtful)")
        lines.append("  seuils : vide ≤ \(InkMeter.emptyBelow), signé ≥ \(InkMeter.signedAbove)")
        print(lines.joined(separator: "\n"))
    }
}

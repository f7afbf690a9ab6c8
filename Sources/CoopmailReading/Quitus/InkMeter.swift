import CoopmailDomain
import Foundation

/// Measures the handwritten ink in one signature place of a page raster, once the printed words (their boxes),
/// the long straight lines (box rules, underlines, dotted lines) and stamps (compact hollow shapes and what lies
/// inside them) are set aside.
///
/// The measure is the share of the place's width spanned by the remaining marks that are tall enough to be
/// handwriting (at least 1.3 printed-line heights, or one unbroken thin curve at least three printed-line heights
/// long: a flat wavy signature) and not straight: 0 for an empty place, typed text or a stamp;
/// about 0.3–0.9 for a signature. The thresholds are set from the distributions over every generated case
/// (`SignatureTests` prints them): empty places measure below ``emptyBelow``, signed ones above ``signedAbove``;
/// in between, or on a place too dark to tell, the verdict is `unreadable`.
public enum InkMeter {
    public static let emptyBelow = 0.06
    public static let signedAbove = 0.15
    /// A place whose pixels are more than this share dark (a shadow, a blot) cannot be told.
    static let tooDark = 0.35
    /// Dark ink: darker than this share of the local mean.
    static let darkRatio = 0.72
    /// Pale ink (a worn ballpoint, a pale felt-tip, a faint scan): darker than the share of the local mean that lies
    /// `paleGrain` robust standard deviations of the paper's grain below the paper, within ``paleRatios``: on clean
    /// paper 0.88, on grainy paper or a noisy JPEG down to the dark threshold.
    static let paleRatios = 0.72...0.88
    static let paleGrain = 6.0

    /// The pale-ink ratio a place's paper allows: its grain is the median absolute deviation of the background
    /// pixels from their local mean, so that uneven light across a photo is not taken for grain; times 1.4826 for a
    /// standard deviation, against the paper's median level. `gray` may be the place's pixels or their 3×3 means
    /// (``smoothed``): each has its own grain.
    ///
    /// The grain is taken on the `clean` pixels: those whose local mean no dark mark (printed word, box rule, dark
    /// stroke) pulls down. Beside a black rule or a word the local mean sits up to 10–15 levels below the paper, so
    /// that every pixel there seemed to deviate by that much: on the generated phone photos of seed 5 the grain came
    /// out at 7.4–8.9 levels instead of about 5 (3×3 means: 4.4–5.9 instead of about 2.8), the pale level fell to
    /// 0.75–0.80, and a pale blue ballpoint whose darkest pixels across the stroke sit at about 0.78 of the paper read
    /// empty. Deviations are counted in quarter levels (the 3×3 means' grain is under three levels, too few whole
    /// levels to measure it finely). Without enough clean pixels (a place full of marks), all background pixels.
    static func paleRatio<Pixels: RandomAccessCollection<Double>>(gray: Pixels, means: [Double], clean: [Bool])
        -> Double
    where Pixels.Index == Int {
        let steps = 4.0
        var deviations = [Int](repeating: 0, count: 256 * Int(steps))
        var levels = [Int](repeating: 0, count: 256)
        var count = 0
        var cleanCount = 0
        for (i, p) in zip(gray.indices, gray) where i < means.count && i < clean.count && clean[i] {
            if p >= means[i] * darkRatio { cleanCount += 1 }
        }
        let useClean = cleanCount >= max(minimumClean, gray.count / 20)
        for (i, p) in zip(gray.indices, gray) where i < means.count && p >= means[i] * darkRatio {
            guard !useClean || (i < clean.count && clean[i]) else { continue }
            deviations[min(deviations.count - 1, max(0, Int((abs(p - means[i]) * steps).rounded())))] += 1
            levels[min(255, max(0, Int(p.rounded())))] += 1
            count += 1
        }
        guard count > 0 else { return darkRatio }
        let sigma = 1.4826 * Double(histogramMedian(deviations, count: count)) / steps
        let ratio = 1 - paleGrain * max(1, sigma) / Double(max(1, histogramMedian(levels, count: count)))
        return min(paleRatios.upperBound, max(paleRatios.lowerBound, ratio))
    }

    /// The median value of a histogram (`h[v]` values equal to `v`) holding `count` values; its last value when empty.
    static func histogramMedian(_ h: [Int], count: Int) -> Int {
        var seen = 0
        for (v, n) in h.enumerated() {
            seen += n
            if 2 * seen >= count { return v }
        }
        return h.count - 1
    }

    /// Fewest clean pixels (``paleRatio(gray:means:clean:)``) the grain is measured on.
    static let minimumClean = 400

    public struct Measure: Sendable {
        public var verdict: SignatureVerdict
        public var measure: Double
    }

    /// `tilt`: the page's lines' slope (``SignaturePlaceFinder/tilt(_:lineHeight:)``), about which rules are followed.
    ///
    /// The rings of round stamps found around the place (``StampRing``) are set aside: a stamp pressed on the signing
    /// line or cut by the place's edge is no signature.
    public static func measure(
        _ image: GrayImage, region r: PlaceRegion, printed: [WordBox], lineHeight lh: Double, tilt: Double = 0
    ) -> Measure {
        let rings = StampRing.find(in: image, around: r, printed: printed, lineHeight: lh)
        return measure(image, region: r, printed: printed, lineHeight: lh, tilt: tilt, rings: rings)
    }

    /// `rings` in the page's pixels.
    static func measure(
        _ image: GrayImage, region r: PlaceRegion, printed: [WordBox], lineHeight lh: Double, tilt: Double,
        rings: [StampRing]
    ) -> Measure {
        // A place the sheet's edge cuts through is measured on its own pixels, what lies beyond the sheet painted as
        // paper (``offPageMasked(_:region:)``).
        guard let masked = offPageMasked(image, region: r) else {
            return measureOnPage(
                image, region: r, printed: printed, lineHeight: lh, tilt: tilt,
                rings: rings.map { $0.moved(by: Double(r.x0), Double(r.y0)) })
        }
        let moved = printed.map { word in
            var w = word
            (w.x0, w.x1, w.y0, w.y1) = (
                w.x0 - Double(r.x0), w.x1 - Double(r.x0), w.y0 - Double(r.y0), w.y1 - Double(r.y0)
            )
            return w
        }
        let own = PlaceRegion(place: r.place, x0: 0, y0: 0, x1: masked.width, y1: masked.height)
        return measureOnPage(
            masked, region: own, printed: moved, lineHeight: lh, tilt: tilt,
            rings: rings.map { $0.moved(by: Double(r.x0), Double(r.y0)) })
    }

    /// `rings` in the place's own pixels (its top left corner at 0, 0).
    static func measureOnPage(
        _ image: GrayImage, region r: PlaceRegion, printed: [WordBox], lineHeight lh: Double, tilt: Double,
        rings: [StampRing]
    ) -> Measure {
        let w = r.width
        let h = r.height
        guard w >= 4, h >= 4, lh > 0, r.x1 <= image.width, r.y1 <= image.height, r.x0 >= 0, r.y0 >= 0 else {
            return Measure(verdict: .unreadable, measure: 0)
        }
        // The region's pixels, copied once into one contiguous buffer (row by row).
        var gray = [UInt8](repeating: 255, count: w * h)
        gray.withUnsafeMutableBufferPointer { out in
            image.pixels.withUnsafeBufferPointer { src in
                for y in 0..<h {
                    let from = (r.y0 + y) * image.width + r.x0
                    guard from >= 0, from + w <= src.count else { continue }
                    for x in 0..<w { out[y * w + x] = src[from + x] }
                }
            }
        }
        // Dark pixels, relative to the local mean (uneven light of photos): integral image of the region.
        var integral = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var row = 0
            for x in 0..<w {
                row += Int(gray[y * w + x])
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row
            }
        }
        let radius = max(4, Int(lh))
        // Two levels: dark ink (below `darkRatio` of the local mean and below 200), and pale ink (below the pale ratio
        // of the local mean), the pale ratio set from the place's own paper grain (``paleRatio(gray:means:clean:)``).
        let window = windowSums(integral, width: w, height: h, radius: radius)
        var means = [Double](repeating: 0, count: w * h)
        for i in 0..<(w * h) { means[i] = Double(window.sums[i]) / Double(max(1, window.areas[i])) }
        // The pale level twice: on the pixels, and on their 3×3 means. A thin pale stroke on a grainy phone photo or
        // a noisy JPEG (paper grain about 4–8 gray levels) is hardly darker than the grain pixel by pixel, so that
        // its pixels came out as scattered dots (a pale signature read empty); averaged over 3×3 the grain falls by
        // about half while a stroke two or three pixels wide keeps most of its contrast, and each level is set from
        // its own grain (``paleRatio(gray:means:clean:)``), so paper alone stays below both.
        let soft = smoothed(integral, width: w, height: h)
        // Pixels whose local mean no dark pixel pulls down (the grain is measured on them).
        var darkIntegral = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var row = 0
            for x in 0..<w {
                let i = y * w + x
                if Double(gray[i]) < means[i] * darkRatio && gray[i] < 200 { row += 1 }
                darkIntegral[(y + 1) * (w + 1) + x + 1] = darkIntegral[y * (w + 1) + x + 1] + row
            }
        }
        let clean = windowSums(darkIntegral, width: w, height: h, radius: radius).sums.map { $0 == 0 }
        let pale = paleRatio(gray: gray.lazy.map(Double.init), means: means, clean: clean)
        let softPale = paleRatio(gray: soft, means: means, clean: clean)
        var ink = [Bool](repeating: false, count: w * h)
        var darkCount = 0
        for i in 0..<(w * h) {
            let p = Double(gray[i])
            let mean = means[i]
            if p < mean * darkRatio && p < 200 {
                ink[i] = true
                darkCount += 1
            } else if p < mean * pale || soft[i] < mean * softPale {
                ink[i] = true
            }
        }
        if Double(darkCount) / Double(w * h) > tooDark { return Measure(verdict: .unreadable, measure: 0) }
        // Printed words.
        let pad = 0.15 * lh
        for word in printed {
            let xa = max(0, Int(word.x0 - pad) - r.x0)
            let xb = min(w, Int(word.x1 + pad) + 1 - r.x0)
            let ya = max(0, Int(word.y0 - pad) - r.y0)
            let yb = min(h, Int(word.y1 + pad) + 1 - r.y0)
            guard xa < xb, ya < yb else { continue }
            for y in ya..<yb { for x in xa..<xb { ink[y * w + x] = false } }
        }
        // The rings of round stamps and the lettering between them (``StampRing``), in the place's pixels.
        var ringBand = [Bool](repeating: false, count: rings.isEmpty ? 0 : w * h)
        var stampDisk = [Bool](repeating: false, count: rings.isEmpty ? 0 : w * h)
        for ring in rings where [ring.x, ring.y, ring.outer + ring.tolerance].allSatisfy({ abs($0) < 1e7 }) {
            let ya = max(0, Int(ring.y - ring.outer - ring.tolerance))
            let yb = min(h, Int(ring.y + ring.outer + ring.tolerance) + 1)
            let xa = max(0, Int(ring.x - ring.outer - ring.tolerance))
            let xb = min(w, Int(ring.x + ring.outer + ring.tolerance) + 1)
            guard xa < xb, ya < yb else { continue }
            for y in ya..<yb {
                for x in xa..<xb where ring.covers(Double(x) + 0.5, Double(y) + 0.5) {
                    stampDisk[y * w + x] = true
                    if ring.onBand(Double(x) + 0.5, Double(y) + 0.5) { ringBand[y * w + x] = true }
                }
            }
        }
        // Ink that is not a stamp's ring.
        var ownInk = ink
        if !ringBand.isEmpty { for i in ownInk.indices where ringBand[i] { ownInk[i] = false } }
        // Long straight lines (box rules, underlines), followed along slants of up to ±6 % about the page's own slope
        // (`tilt`: a page photographed at an angle), two pixels either side.
        let longH = max(4 * lh, 0.5 * Double(w))
        // A run that bows more than this off its straight fit is a pen's stroke, not a printed rule (``bow``).
        let straightBow = max(0.8, 0.04 * lh)
        let longV = max(4 * lh, 0.5 * Double(h))
        // A rule of a page photographed turned crosses the place's box at a slant and leaves it through its top or
        // bottom edge: what lies inside may be shorter than half the place. A straight run cut by the edge counts as
        // a rule from four line heights on. (A sheet turned 8.6 % on scripts/make-quitus-other.py seed 9, `aucune`
        // scanned and turned: the bottom rule's piece, 25.8 line heights long, joined the box's side and read as a
        // signature, 0.40.)
        let cutLong = 4 * lh
        var rule = [Bool](repeating: false, count: w * h)
        let slantStep = min(0.02, 3.0 / Double(max(w, h)))
        let fringe = max(1, Int(0.1 * lh))
        // Slants about the page's own (a sheet photographed turned: its horizontal rules climb by `tilt`, its
        // vertical ones lean by `-tilt`).
        func slants(about centre: Double) -> [Double] {
            stride(from: -0.06, through: 0.0601, by: slantStep).map { $0 + centre }
        }
        // `t` runs along the line, `c` across it: pixel (t, c) is at t * alongStride + c * acrossStride.
        func removeLines(
            along: Int, across: Int, long: Double, alongStride: Int, acrossStride: Int, slants: [Double]
        ) {
            @inline(__always) func at(_ t: Int, _ c: Int) -> Int { t * alongStride + c * acrossStride }
            // Read-only here: local constants, not the function's variables (whose every read, captured by the nested
            // functions below, was checked for exclusive access: most of a stamped page's signature check).
            let ink = ink
            let ownInk = ownInk
            let stampDisk = stampDisk
            // Ink per line across the run direction: a start whose rows hold too little ink cannot hold a rule.
            var perLine = [Int](repeating: 0, count: across + 1)
            for c in 0..<across {
                var n = 0
                for t in 0..<along where ink[at(t, c)] { n += 1 }
                perLine[c + 1] = perLine[c] + n
            }
            func inkAt(_ t: Int, _ c: Int) -> Bool { c >= 0 && c < across && ink[at(t, c)] }
            // A stamp's ring pressed on a line keeps the line's run going but neither crowds it nor bends it.
            func ownInkAt(_ t: Int, _ c: Int) -> Bool { c >= 0 && c < across && ownInk[at(t, c)] }
            // Whether there is ink within two pixels across of (t, c), for c from -2 to across + 1 (none beyond): the
            // path's five pixels, looked up once per pixel instead of five times per path crossing it.
            let nearStride = across + 4
            var near = [Bool](repeating: false, count: along * nearStride)
            for t in 0..<along {
                for c in -2..<(across + 2) {
                    for cc in max(0, c - 2)...min(across - 1, c + 2) where ink[at(t, cc)] {
                        near[t * nearStride + c + 2] = true
                        break
                    }
                }
            }
            for slant in slants {
                let shift = Int((abs(slant) * Double(along)).rounded(.up))
                // The path's offset across at each step along, the same for every start.
                let offset = (0...along).map { Int((slant * Double($0)).rounded()) }
                for start in (-shift)..<(across + shift) {
                    let lo = max(0, min(start, start + offset[along]) - 2)
                    let hi = min(across, max(start, start + offset[along]) + 3)
                    guard lo < hi, Double(perLine[hi] - perLine[lo]) >= min(long, cutLong) else { continue }
                    // The path at `t` runs out of the place (its five pixels reach the edge).
                    func leaves(_ t: Int) -> Bool {
                        let c = start + offset[t]
                        return c < 2 || c > across - 3
                    }
                    var runStart = -1
                    var crowded = 0
                    // Steps of the run with ink of its own (off any stamp).
                    var own = 0
                    for t in 0...along {
                        var on = false
                        let c = start + offset[t]
                        if t < along, c >= -2, c < across + 2 { on = near[t * nearStride + c + 2] }
                        // A rule goes on under a stamp (its print, or the masks of its lettering, hide it there).
                        let stamped = t < along && !stampDisk.isEmpty && c >= 0 && c < across && stampDisk[at(t, c)]
                        if on || stamped {
                            if runStart < 0 {
                                runStart = t
                                crowded = 0
                                own = 0
                            }
                            if on && !stamped { own += 1 }
                            // A rule has paper on both sides; a thick stroke or a dense scribble does not.
                            if !stamped && (ownInkAt(t, c - 5) || ownInkAt(t, c + 5)) { crowded += 1 }
                        } else if runStart >= 0 {
                            // A run across most of the place is its printed box or signing line even when it bows: a
                            // sheet curling under a phone bends its rules as much as a pen curves, and a rule left
                            // as ink could make an empty place look signed. Only shorter runs are judged by their bow.
                            // Its length is what it shows off stamps (without stamps, every step of the run).
                            let length = Double(own)
                            let cut = (t < along && leaves(t)) || (runStart > 0 && leaves(runStart - 1))
                            if length >= long || (cut && length >= cutLong),
                                Double(crowded) <= 0.3 * length,
                                length >= 0.8 * Double(along)
                                    || bow(runStart..<t, { tt in start + offset[tt] }, ownInkAt) <= straightBow
                            {
                                for tt in runStart..<t {
                                    let cc = start + offset[tt]
                                    for k in (cc - 2)...(cc + 2) where k >= 0 && k < across { rule[at(tt, k)] = true }
                                    // The rule's own edge beyond the path (a thick rule's blurred side, caught by
                                    // the pale level): the ink that goes on unbroken from it, a few pixels at most.
                                    var k = cc + 3
                                    while k < min(across, cc + 3 + fringe) && inkAt(tt, k) {
                                        rule[at(tt, k)] = true
                                        k += 1
                                    }
                                    k = cc - 3
                                    while k >= max(0, cc - 3 - fringe) && inkAt(tt, k) {
                                        rule[at(tt, k)] = true
                                        k -= 1
                                    }
                                }
                            }
                            runStart = -1
                        }
                    }
                }
            }
        }
        removeLines(along: w, across: h, long: longH, alongStride: 1, acrossStride: w, slants: slants(about: tilt))
        removeLines(along: h, across: w, long: longV, alongStride: w, acrossStride: 1, slants: slants(about: -tilt))
        // The ink left once rules and stamps' rings are set aside.
        func kept(_ i: Int) -> Bool { ownInk[i] && !rule[i] }
        // Bridge small breaks of thin strokes.
        let grow = max(1, Int(lh / 10))
        var marks = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w where kept(y * w + x) {
                for yy in max(0, y - grow)...min(h - 1, y + grow) {
                    for xx in max(0, x - grow)...min(w - 1, x + grow) { marks[yy * w + xx] = true }
                }
            }
        }
        // A stroke written across a removed rule is one stroke again (``bridgeRuleCrossings``).
        // A rule's band is its five pixels and fringe, or wider where paths at neighbouring slants took its blurred
        // edges (a scan's rule measured up to 10 pixels at 150 dpi): a line height at most, which no rule along the
        // crossing direction (four line heights at least) is as short as.
        // (Stamps' rings are not strokes: they stay apart.)
        bridgeRuleCrossings(
            ink: ownInk, rule: rule, marks: &marks,
            width: w, height: h, grow: grow, band: max(7 + 2 * fringe, Int(lh)),
            tall: Int((1.3 * lh).rounded(.up)) + 2 * grow)
        // Connected marks.
        struct Component {
            var x0: Int, y0: Int, x1: Int, y1: Int, count: Int, centre: Int, ring: Int, across: Double,
                rawAcross: Double, thickness: Double, longestStroke: Int
            /// Its unbridged pieces at least ``pieceHeight`` line heights tall: letter-sized ones (``letterPiece``)
            /// and larger ones.
            var letterPieces = 0
            var largePieces = 0
            /// The same pieces, to tell a row of type (``TypeRow``).
            var row = TypeRow()
        }
        var label = [Int](repeating: -1, count: w * h)
        var components: [Component] = []
        var stack: [Int] = []
        // Buffers reused from one mark to the next (no allocation per mark).
        var pixels: [Int] = []
        var distances: [Double] = []
        var rawAcross: [Double] = []
        var rawAlong: [Double] = []
        for start in 0..<(w * h) where marks[start] && label[start] < 0 {
            var c = Component(
                x0: w, y0: h, x1: 0, y1: 0, count: 0, centre: 0, ring: 0, across: 0, rawAcross: 0, thickness: 0,
                longestStroke: 0)
            var sx = 0.0
            var sy = 0.0
            var sxx = 0.0
            var syy = 0.0
            var sxy = 0.0
            pixels.removeAll(keepingCapacity: true)
            label[start] = components.count
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % w
                let y = i / w
                pixels.append(i)
                let fx = Double(x)
                let fy = Double(y)
                sx += fx
                sy += fy
                sxx += fx * fx
                syy += fy * fy
                sxy += fx * fy
                c.x0 = min(c.x0, x)
                c.x1 = max(c.x1, x + 1)
                c.y0 = min(c.y0, y)
                c.y1 = max(c.y1, y + 1)
                c.count += 1
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx
                        let ny = y + dy
                        guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                        let j = ny * w + nx
                        if marks[j] && label[j] < 0 {
                            label[j] = components.count
                            stack.append(j)
                        }
                    }
                }
            }
            // Pixels in the central box (middle 40 % each way): a stamp's ring leaves it empty.
            let cw = c.x1 - c.x0
            let ch = c.y1 - c.y0
            let cx0 = c.x0 + cw * 3 / 10
            let cx1 = c.x1 - cw * 3 / 10
            let cy0 = c.y0 + ch * 3 / 10
            let cy1 = c.y1 - ch * 3 / 10
            c.centre = pixels.reduce(0) { n, i in
                let x = i % w
                let y = i / w
                return n + (x >= cx0 && x < cx1 && y >= cy0 && y < cy1 ? 1 : 0)
            }
            // Pixels on the ellipse inscribed in the box (a round stamp's ring, even with its lettering joined to it).
            let ex = Double(c.x0 + c.x1) / 2
            let ey = Double(c.y0 + c.y1) / 2
            let ax = max(1, Double(cw) / 2)
            let ay = max(1, Double(ch) / 2)
            c.ring = pixels.reduce(0) { n, i in
                let dx = (Double(i % w) + 0.5 - ex) / ax
                let dy = (Double(i / w) + 0.5 - ey) / ay
                let r2 = dx * dx + dy * dy
                return n + (r2 >= 0.72 * 0.72 && r2 <= 1.05 * 1.05 ? 1 : 0)
            }
            // Extent across the main direction: the band (2nd to 98th percentile of the pixels' distances to the
            // main axis) that holds the mark. A straight line at any slant spans its thickness; a curve, even a long
            // flat wavy one, its waves. (A standard deviation would not do: a long flat wave spends most of its
            // length near its middle and measured like a thick rule.)
            let n = Double(c.count)
            let mx = sx / n
            let my = sy / n
            let vx = sxx / n - mx * mx
            let vy = syy / n - my * my
            let cxy = sxy / n - mx * my
            let angle = 0.5 * Foundation.atan2(2 * cxy, vx - vy)
            let ux = -Foundation.sin(angle)
            let uy = Foundation.cos(angle)
            distances.removeAll(keepingCapacity: true)
            for i in pixels { distances.append(Double(i % w) * ux + Double(i / w) * uy) }
            c.across = band(&distances)
            // The same on the ink itself (before bridging), against the ink's thickness (ink per unit of length):
            // a rule's band is its thickness, a wave's band its height.
            rawAcross.removeAll(keepingCapacity: true)
            rawAlong.removeAll(keepingCapacity: true)
            for i in pixels where kept(i) {
                let x = Double(i % w)
                let y = Double(i / w)
                rawAcross.append(x * ux + y * uy)
                rawAlong.append(x * uy - y * ux)
            }
            let rawCount = Double(rawAcross.count)
            c.rawAcross = band(&rawAcross)
            c.thickness = rawCount / max(1, band(&rawAlong))
            components.append(c)
        }
        // The pen strokes themselves, before the small breaks were bridged: a long unbroken curve is a hand's
        // stroke, not a typed word (its letters stand apart).
        var strokeSeen = [Bool](repeating: false, count: w * h)
        for start in 0..<(w * h) where kept(start) && !strokeSeen[start] {
            var x0 = w
            var x1 = 0
            var y0 = h
            var y1 = 0
            var count = 0
            strokeSeen[start] = true
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % w
                let y = i / w
                x0 = min(x0, x)
                x1 = max(x1, x + 1)
                y0 = min(y0, y)
                y1 = max(y1, y + 1)
                count += 1
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx
                        let ny = y + dy
                        guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                        let j = ny * w + nx
                        if kept(j) && !strokeSeen[j] {
                            strokeSeen[j] = true
                            stack.append(j)
                        }
                    }
                }
            }
            let k = label[start]
            // A thin curve: it fills little of its box (a blurred word or a blot fills much of it).
            let thin = Double(count) <= Self.thinFill * Double((x1 - x0) * (y1 - y0))
            if k >= 0, k < components.count, Double(y1 - y0) >= Self.pieceHeight * lh {
                // Letters run together (a scan's or a photo's blur joins « pp », « ouv ») make a piece wider than a
                // letter but no taller, and as dense as print: letters still, not a pen's stroke.
                if Double(y1 - y0) <= Self.letterPiece.height * lh
                    && (Double(x1 - x0) <= Self.letterPiece.width * lh || !thin)
                {
                    components[k].letterPieces += 1
                } else {
                    components[k].largePieces += 1
                }
                components[k].row.add(TypeRow.Piece(x0: x0, y0: y0, x1: x1, y1: y1, dense: !thin))
            }
            guard k >= 0, k < components.count, thin, y1 - y0 >= Int(0.6 * lh)
            else { continue }
            components[k].longestStroke = max(components[k].longestStroke, x1 - x0)
        }
        // Widest band across its length a straight rule may fill: its thickness, the bridging, a pixel of slant.
        let straight = 0.25 * lh + Double(2 * grow) + 1
        var stamps: [Component] = []
        for c in components {
            let cw = Double(c.x1 - c.x0)
            let ch = Double(c.y1 - c.y0)
            // Hollow (nothing in the middle), or a ring holding most of the mark with a little lettering inside.
            let hollow = Double(c.centre) < 0.06 * Double(c.count)
            let ringed = Double(c.ring) >= 0.65 * Double(c.count) && Double(c.centre) < 0.2 * Double(c.count)
            if cw >= 2 * lh, ch >= 2 * lh, max(cw, ch) / min(cw, ch) <= 1.7, hollow || ringed {
                stamps.append(c)
            }
        }
        var spans: [(Int, Int)] = []
        var flat: [(Int, Int)] = []
        var printedRows: [(Int, Int)] = []
        // Handwriting clearly taller than print (initials are told by it, ``initialsWidth``).
        var tall: [Component] = []
        // The marks each ring holds whole, and those that together make a row of type: the stamp's number, however
        // large and however its glyphs were joined into marks (``TypeRow``).
        var stampType = Set<Int>()
        for ring in rings {
            let held = components.indices.filter { k in
                let c = components[k]
                return [(c.x0, c.y0), (c.x1, c.y0), (c.x0, c.y1), (c.x1, c.y1)].allSatisfy {
                    ring.covers(Double($0.0), Double($0.1))
                }
            }
            var row = TypeRow()
            for k in held { row.pieces += components[k].row.pieces }
            if row.isType { stampType.formUnion(held) }
        }
        for (index, c) in components.enumerated() {
            let cw = Double(c.x1 - c.x0)
            let ch = Double(c.y1 - c.y0)
            if max(cw, ch) < 0.8 * lh { continue }  // specks, dots
            // straight rules, even slanted
            if max(cw, ch) >= 1.5 * lh && c.across <= straight && c.rawAcross <= 1.6 * c.thickness + 1.5 { continue }
            let mx = (c.x0 + c.x1) / 2
            let my = (c.y0 + c.y1) / 2
            // What lies in a stamp is its lettering, unless it runs out of the stamp by a line height or more: a pen's
            // stroke written over the stamp and leaving it (a stamp's lettering stays within its ring). On
            // scripts/make-quitus-other.py seed 8 (`tampon-sur-signature`, pdf) a signature's loop leaving the stamp
            // by 1.5 line heights was set aside with the stamp: a signed place read empty.
            let reach = Int(lh.rounded(.up))
            if stamps.contains(where: { s in
                mx >= s.x0 && mx < s.x1 && my >= s.y0 && my < s.y1
                    && c.x0 > s.x0 - reach && c.x1 < s.x1 + reach && c.y0 > s.y0 - reach && c.y1 < s.y1 + reach
            }) {
                continue
            }
            // A mark up to print's tallest made only of letter-sized pieces side by side is a printed word OCR did not
            // read (``isPrintedRow``): a capital's top to a descender's foot measures more than 1.3 line heights.
            let printedRow =
                ch >= 1.3 * lh
                && Self.isPrintedRow(
                    height: ch - Double(2 * grow), letterPieces: c.letterPieces, largePieces: c.largePieces,
                    lineHeight: lh)
            // A stamp's own print inside its ring (its number): no taller than print, or a row of type (a stamp's
            // number is set larger than the page's text). Other marks there are a pen's (a signature the stamp was
            // pressed on).
            if stampType.contains(index) { continue }
            if ch < 1.3 * lh || printedRow,
                rings.contains(where: { ring in
                    [(c.x0, c.y0), (c.x1, c.y0), (c.x0, c.y1), (c.x1, c.y1)].allSatisfy {
                        ring.covers(Double($0.0), Double($0.1))
                    }
                })
            {
                continue
            }
            // Marks no taller than printed text may be unread typed text or stamp lettering, or a flat signature.
            // A long unbroken thin curve (three printed-line heights at least) is a flat signature: it counts.
            // Otherwise they never make a place signed, but they keep it from being called empty.
            // (Pieces cut by the place's edge are corners of box rules, not handwriting.)
            if printedRow { printedRows.append((c.x0, c.x1)) }
            if ch < 1.3 * lh || printedRow {
                if Double(c.longestStroke) >= 3 * lh {
                    spans.append((c.x0, c.x1))
                    continue
                }
                let edge = c.x0 == 0 || c.y0 == 0 || c.x1 == w || c.y1 == h
                if (ch >= 0.9 * lh && !edge) || cw >= 3 * lh { flat.append((c.x0, c.x1)) }
                continue
            }
            spans.append((c.x0, c.x1))
            if ch >= initialsHeight * lh { tall.append(c) }
        }
        let measure = covered(spans, width: w)
        let doubtful = covered(flat, width: w)
        // One mark of handwriting height as wide as initials keeps a wide place from being called empty, however
        // small its share: initials written no taller than print (1.38 line heights, 2.4 wide, 0.049 of a wide place
        // on scripts/make-quitus-other.py seed 8 `paraphes`) read empty. Unsigned places of make-quitus.py seeds
        // 5–7 measure 0.014 at most (under one line height).
        // (A printed row as wide keeps it from empty too: letters written by hand, one by one, may look like one.)
        let widest = (spans + printedRows).map { Double($0.1 - $0.0) }.max() ?? 0
        let initials = initialsWidth(tall.map { ($0.x0, $0.y0, $0.x1, $0.y1) }, lineHeight: lh)
        let verdict: SignatureVerdict =
            measure >= signedAbove || initials >= initialsAbove * lh
            ? .signed
            : (measure <= emptyBelow && doubtful <= emptyBelow && widest < initialsAbove * lh ? .empty : .unreadable)
        return Measure(verdict: verdict, measure: (measure * 1000).rounded() / 1000)
    }

    /// Initials: two or three capitals written by hand, too narrow a share of a wide place to pass ``signedAbove``
    /// (0.065–0.13 of the place on scripts/make-quitus-other.py's `paraphes` pages), yet plainly handwriting: marks
    /// taller than any print (``initialsHeight``) standing side by side on one line. The widest such group, in
    /// pixels: marks follow one another when the gap between them is at most 1.5 line heights (letters' gaps measured
    /// up to 1.02 on those pages; the generator's « J » after a letter leaves up to about 1.4) and they share most of
    /// their height.
    static func initialsWidth(_ marks: [(x0: Int, y0: Int, x1: Int, y1: Int)], lineHeight lh: Double) -> Double {
        var widest = 0
        var group: (x0: Int, y0: Int, x1: Int, y1: Int)?
        for m in marks.sorted(by: { $0.x0 < $1.x0 }) {
            if let g = group, Double(m.x0 - g.x1) <= 1.5 * lh,
                2 * (min(g.y1, m.y1) - max(g.y0, m.y0)) >= min(g.y1 - g.y0, m.y1 - m.y0)
            {
                group = (g.x0, min(g.y0, m.y0), max(g.x1, m.x1), max(g.y1, m.y1))
            } else {
                group = m
            }
            if let g = group { widest = max(widest, g.x1 - g.x0) }
        }
        return Double(widest)
    }

    /// Whether a mark whose ink is `height` pixels tall (its bridging taken off), made of `letterPieces` letter-sized
    /// unbridged pieces and `largePieces` larger ones, is a row of print: no taller than print's tallest boxes
    /// (``SignatureInspector/printedHeights``), nothing larger than a letter in it (letters run together, as dense as
    /// print and no taller than a letter, count as letters: typed « Lu et approuvé » on a 150 dpi scan of
    /// scripts/make-quitus-other.py seed 34, `noms-tapes`, whose « ap » and « pp » pieces measured 1.75 to 2 line
    /// heights wide, made an empty place read signed), and at least three letters. A
    /// printed « Signature » label that the OCR did not read (a stamp over it) measured 1.35 line heights with its
    /// bridging, eight pieces of 0.3–1.0 by 0.6–0.95 line heights (scripts/make-quitus-other.py seed 24, `tampon-seul`
    /// scan 3): taken for handwriting, it made the empty place read signed and the quitus pass. A pen's signature is
    /// a few long strokes, each wider than a letter. (The bounds come from print's geometry, not from that page.)
    static func isPrintedRow(height: Double, letterPieces: Int, largePieces: Int, lineHeight lh: Double) -> Bool {
        height < SignatureInspector.printedHeights.upperBound * lh && largePieces == 0 && letterPieces >= 3
    }

    /// A stroke fills at most this share of its box: a thin curve (a blurred word or a blot fills more of it).
    static let thinFill = 0.45

    /// Unbridged pieces lower than this many line heights are dots, accents and bits of broken strokes: not counted.
    static let pieceHeight = 0.4
    /// A letter's piece (one or two printed letters run together) in line heights: print's letters measure up to
    /// about one line height, a capital or a descender included, a label's larger font's up to the bar under which a
    /// mark is never taken for handwriting (1.3).
    static let letterPiece = (width: 1.5, height: 1.3)

    /// Marks at least this many printed-line heights tall are handwriting, never print: print's boxes measure up to
    /// 1.56 (``SignatureInspector/printedHeights``); initials on the `paraphes` pages of scripts/make-quitus-other.py
    /// seeds 2, 3, 4 and 6 (pdf, fax, rot90) 1.82–2.81.
    static let initialsHeight = 1.7
    /// A group of such marks at least this many line heights wide is initials: 2.27–5.0 on those pages.
    static let initialsAbove = 2.0

    /// How far a run of ink followed along a straight path bends: the ink's centre across the path (within the
    /// path's five pixels) at each step, a straight line fitted through those centres by least squares, and the
    /// largest mean distance from that line over the run's four quarters, in pixels. A printed rule is straight on
    /// a scan and on a photo (a perspective keeps lines straight): its quarters sit on the line; a pen's long return
    /// stroke or underline is a curve: its quarters bow away from it.
    static func bow(_ run: Range<Int>, _ path: (Int) -> Int, _ inkAt: (Int, Int) -> Bool) -> Double {
        var ts: [Double] = []
        var cs: [Double] = []
        var widths: [Int] = []
        for t in run {
            let c = path(t)
            // The ink nearest the path, then the whole unbroken stretch of ink across it (up to six pixels out).
            guard let k = [0, -1, 1, -2, 2].first(where: { inkAt(t, c + $0) }) else { continue }
            var lo = c + k
            var hi = c + k
            while lo > c - 6 && inkAt(t, lo - 1) { lo -= 1 }
            while hi < c + 6 && inkAt(t, hi + 1) { hi += 1 }
            ts.append(Double(t))
            cs.append(Double(lo + hi) / 2)
            widths.append(hi - lo + 1)
        }
        // Steps where another stroke crosses (an unbroken stretch wider than usual) say nothing of the path's shape.
        guard widths.count >= 8 else { return 0 }
        let usual = widths.sorted()[widths.count / 2]
        var keep = 0
        for i in ts.indices where widths[i] <= usual + 2 {
            ts[keep] = ts[i]
            cs[keep] = cs[i]
            keep += 1
        }
        ts.removeLast(ts.count - keep)
        cs.removeLast(cs.count - keep)
        guard ts.count >= 8 else { return 0 }
        let n = Double(ts.count)
        let mt = ts.reduce(0, +) / n
        let mc = cs.reduce(0, +) / n
        var stt = 0.0
        var stc = 0.0
        for (t, c) in zip(ts, cs) {
            stt += (t - mt) * (t - mt)
            stc += (t - mt) * (c - mc)
        }
        let slope = stt > 0 ? stc / stt : 0
        var worst = 0.0
        let quarter = ts.count / 4
        for q in 0..<4 {
            let range = (q * quarter)..<(q == 3 ? ts.count : (q + 1) * quarter)
            let mean = range.reduce(0.0) { $0 + (cs[$1] - mc - slope * (ts[$1] - mt)) } / Double(range.count)
            worst = max(worst, abs(mean))
        }
        return worst
    }

    /// Each pixel's 3×3 mean (fewer pixels at the edges), from the region's integral image.
    static func smoothed(_ integral: [Int], width w: Int, height h: Int) -> [Double] {
        var out = [Double](repeating: 0, count: w * h)
        for y in 0..<h {
            let ya = max(0, y - 1)
            let yb = min(h, y + 2)
            for x in 0..<w {
                let xa = max(0, x - 1)
                let xb = min(w, x + 2)
                let sum = boxSum(integral, stride: w + 1, xa..<xb, ya..<yb)
                out[y * w + x] = Double(sum) / Double((yb - ya) * (xb - xa))
            }
        }
        return out
    }

    /// The sum over columns `xs` and rows `ys` from an integral image (`stride` = width + 1).
    /// For each pixel of a `width` × `height` place, the sum of the values whose integral image is `integral` over
    /// the window `radius` pixels around it (clipped to the place), and that window's pixel count.
    static func windowSums(_ integral: [Int], width w: Int, height h: Int, radius: Int) -> (sums: [Int], areas: [Int]) {
        var sums = [Int](repeating: 0, count: w * h)
        var areas = [Int](repeating: 0, count: w * h)
        for y in 0..<h {
            let ya = max(0, y - radius)
            let yb = min(h, y + radius + 1)
            for x in 0..<w {
                let xa = max(0, x - radius)
                let xb = min(w, x + radius + 1)
                sums[y * w + x] = boxSum(integral, stride: w + 1, xa..<xb, ya..<yb)
                areas[y * w + x] = (yb - ya) * (xb - xa)
            }
        }
        return (sums, areas)
    }

    @inline(__always) static func boxSum(_ integral: [Int], stride: Int, _ xs: Range<Int>, _ ys: Range<Int>) -> Int {
        integral[ys.upperBound * stride + xs.upperBound] - integral[ys.lowerBound * stride + xs.upperBound]
            - integral[ys.upperBound * stride + xs.lowerBound] + integral[ys.lowerBound * stride + xs.lowerBound]
    }

    /// The width of the band (2nd to 98th percentile) the values fill; sorts them.
    static func band(_ values: inout [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        values.sort()
        let cut = values.count / 50
        return max(0, values[max(0, values.count - 1 - cut)] - values[min(values.count - 1, cut)])
    }

    /// Share of the width covered by the spans (overlapping spans counted once).
    static func covered(_ spans: [(Int, Int)], width: Int) -> Double {
        var covered = 0
        var end = 0
        for (a, b) in spans.sorted(by: { $0.0 < $1.0 }) {
            let a2 = max(a, end)
            if b > a2 { covered += b - a2 }
            end = max(end, b)
        }
        return width > 0 ? Double(covered) / Double(width) : 0
    }
}

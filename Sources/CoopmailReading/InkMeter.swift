import CoopmailDomain

/// Measures the handwritten ink in one signature place of a page raster, once the printed words (their boxes),
/// the long straight lines (box rules, underlines, dotted lines) and stamps (compact hollow shapes and what lies
/// inside them) are set aside.
///
/// The measure is the share of the place's width spanned by the remaining marks that are tall enough to be
/// handwriting (at least 1.3 printed-line heights) and not straight: 0 for an empty place, typed text or a stamp;
/// about 0.3–0.9 for a signature. The thresholds are set from the distributions over every generated case
/// (`SignatureTests` prints them): empty places measure below ``emptyBelow``, signed ones above ``signedAbove``;
/// in between, or on a place too dark to tell, the verdict is `unreadable`.
public enum InkMeter {
    public static let emptyBelow = 0.06
    public static let signedAbove = 0.15
    /// A place whose pixels are more than this share dark (a shadow, a blot) cannot be told.
    static let tooDark = 0.35

    public struct Measure: Sendable {
        public var verdict: SignatureVerdict
        public var measure: Double
    }

    public static func measure(_ image: GrayImage, region r: PlaceRegion, printed: [WordBox], lineHeight lh: Double) -> Measure {
        let w = r.width, h = r.height
        guard w >= 4, h >= 4, lh > 0, r.x1 <= image.width, r.y1 <= image.height, r.x0 >= 0, r.y0 >= 0 else {
            return Measure(verdict: .unreadable, measure: 0)
        }
        // Dark pixels, relative to the local mean (uneven light of photos): integral image of the region.
        var integral = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var row = 0
            for x in 0..<w {
                row += Int(image.at(r.x0 + x, r.y0 + y))
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row
            }
        }
        let radius = max(4, Int(lh))
        var ink = [Bool](repeating: false, count: w * h)
        var darkCount = 0
        for y in 0..<h {
            let ya = max(0, y - radius), yb = min(h, y + radius + 1)
            for x in 0..<w {
                let xa = max(0, x - radius), xb = min(w, x + radius + 1)
                let sum = integral[yb * (w + 1) + xb] - integral[ya * (w + 1) + xb] - integral[yb * (w + 1) + xa] + integral[ya * (w + 1) + xa]
                let mean = Double(sum) / Double((yb - ya) * (xb - xa))
                let p = Double(image.at(r.x0 + x, r.y0 + y))
                if p < mean * 0.72 && p < 200 { ink[y * w + x] = true; darkCount += 1 }
            }
        }
        if Double(darkCount) / Double(w * h) > tooDark { return Measure(verdict: .unreadable, measure: 0) }
        // Printed words.
        let pad = 0.15 * lh
        for word in printed {
            let xa = max(0, Int(word.x0 - pad) - r.x0), xb = min(w, Int(word.x1 + pad) + 1 - r.x0)
            let ya = max(0, Int(word.y0 - pad) - r.y0), yb = min(h, Int(word.y1 + pad) + 1 - r.y0)
            guard xa < xb, ya < yb else { continue }
            for y in ya..<yb { for x in xa..<xb { ink[y * w + x] = false } }
        }
        // Long straight lines (box rules, underlines), followed along slants of up to ±6 % (a page photographed at an
        // angle), two pixels either side.
        let longH = max(4 * lh, 0.5 * Double(w)), longV = max(4 * lh, 0.5 * Double(h))
        var rule = [Bool](repeating: false, count: w * h)
        let slantStep = min(0.02, 3.0 / Double(max(w, h)))
        let slants = stride(from: -0.06, through: 0.0601, by: slantStep).map { $0 }
        func removeLines(along: Int, across: Int, long: Double, at: (Int, Int) -> Int) {
            // Ink per line across the run direction: a start whose rows hold too little ink cannot hold a rule.
            var perLine = [Int](repeating: 0, count: across + 1)
            for c in 0..<across { var n = 0; for t in 0..<along where ink[at(t, c)] { n += 1 }; perLine[c + 1] = perLine[c] + n }
            func inkAt(_ t: Int, _ c: Int) -> Bool { c >= 0 && c < across && ink[at(t, c)] }
            for slant in slants {
                let shift = Int((abs(slant) * Double(along)).rounded(.up))
                for start in (-shift)..<(across + shift) {
                    let lo = max(0, min(start, start + Int((slant * Double(along)).rounded())) - 2)
                    let hi = min(across, max(start, start + Int((slant * Double(along)).rounded())) + 3)
                    guard lo < hi, Double(perLine[hi] - perLine[lo]) >= long else { continue }
                    var runStart = -1, crowded = 0
                    for t in 0...along {
                        var on = false
                        let c = start + Int((slant * Double(t)).rounded())
                        if t < along { for cc in (c - 2)...(c + 2) where inkAt(t, cc) { on = true; break } }
                        if on {
                            if runStart < 0 { runStart = t; crowded = 0 }
                            // A rule has paper on both sides; a thick stroke or a dense scribble does not.
                            if inkAt(t, c - 5) || inkAt(t, c + 5) { crowded += 1 }
                        } else if runStart >= 0 {
                            if Double(t - runStart) >= long && Double(crowded) <= 0.3 * Double(t - runStart) {
                                for tt in runStart..<t {
                                    let cc = start + Int((slant * Double(tt)).rounded())
                                    for k in (cc - 2)...(cc + 2) where k >= 0 && k < across { rule[at(tt, k)] = true }
                                }
                            }
                            runStart = -1
                        }
                    }
                }
            }
        }
        removeLines(along: w, across: h, long: longH) { x, y in y * w + x }
        removeLines(along: h, across: w, long: longV) { y, x in y * w + x }
        // Bridge small breaks of thin strokes.
        let grow = max(1, Int(lh / 10))
        var marks = [Bool](repeating: false, count: w * h)
        for y in 0..<h {
            for x in 0..<w where ink[y * w + x] && !rule[y * w + x] {
                for yy in max(0, y - grow)...min(h - 1, y + grow) { for xx in max(0, x - grow)...min(w - 1, x + grow) { marks[yy * w + xx] = true } }
            }
        }
        // Connected marks.
        struct Component { var x0: Int, y0: Int, x1: Int, y1: Int, count: Int, centre: Int, minorSpread: Double }
        var seen = [Bool](repeating: false, count: w * h)
        var components: [Component] = []
        var stack: [Int] = []
        for start in 0..<(w * h) where marks[start] && !seen[start] {
            var c = Component(x0: w, y0: h, x1: 0, y1: 0, count: 0, centre: 0, minorSpread: 0)
            var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
            var pixels: [Int] = []
            seen[start] = true
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % w, y = i / w
                pixels.append(i)
                let fx = Double(x), fy = Double(y)
                sx += fx; sy += fy; sxx += fx * fx; syy += fy * fy; sxy += fx * fy
                c.x0 = min(c.x0, x); c.x1 = max(c.x1, x + 1); c.y0 = min(c.y0, y); c.y1 = max(c.y1, y + 1); c.count += 1
                for dy in -1...1 { for dx in -1...1 {
                    let nx = x + dx, ny = y + dy
                    guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                    let j = ny * w + nx
                    if marks[j] && !seen[j] { seen[j] = true; stack.append(j) }
                } }
            }
            // Pixels in the central box (middle 40 % each way): a stamp's ring leaves it empty.
            let cw = c.x1 - c.x0, ch = c.y1 - c.y0
            let cx0 = c.x0 + cw * 3 / 10, cx1 = c.x1 - cw * 3 / 10, cy0 = c.y0 + ch * 3 / 10, cy1 = c.y1 - ch * 3 / 10
            c.centre = pixels.reduce(0) { n, i in
                let x = i % w, y = i / w
                return n + (x >= cx0 && x < cx1 && y >= cy0 && y < cy1 ? 1 : 0)
            }
            // Spread across the main direction (standard deviation along the minor axis): a straight line at any
            // slant has about its thickness, a signature its loops' height.
            let n = Double(c.count)
            let vx = sxx / n - (sx / n) * (sx / n), vy = syy / n - (sy / n) * (sy / n), cxy = sxy / n - (sx / n) * (sy / n)
            let minor = (vx + vy) / 2 - (((vx - vy) / 2) * ((vx - vy) / 2) + cxy * cxy).squareRoot()
            c.minorSpread = max(0, minor).squareRoot()
            components.append(c)
        }
        let thin = 0.5 * lh + Double(2 * grow)
        var stamps: [Component] = []
        for c in components {
            let cw = Double(c.x1 - c.x0), ch = Double(c.y1 - c.y0)
            if cw >= 2 * lh, ch >= 2 * lh, max(cw, ch) / min(cw, ch) <= 1.7, Double(c.centre) < 0.06 * Double(c.count) {
                stamps.append(c)
            }
        }
        var spans: [(Int, Int)] = [], flat: [(Int, Int)] = []
        for c in components {
            let cw = Double(c.x1 - c.x0), ch = Double(c.y1 - c.y0)
            if max(cw, ch) < 0.8 * lh { continue }                       // specks, dots
            if max(cw, ch) >= 1.5 * lh && (min(cw, ch) <= thin || c.minorSpread <= 0.12 * lh + Double(grow)) { continue } // straight rules, even slanted
            let mx = (c.x0 + c.x1) / 2, my = (c.y0 + c.y1) / 2
            if stamps.contains(where: { s in mx >= s.x0 && mx < s.x1 && my >= s.y0 && my < s.y1 }) { continue }
            // Marks no taller than printed text may be unread typed text or stamp lettering, or a flat signature:
            // they never make a place signed, but they keep it from being called empty.
            // (Pieces cut by the place's edge are corners of box rules, not handwriting.)
            if ch < 1.3 * lh {
                let edge = c.x0 == 0 || c.y0 == 0 || c.x1 == w || c.y1 == h
                // A long curve that is not a straight rule (those were set aside above) is no typed word either (words
                // are masked): a flat, wavy signature. It never makes a place signed, but the place is not empty.
                if (ch >= 0.9 * lh && !edge) || cw >= 3 * lh { flat.append((c.x0, c.x1)) }
                continue
            }
            spans.append((c.x0, c.x1))
        }
        let measure = covered(spans, width: w)
        let doubtful = covered(flat, width: w)
        let verdict: SignatureVerdict = measure >= signedAbove ? .signed
            : (measure <= emptyBelow && doubtful <= emptyBelow ? .empty : .unreadable)
        return Measure(verdict: verdict, measure: (measure * 1000).rounded() / 1000)
    }

    /// Share of the width covered by the spans (overlapping spans counted once).
    static func covered(_ spans: [(Int, Int)], width: Int) -> Double {
        var covered = 0, end = 0
        for (a, b) in spans.sorted(by: { $0.0 < $1.0 }) {
            let a2 = max(a, end)
            if b > a2 { covered += b - a2 }
            end = max(end, b)
        }
        return width > 0 ? Double(covered) / Double(width) : 0
    }
}

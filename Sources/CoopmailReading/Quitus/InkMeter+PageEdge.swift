extension InkMeter {
    // MARK: Beyond the page's edge

    /// Pixels darker than this share of the paper's level lie beyond the page (the table or floor a phone photo shows
    /// around the sheet: 0.445 of the paper on the seed-4 corpus photo of 075-0950, measured on that one photo), when
    /// they run from the place's side in a band: a shadow on the paper keeps more of its light.
    static let offPageRatio = 0.7
    /// The sheet's edge is a step: the dark run's last pixels (``offPageStepGap`` of them) are at most this share of
    /// as many pixels from as far past its end (its blurred border skipped). A shadow falling across the paper is a slope that
    /// darkens a few levels over as many pixels: on a phone photo of scripts/make-quitus-other.py seed 42
    /// (`tampon-seul`) whose place's paper measured 255 (the white clipped), the shadow over its right third passed
    /// under 0.7 of it. The edge drawn through that shadow was a slant across the place; the paper painted beyond it
    /// left a long slanting step that read as a pen's stroke, and the empty parent's place read signed.
    static let offPageStep = 0.85
    static let offPageStepGap = 4

    /// Depth in pixels from the place's side that makes an off-page band (a box rule at the side is one to four).
    static let offPageBand = 6
    /// Pixels also set aside on the paper side of the sheet's edge: its blurred border (a pale line along the edge would
    /// pass for a long flat stroke).
    static let offPageMargin = 8

    /// The place's pixels with what lies beyond the sheet's edge painted as paper, nil when no side of the place is
    /// beyond it. A phone photo may cut through a signature place: the dark table beyond the sheet and a stroke running
    /// to the edge were one mark, set aside with the band as a box rule (a signed place read empty), and a sheet edge
    /// leaning across an empty place's top or bottom was measured as a long flat stroke (an empty place read signed).
    ///
    /// From each side, the depth of dark pixels is read on every line across it; the edge is the straight line through
    /// the median depth of each half of the side (a photo's edge leans; a stroke crossing a few lines does not move a
    /// median). A side is beyond the page when that edge lies at least ``offPageBand`` pixels deep at one end.
    static func offPageMasked(_ image: GrayImage, region r: PlaceRegion) -> GrayImage? {
        let w = r.width
        let h = r.height
        guard w >= 4 * offPageBand, h >= 4 * offPageBand, r.x0 >= 0, r.y0 >= 0, r.x1 <= image.width,
            r.y1 <= image.height
        else { return nil }
        var pixels = [UInt8](repeating: 255, count: w * h)
        var levels = [Int](repeating: 0, count: 256)
        for y in 0..<h {
            let from = (r.y0 + y) * image.width + r.x0
            guard from >= 0, from + w <= image.pixels.count else { return nil }
            for x in 0..<w {
                let p = image.pixels[from + x]
                pixels[y * w + x] = p
                levels[Int(p)] += 1
            }
        }
        // The paper: the place's median level (paper is most of a place).
        let paper = histogramMedian(levels, count: w * h)
        let dark = UInt8(max(0, min(255, Int(offPageRatio * Double(paper)))))
        // Each side: `lines` lines across it, each `depth` pixels deep at most; `at(line, depth)` the pixel's index.
        let sides: [(lines: Int, depth: Int, at: (Int, Int) -> Int)] = [
            (h, w, { y, d in y * w + d }), (h, w, { y, d in y * w + (w - 1 - d) }),
            (w, h, { x, d in d * w + x }), (w, h, { x, d in (h - 1 - d) * w + x }),
        ]
        // Every side's edge is found on the place as it is, then painted.
        var cuts: [[Int]] = []
        for side in sides {
            // A line's dark run counts only where it ends in the sheet's edge: a step up to the paper's level, not
            // a shadow's slow slope (``offPageStep``).
            func mean(_ line: Int, _ depths: Range<Int>) -> Double {
                depths.isEmpty
                    ? 0 : Double(depths.reduce(0) { $0 + Int(pixels[side.at(line, $1)]) }) / Double(depths.count)
            }
            let depths = (0..<side.lines).map { line -> Int in
                let run = (0..<(side.depth / 2)).prefix { pixels[side.at(line, $0)] < dark }.count
                // Its last pixels, and as many from as far past its end (its blurred border skipped).
                let outside = max(0, run - offPageStepGap)..<run
                let from = min(side.depth, run + offPageStepGap)
                let inside = from..<min(side.depth, from + offPageStepGap)
                guard run > 0, inside.count == offPageStepGap else { return 0 }
                return mean(line, outside) <= offPageStep * mean(line, inside) ? run : 0
            }
            let half = side.lines / 2
            let a = median(Array(depths[..<half]))
            let b = median(Array(depths[half...]))
            guard max(a, b) >= offPageBand else {
                cuts.append([])
                continue
            }
            // The straight edge through the halves' medians, at their middles; it must follow most lines (a band
            // along another side, which darkens only some of this side's lines, does not).
            let (ta, tb) = (Double(half) / 2, Double(half + side.lines) / 2)
            let edges = (0..<side.lines).map { line in
                Double(a) + (Double(b) - Double(a)) * (Double(line) - ta) / (tb - ta)
            }
            let slack = Double(offPageBand) + 0.05 * Double(side.depth)
            let followed = zip(depths, edges).filter { abs(Double($0) - $1) <= slack }.count
            guard 4 * followed >= 3 * side.lines else {
                cuts.append([])
                continue
            }
            cuts.append(edges.map { min(side.depth, max(0, Int($0.rounded()) + offPageMargin)) })
        }
        var masked = false
        for (side, cut) in zip(sides, cuts) where !cut.isEmpty {
            for (line, depth) in cut.enumerated() { for d in 0..<depth { pixels[side.at(line, d)] = UInt8(paper) } }
            masked = true
        }
        return masked ? GrayImage(width: w, height: h, pixels: pixels) : nil
    }

    static func median(_ values: [Int]) -> Int {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}

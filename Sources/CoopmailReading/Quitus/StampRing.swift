import Foundation

/// A round stamp pressed on or near a signature place: the centre and outer ring of its print, and the inner edge of
/// its band (a second, inner ring, or the lettering that runs just inside a single ring), in the raster's pixels.
///
/// A stamp alone is not a signature (issue #13). ``InkMeter`` sets compact hollow marks aside as stamps, but a ring
/// pressed on the signing line, cut by a printed word's mask, by the line's removal or by the place's own edge, came
/// apart into arcs, and arcs are tall curved strokes: the place read signed, and a quitus with an empty parent's place
/// passed (scripts/make-quitus-other.py seeds 10 and 11, « tampon-seul »). A ring is found instead from the whole
/// circle, looked for around the place on the page, with what masks or edges hide counted as unknown, not missing
/// (``find(in:around:printed:lineHeight:)``).
struct StampRing: Equatable, Sendable {
    var x: Double
    var y: Double
    var outer: Double
    var inner: Double
    /// The half-width of the band the rings' ink fills about their radius (stroke, print, a photo's slant).
    var tolerance: Double
    /// Where the ring's ink ends outward in each of ``sectors`` directions about the centre (empty: at `outer` all
    /// round). A stamp photographed at an angle is an ellipse: on a phone photo of
    /// scripts/make-quitus-other.py seed 23 (`tampon-seul`) its outer ring ran from 96 to 112 pixels from the centre
    /// fitted, `outer` (the radius most of its turn reaches) was 103, and the ring's ends left outside the band, two
    /// tall arcs, read as a signature in an empty place.
    var outerEdges: [Double] = []

    func distance(_ px: Double, _ py: Double) -> Double { ((px - x) * (px - x) + (py - y) * (py - y)).squareRoot() }

    /// The band's outer radius toward (`px`, `py`): the furthest of its sector's and the two neighbours' edges (a
    /// pixel near a sector's border).
    func outerEdge(_ px: Double, _ py: Double) -> Double {
        guard outerEdges.count == Self.sectors else { return outer }
        // Called for every pixel of a ring's box (InkMeter's ring mask): three indexed reads, no array.
        let s = Self.sector(px - x, py - y)
        let before = outerEdges[(s + Self.sectors - 1) % Self.sectors]
        let after = outerEdges[(s + 1) % Self.sectors]
        return max(before, outerEdges[s], after)
    }

    /// On the stamp's band: its rings and the lettering between them.
    func onBand(_ px: Double, _ py: Double) -> Bool {
        let d = distance(px, py)
        return d >= inner - tolerance && d <= outerEdge(px, py) + tolerance
    }

    /// Within the stamp's outer ring.
    func covers(_ px: Double, _ py: Double) -> Bool { distance(px, py) <= outerEdge(px, py) + tolerance }

    /// The same ring in a frame whose origin is at (`dx`, `dy`) of this one.
    func moved(by dx: Double, _ dy: Double) -> StampRing {
        StampRing(
            x: x - dx, y: y - dy, outer: outer, inner: inner, tolerance: tolerance, outerEdges: outerEdges)
    }

    /// How far past `outer` a sector's edge may lie, as a share of `outer`: an ellipse whose axes
    /// differ by a quarter (a stamp photographed some 40° off square) strays about 13 % from the radius most of its
    /// turn reaches. Beyond, ink joined to the ring is a pen's.
    static let ellipseReach = 0.15

    // MARK: Finding rings

    /// Radii of stamps, in printed-line heights: an OCCE stamp is 30–45 mm across, a printed line 3–4 mm high (about
    /// 4–6.5); smaller rings down to a letter-sized loop are left to ``InkMeter``'s own test of hollow marks.
    static let radii = 1.5...7.5
    /// The smallest outer radius of a ring measured on the page's pixels, in printed-line heights: the test pages'
    /// smallest stamps measure 2.06 (26 points against words 12.65 points high), OCCE's 4 or more. The centres tried
    /// by votes from all round (``find(in:around:printed:lineHeight:)``) found the round loop of a faxed signature, a
    /// ring of 1.61 (scripts/make-quitus-other.py seed 32, `tampon-seul` fax): the teacher's signed place read empty.
    /// (A larger loop closed by a box's corner, 1.87 on the mandataire's place of seed 34 `enseignant-vide` pdf, is
    /// still taken: that place reads « illisible ».)
    static let smallestRadius = 1.8
    /// The share of the ring's visible sectors that must hold ink at its radius: a printed ring is whole, a worn
    /// rubber stamp leaves gaps; a pen's loop is never round to within ``roundness`` of its radius over this much of
    /// its turn.
    static let coverage = 0.8
    /// How far the ring's ink may stray from its radius, as a share of it (a stamp photographed at an angle is an
    /// ellipse: a slant of 20° makes its axes differ by 6 %).
    static let roundness = 0.06
    /// Most of a ring's visible sectors with ink just outside it: beyond that it is a blot or a scribble, not a ring
    /// on paper.
    static let outsideAtMost = 0.35
    static let sectors = 72

    /// Rings of stamps whose print reaches into `r`. The page around the place (as far as the largest stamp's radius)
    /// is reduced by the darkest pixel of each block (a thin ring stays dark), its ink found against the local paper,
    /// the printed words masked. Each ink edge votes for the centres that lie along its gradient at every radius in
    /// ``radii``; at the strongest centres, by all votes and by votes from all round (``balanced(_:)``), or at a block
    /// beside them, a ring is a radius at which ink fills at least ``coverage`` of the sectors that can be seen
    /// (sectors under a masked word or beyond the searched area are not counted), with paper just outside it, and
    /// whose centre drew votes from at least half a turn of its edge (a box's sides about its middle can fill the
    /// sectors of a circle within ``roundness`` but vote for that centre only where they touch it: 0.6 times half a
    /// turn on the generated `frame` places, where printed rings draw 5.7 to 6.3 times it). Its band is then measured
    /// again on the page's own pixels (``refined(_:in:step:lineHeight:paper:)``).
    static func find(in image: GrayImage, around r: PlaceRegion, printed: [WordBox], lineHeight lh: Double)
        -> [StampRing]
    {
        guard lh >= 2, lh <= Double(max(image.width, image.height)), image.width > 0, image.height > 0,
            image.pixels.count >= image.width * image.height
        else { return [] }
        // Blocks of `f` pixels: about eight to a printed line.
        let f = max(1, Int(lh / 8))
        let lhs = lh / Double(f)
        let rMin = max(4, Int((radii.lowerBound * lhs).rounded()))
        let rMax = max(rMin + 1, Int((radii.upperBound * lhs).rounded()))
        let reach = (rMax + 2) * f
        let ex0 = max(0, r.x0 - reach)
        let ey0 = max(0, r.y0 - reach)
        let ex1 = min(image.width, r.x1 + reach)
        let ey1 = min(image.height, r.y1 + reach)
        let w = (ex1 - ex0) / f
        let h = (ey1 - ey0) / f
        guard w >= 2 * rMin, h >= 2 * rMin else { return [] }
        var gray = [Int](repeating: 255, count: w * h)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<h {
                for x in 0..<w {
                    var m: UInt8 = 255
                    for yy in 0..<f {
                        let row = (ey0 + y * f + yy) * image.width + ex0 + x * f
                        for xx in 0..<f { m = min(m, src[row + xx]) }
                    }
                    gray[y * w + x] = Int(m)
                }
            }
        }
        // Ink: darker than 0.8 of the mean around it (a line's height each way).
        var integral = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var row = 0
            for x in 0..<w {
                row += gray[y * w + x]
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row
            }
        }
        let window = InkMeter.windowSums(integral, width: w, height: h, radius: max(2, Int(lhs)))
        var ink = [Bool](repeating: false, count: w * h)
        for i in 0..<(w * h) {
            let mean = Double(window.sums[i]) / Double(max(1, window.areas[i]))
            ink[i] = Double(gray[i]) < 0.8 * mean && gray[i] < 215
        }
        // Printed words are masked: what lies under them is unknown.
        var masked = [Bool](repeating: false, count: w * h)
        for word in printed {
            let xa = max(0, Int((word.x0 - Double(ex0)) / Double(f)))
            let xb = min(w, Int((word.x1 - Double(ex0)) / Double(f)) + 1)
            let ya = max(0, Int((word.y0 - Double(ey0)) / Double(f)))
            let yb = min(h, Int((word.y1 - Double(ey0)) / Double(f)) + 1)
            guard xa < xb, ya < yb else { continue }
            for y in ya..<yb {
                for x in xa..<xb {
                    masked[y * w + x] = true
                    ink[y * w + x] = false
                }
            }
        }
        // Votes for centres along each ink edge's gradient, both ways (a ring's outer edge faces out, its inner in).
        var votes = [Int32](repeating: 0, count: w * h)
        // The same votes by the direction they come from (``directions`` bins): a ring's centre draws them from all
        // round, a line's band from two opposite sides only. (Two bytes each, counted up to their maximum: a ring's
        // centre draws hundreds.)
        var turned = [UInt16](repeating: 0, count: w * h * directions)
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) where ink[y * w + x] {
                let i = y * w + x
                guard !ink[i - 1] || !ink[i + 1] || !ink[i - w] || !ink[i + w] else { continue }
                let gx =
                    (gray[i - w + 1] + 2 * gray[i + 1] + gray[i + w + 1])
                    - (gray[i - w - 1] + 2 * gray[i - 1]
                        + gray[i + w - 1])
                let gy =
                    (gray[i + w - 1] + 2 * gray[i + w] + gray[i + w + 1])
                    - (gray[i - w - 1] + 2 * gray[i - w]
                        + gray[i - w + 1])
                let magnitude = Double(gx * gx + gy * gy).squareRoot()
                guard magnitude > 0 else { continue }
                let ux = Double(gx) / magnitude
                let uy = Double(gy) / magnitude
                for sign in [-1.0, 1.0] {
                    let from = direction(-sign * ux, -sign * uy)
                    for radius in rMin...rMax {
                        let cx = Int((Double(x) + sign * Double(radius) * ux).rounded())
                        let cy = Int((Double(y) + sign * Double(radius) * uy).rounded())
                        guard cx >= 0, cy >= 0, cx < w, cy < h else { continue }
                        votes[cy * w + cx] &+= 1
                        let k = (cy * w + cx) * directions + from
                        if turned[k] < UInt16.max { turned[k] += 1 }
                    }
                }
            }
        }
        // The strongest centres (3×3 sums, local maxima, at least half a smallest ring's edge).
        let least = Int(Double.pi * Double(rMin))
        var smooth = [Int](repeating: 0, count: w * h)
        var balanced = [Int](repeating: 0, count: w * h)
        var bins = [Int](repeating: 0, count: directions)
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) {
                var s = 0
                for dy in -1...1 { for dx in -1...1 { s += Int(votes[(y + dy) * w + x + dx]) } }
                smooth[y * w + x] = s
                // Never more than all the votes: where those are too few for a centre, so are these.
                guard s >= least else { continue }
                for b in 0..<directions { bins[b] = 0 }
                for dy in -1...1 {
                    for dx in -1...1 {
                        let i = ((y + dy) * w + x + dx) * directions
                        for b in 0..<directions { bins[b] += Int(turned[i + b]) }
                    }
                }
                balanced[y * w + x] = Self.balanced(bins)
            }
        }
        // The strongest centres by all votes, then by the votes that come from all round: lines crossing a stamp vote
        // for bands along them, and four lines across a faxed stamp drew the most votes 8 blocks off its centre
        // (`FaxedStampTests`, a seed of 200 dpi).
        var candidates = Array(Self.peaks(smooth, width: w, height: h, least: least).prefix(4))
        for peak in Self.peaks(balanced, width: w, height: h, least: least).prefix(4)
        where !candidates.contains(where: { $0.x == peak.x && $0.y == peak.y }) {
            candidates.append((peak.x, peak.y, smooth[peak.y * w + peak.x]))
        }
        var found: [StampRing] = []
        for peak in candidates {
            // The ring is looked for at the peak, then at the blocks about it, the most voted for first: the 3 × 3
            // sums place a centre to a block, and a ring one block thick is round to a block only about its own
            // centre. A faxed stamp's ring (3 pixels thick at 200 dpi, 31 blocks across, three lines crossing it)
            // filled its sectors from the block next to the peak but not from the peak, and an empty parent's place
            // read signed (scripts/make-quitus-other.py seed 33, `tampon-seul`, fax).
            var around: [(x: Int, y: Int)] = []
            for dy in -1...1 {
                for dx in -1...1 where dx != 0 || dy != 0 {
                    let (nx, ny) = (peak.x + dx, peak.y + dy)
                    if nx >= 0, ny >= 0, nx < w, ny < h { around.append((nx, ny)) }
                }
            }
            around.sort { votes[$0.y * w + $0.x] > votes[$1.y * w + $1.x] }
            var tried: StampRing?
            for centre in [(x: peak.x, y: peak.y)] + around where tried == nil {
                tried = ringAt(
                    centre.x, centre.y, ink: ink, masked: masked, width: w, height: h, radii: rMin...rMax,
                    lineHeight: lhs)
            }
            guard let ring = tried else { continue }
            // A ring's edges all vote for its centre: at least half of one edge's turn. (Lines that happen to run
            // near a circle, a box's sides about its middle, vote for it only where they touch it.)
            guard Double(peak.votes) >= Double.pi * ring.outer else { continue }
            let coarse = StampRing(
                x: Double(ex0) + (ring.x + 0.5) * Double(f), y: Double(ey0) + (ring.y + 0.5) * Double(f),
                outer: ring.outer * Double(f), inner: ring.inner * Double(f),
                tolerance: (ring.tolerance + 1) * Double(f))
            // The band measured again on the page's own pixels, against the paper's level found on the blocks. A
            // ring the blocks show but the page's pixels do not is none: a rectangular stamp's long sides, tangent to
            // a circle as wide as the stamp is high, fill its sectors within a block's tolerance where its lettering
            // hides the rest (scripts/make-quitus.py seed 11, `tampon-seul`, pdf: 1.3 times half a turn of votes).
            guard
                let page = refined(
                    coarse, in: image, step: f, lineHeight: lh,
                    paper: { x, y in
                        let bx = (x - ex0) / f
                        let by = (y - ey0) / f
                        guard x >= ex0, y >= ey0, bx < w, by < h, !masked[by * w + bx] else { return nil }
                        return Double(window.sums[by * w + bx]) / Double(max(1, window.areas[by * w + bx]))
                    })
            else { continue }
            // A ring smaller on the page's pixels than any stamp is a pen's loop (with a box's rule or a stroke
            // beside it filling the rest of its turn).
            guard page.outer >= smallestRadius * lh else { continue }
            // One stamp, one ring (neighbouring peaks of the same stamp).
            guard !found.contains(where: { $0.distance(page.x, page.y) < Double(rMin * f) }) else { continue }
            // Its print must reach into the place.
            let nx = min(max(page.x, Double(r.x0)), Double(r.x1))
            let ny = min(max(page.y, Double(r.y0)), Double(r.y1))
            guard page.distance(nx, ny) <= page.outer + page.tolerance else { continue }
            found.append(page)
        }
        return found
    }

    /// The directions votes are told apart by (``find(in:around:printed:lineHeight:)``).
    static let directions = 8

    /// The bin of the direction (`dx`, `dy`), of ``directions`` about the turn.
    static func direction(_ dx: Double, _ dy: Double) -> Int {
        let angle = Foundation.atan2(dy, dx) + Double.pi
        return min(directions - 1, max(0, Int(angle / (2 * Double.pi) * Double(directions))))
    }

    /// The votes of `bins` (by direction), each direction counted up to one and a half times its even share: a ring's
    /// centre keeps them all, a point beside a line (votes from two opposite directions) keeps under two fifths.
    static func balanced(_ bins: [Int]) -> Int {
        let total = bins.reduce(0, +)
        let cap = 3 * total / (2 * max(1, bins.count))
        return bins.reduce(0) { $0 + min($1, cap) }
    }

    /// The local maxima of `score` over 5 × 5 blocks (ties to the first in reading order) of at least `least`, the
    /// strongest first.
    static func peaks(_ score: [Int], width w: Int, height h: Int, least: Int) -> [(x: Int, y: Int, votes: Int)] {
        var peaks: [(x: Int, y: Int, votes: Int)] = []
        for y in 1..<max(1, h - 1) {
            for x in 1..<max(1, w - 1) where score[y * w + x] >= least {
                let v = score[y * w + x]
                var top = true
                for dy in -2...2 {
                    for dx in -2...2 where dx != 0 || dy != 0 {
                        let nx = x + dx
                        let ny = y + dy
                        guard nx >= 0, ny >= 0, nx < w, ny < h else { continue }
                        let n = score[ny * w + nx]
                        if n > v || (n == v && (ny < y || (ny == y && nx < x))) { top = false }
                    }
                }
                if top { peaks.append((x, y, v)) }
            }
        }
        return peaks.sorted { $0.votes > $1.votes }
    }

    /// The band of a ring found on blocks of `step` pixels, measured on the page's own pixels: the radii at which ink
    /// (darker than 0.8 of the `paper` level about it; nil where a printed word is masked or the search did not reach)
    /// fills ``coverage`` of the seen sectors, within a few pixels (a block's half, a ring's slant); the band runs from
    /// the innermost such ring (at half the outer radius or more) to the outermost. The blocks' radii are a block
    /// apart: two rings 5 points apart at 150 dpi came out as one band, and the inner ring's edge stayed as an arc
    /// joined to the stamp's lettering (a tall curved mark: signed). Nil when no radius passes: what the blocks took
    /// for a ring is not round on the page's pixels.
    static func refined(
        _ found: StampRing, in image: GrayImage, step f: Int, lineHeight lh: Double, paper: (Int, Int) -> Double?
    ) -> StampRing? {
        // The centre found on blocks may lie a block off: fitted again to the ink about the outer ring (twice).
        var coarse = found
        for _ in 0..<2 {
            let band = coarse.tolerance + Double(f)
            let (cx, cy) = (coarse.x, coarse.y)
            let x0 = max(0, Int(cx - coarse.outer - band))
            let x1 = min(image.width - 1, Int(cx + coarse.outer + band))
            let y0 = max(0, Int(cy - coarse.outer - band))
            let y1 = min(image.height - 1, Int(cy + coarse.outer + band))
            guard x0 < x1, y0 < y1 else { break }
            var points: [(Double, Double)] = []
            image.pixels.withUnsafeBufferPointer { src in
                for y in y0...y1 {
                    for x in x0...x1 {
                        let dx = Double(x) + 0.5 - cx
                        let dy = Double(y) + 0.5 - cy
                        guard abs((dx * dx + dy * dy).squareRoot() - coarse.outer) <= band,
                            let level = paper(x, y), Double(src[y * image.width + x]) < 0.8 * level
                        else { continue }
                        points.append((dx, dy))
                    }
                }
            }
            guard let centre = trimmedCircleCentre(points), abs(centre.x) <= band, abs(centre.y) <= band else { break }
            coarse.x += centre.x
            coarse.y += centre.y
        }
        let reach = Int(coarse.outer * (1 + ellipseReach) + 2 * coarse.tolerance) + 2
        let x0 = max(0, Int(coarse.x) - reach)
        let x1 = min(image.width - 1, Int(coarse.x) + reach)
        let y0 = max(0, Int(coarse.y) - reach)
        let y1 = min(image.height - 1, Int(coarse.y) + reach)
        guard x0 < x1, y0 < y1, reach > 4 else { return nil }
        var hit = [Bool](repeating: false, count: (reach + 1) * sectors)
        var seen = [Bool](repeating: false, count: (reach + 1) * sectors)
        image.pixels.withUnsafeBufferPointer { src in
            for y in y0...y1 {
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - coarse.x
                    let dy = Double(y) + 0.5 - coarse.y
                    let d = Int((dx * dx + dy * dy).squareRoot().rounded())
                    guard d <= reach, let level = paper(x, y) else { continue }
                    let s = sector(dx, dy)
                    seen[d * sectors + s] = true
                    if Double(src[y * image.width + x]) < 0.8 * level { hit[d * sectors + s] = true }
                }
            }
        }
        let k = max(1, Int((roundness / 2 * coarse.outer).rounded(.up))) + f / 2
        func filled(_ radius: Int) -> Bool {
            var known = 0
            var inked = 0
            for s in 0..<sectors {
                let span = max(0, radius - k)...min(reach, radius + k)
                guard span.contains(where: { seen[$0 * sectors + s] }) else { continue }
                known += 1
                if span.contains(where: { hit[$0 * sectors + s] }) { inked += 1 }
            }
            return 2 * known >= sectors && Double(inked) >= coverage * Double(known)
        }
        let passing = (Int(0.45 * coarse.outer)...reach).filter(filled)
        guard let outer = passing.last, let innermost = passing.first else { return nil }
        // A single ring: its lettering runs inside it.
        let gap = zip(passing, passing.dropFirst()).contains { $1 - $0 > 1 }
        let inner = gap ? Double(innermost) : max(0, Double(innermost) - 1.5 * lh)
        // Each sector's outer edge: the furthest ink within ``ellipseReach`` of the radius, either way, smoothed over
        // the turn as an ellipse's (or an off-centre circle's) edge is (``smoothEdge``): a pen's stroke leaving the
        // ring in a few sectors is not followed. Never inside the radius found.
        let extra = Int((ellipseReach * Double(outer)).rounded(.up)) + k
        var measured: [Double?] = []
        for s in 0..<sectors {
            var d = min(reach, outer + extra)
            let low = max(0, outer - extra)
            while d >= low && !hit[d * sectors + s] { d -= 1 }
            measured.append(d >= low ? Double(d) : nil)
        }
        let edge = Self.smoothEdge(measured.indices.compactMap { s in measured[s].map { (Self.sectorAngle(s), $0) } })
        // A sector whose ink ends near the smooth edge keeps its own end (a photo's blurred ring is a few pixels
        // thicker on one side than the fit).
        let near = max(2, 0.04 * Double(outer))
        let outerEdges = (0..<sectors).map { s -> Double in
            guard let edge else { return Double(outer) }
            let smooth = edge(Self.sectorAngle(s))
            let own = measured[s].map { abs($0 - smooth) <= near ? max($0, smooth) : smooth } ?? smooth
            return min(Double(outer + extra), max(Double(outer), own))
        }
        // The band reaches 3 pixels past the ink found at 0.8 of the paper's level: ``InkMeter``'s pale level takes
        // in a photo's blurred edge of the ring a pixel or two further (seed 23's arcs, inside and outside).
        return StampRing(
            x: coarse.x, y: coarse.y, outer: Double(outer), inner: inner, tolerance: 3, outerEdges: outerEdges)
    }

    /// The middle of sector `s`'s angle, as ``sector(_:_:)`` counts them.
    static func sectorAngle(_ s: Int) -> Double { (Double(s) + 0.5) / Double(sectors) * 2 * Double.pi - Double.pi }

    /// A ring's edge radius as a smooth function of the angle, fitted to `points` by least squares on
    /// r(θ) = a + b cos θ + c sin θ + d cos 2θ + e sin 2θ (an off-centre circle and an ellipse about the centre), then
    /// again on the 70 % of them nearest the first fit (a pen's stroke crossing the ring in some sectors). Nil with
    /// fewer than a third of the turn's sectors.
    static func smoothEdge(_ points: [(angle: Double, radius: Double)]) -> ((Double) -> Double)? {
        func basis(_ t: Double) -> [Double] { [1, cos(t), sin(t), cos(2 * t), sin(2 * t)] }
        func fit(_ pts: [(angle: Double, radius: Double)]) -> [Double]? {
            var a = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 5)
            for p in pts {
                let b = basis(p.angle)
                for i in 0..<5 {
                    for j in 0..<5 { a[i][j] += b[i] * b[j] }
                    a[i][5] += b[i] * p.radius
                }
            }
            // Gaussian elimination with partial pivoting.
            for c in 0..<5 {
                guard let pivot = (c..<5).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[pivot][c]) > 1e-9 else {
                    return nil
                }
                a.swapAt(c, pivot)
                for r in 0..<5 where r != c {
                    let f = a[r][c] / a[c][c]
                    for j in c..<6 { a[r][j] -= f * a[c][j] }
                }
            }
            return (0..<5).map { a[$0][5] / a[$0][$0] }
        }
        func value(_ k: [Double], _ t: Double) -> Double { zip(k, basis(t)).reduce(0) { $0 + $1.0 * $1.1 } }
        guard points.count * 3 >= sectors, let first = fit(points) else { return nil }
        let nearest = points.sorted {
            abs($0.radius - value(first, $0.angle)) < abs($1.radius - value(first, $1.angle))
        }
        .prefix(max(5, points.count * 7 / 10))
        guard let k = fit(Array(nearest)), k.allSatisfy(\.isFinite) else { return nil }
        return { value(k, $0) }
    }

    /// The centre of the circle fitted to `points`, fitted again to the 70 % of them that lie nearest the circle
    /// first fitted: a signing line touching the ring puts pixels in its band on one side only, which pulled the first
    /// fit 2–3 pixels toward it, and the band then missed the ring's far side (a synthetic place, seed 77012).
    static func trimmedCircleCentre(_ points: [(Double, Double)]) -> (x: Double, y: Double)? {
        guard let first = circleCentre(points) else { return nil }
        let distances = points.map {
            (($0.0 - first.x) * ($0.0 - first.x) + ($0.1 - first.y) * ($0.1 - first.y)).squareRoot()
        }
        let radius = distances.sorted()[distances.count / 2]
        let residuals = distances.map { abs($0 - radius) }
        let cut = residuals.sorted()[min(residuals.count - 1, residuals.count * 7 / 10)]
        let kept = zip(points, residuals).filter { $0.1 <= cut }.map(\.0)
        return circleCentre(kept) ?? first
    }

    /// The centre of the circle fitted to `points` by least squares on x² + y² + Dx + Ey + F = 0 (Kåsa's fit: a
    /// linear system; concentric rings share the centre), nil with fewer than 8 points or a degenerate system.
    static func circleCentre(_ points: [(Double, Double)]) -> (x: Double, y: Double)? {
        guard points.count >= 8 else { return nil }
        var (sx, sy, sxx, syy, sxy, sxz, syz, sz) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for (x, y) in points {
            let z = x * x + y * y
            sx += x
            sy += y
            sxx += x * x
            syy += y * y
            sxy += x * y
            sxz += x * z
            syz += y * z
            sz += z
        }
        let n = Double(points.count)
        // Cramer's rule on [[sxx, sxy, sx], [sxy, syy, sy], [sx, sy, n]] · (D, E, F) = -(sxz, syz, sz).
        func det(_ a: [Double]) -> Double {
            a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
        }
        let m = [sxx, sxy, sx, sxy, syy, sy, sx, sy, n]
        let d = det(m)
        guard d.isFinite, abs(d) > 1e-9 * max(1, abs(sxx * syy * n)) else { return nil }
        let b = [-sxz, -syz, -sz]
        let dD = det([b[0], sxy, sx, b[1], syy, sy, b[2], sy, n])
        let dE = det([sxx, b[0], sx, sxy, b[1], sy, sx, b[2], n])
        let x = -dD / d / 2
        let y = -dE / d / 2
        return x.isFinite && y.isFinite ? (x, y) : nil
    }

    /// The stamp centred at (`cx`, `cy`), in blocks, nil when no radius makes a ring there (see
    /// ``find(in:around:printed:lineHeight:)``). The outer ring is the largest such radius; the band's inner edge is a
    /// second ring at half to nearly the outer's radius, or a line and a half inside a single ring.
    static func ringAt(
        _ cx: Int, _ cy: Int, ink: [Bool], masked: [Bool], width w: Int, height h: Int, radii: ClosedRange<Int>,
        lineHeight lhs: Double
    ) -> StampRing? {
        let tolerances = (0...(radii.upperBound + 1)).map { max(1, Int((roundness * Double($0)).rounded(.up))) }
        let reach = radii.upperBound + (tolerances.last ?? 1) + 3
        guard cx >= 0, cy >= 0, cx < w, cy < h else { return nil }
        // Which sectors hold ink at each whole radius.
        var hit = [Bool](repeating: false, count: (reach + 1) * sectors)
        for y in max(0, cy - reach)...min(h - 1, cy + reach) {
            for x in max(0, cx - reach)...min(w - 1, cx + reach) where ink[y * w + x] {
                let dx = Double(x - cx)
                let dy = Double(y - cy)
                let d = Int((dx * dx + dy * dy).squareRoot().rounded())
                guard d <= reach else { continue }
                hit[d * sectors + sector(dx, dy)] = true
            }
        }
        // Sectors seen at a radius: their middle point lies in the searched area and off the masked words.
        func seen(_ radius: Int, _ s: Int) -> Bool {
            let angle = (Double(s) + 0.5) / Double(sectors) * 2 * Double.pi - Double.pi
            let x = Int((Double(cx) + Double(radius) * Foundation.cos(angle)).rounded())
            let y = Int((Double(cy) + Double(radius) * Foundation.sin(angle)).rounded())
            guard x >= 1, y >= 1, x < w - 1, y < h - 1 else { return false }
            for yy in (y - 1)...(y + 1) { for xx in (x - 1)...(x + 1) where masked[yy * w + xx] { return false } }
            return true
        }
        func inked(_ radii: ClosedRange<Int>, _ s: Int) -> Bool {
            radii.contains { $0 >= 0 && $0 <= reach && hit[$0 * sectors + s] }
        }
        // The share of seen sectors with ink within the tolerance of `radius`, and of those with ink just outside it;
        // nil when less than half the ring is seen.
        func score(_ radius: Int) -> (filled: Double, outside: Double)? {
            let t = tolerances[min(tolerances.count - 1, radius)]
            var known = 0
            var filled = 0
            var outside = 0
            for s in 0..<sectors where seen(radius, s) {
                known += 1
                if inked((radius - t)...(radius + t), s) { filled += 1 }
                if inked((radius + t + 1)...(radius + 2 * t + 2), s) { outside += 1 }
            }
            guard 2 * known >= sectors else { return nil }
            return (Double(filled) / Double(known), Double(outside) / Double(known))
        }
        guard
            let radius = radii.reversed().first(where: { r in
                score(r).map { $0.filled >= coverage && $0.outside <= outsideAtMost } ?? false
            })
        else { return nil }
        let t = tolerances[min(tolerances.count - 1, radius)]
        // A second ring inside, else the lettering's band inside a single one.
        let innerRing = stride(from: radius - 2 * t - 2, through: radius / 2, by: -1).first {
            (score($0)?.filled ?? 0) >= coverage
        }
        let inner = innerRing.map(Double.init) ?? max(0, Double(radius) - 1.5 * lhs)
        return StampRing(x: Double(cx), y: Double(cy), outer: Double(radius), inner: inner, tolerance: Double(t))
    }

    /// The sector (of ``sectors``) a point at (`dx`, `dy`) from a centre lies in.
    static func sector(_ dx: Double, _ dy: Double) -> Int {
        let angle = Foundation.atan2(dy, dx) + Double.pi
        return min(sectors - 1, max(0, Int(angle / (2 * Double.pi) * Double(sectors))))
    }
}

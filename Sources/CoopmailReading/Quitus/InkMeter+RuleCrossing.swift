extension InkMeter {
    // MARK: Strokes across the rules

    /// Marks as ink the stretches of a removed rule that a stroke crosses: where the rule's band (`rule` pixels, at
    /// most `band` pixels thick across it) has ink that is not rule on both sides, within the band's own thickness
    /// along it (a slanted stroke enters the band and leaves it that far apart), those band pixels are a stroke's,
    /// grown by `grow` like the other ink into `marks`. Removing a signing line or a box's bottom rule took the pieces
    /// of a signature written on it apart: each piece, short or straight, was set aside as a rule's remnant or read as
    /// no taller than print (scripts/make-quitus-other.py seed 10, `sur-la-ligne`, a faint ballpoint scanned: a signed
    /// place read unreadable). A rule alone has paper on at least one side wherever nothing crosses it, so an empty
    /// place's rules bridge nothing; a rule running along the crossing direction (a box's side, seen across a
    /// horizontal rule) is longer than `band` and is left alone. On each side the ink must touch the band and go on
    /// past `grow` + 1 pixels from it: a rule's own blurred edge, left as ink along it, is thinner; and on one side
    /// at least the ink belongs to a piece `tall` pixels or more across the rule (taller than print).
    static func bridgeRuleCrossings(
        ink: [Bool], rule: [Bool], marks: inout [Bool], width w: Int, height h: Int, grow: Int, band: Int, tall: Int
    ) {
        guard w > 0, h > 0, ink.count == w * h, rule.count == w * h, marks.count == w * h else { return }
        let pieces = Pieces(marks, width: w, height: h)
        // Both directions: `t` along the rule, `c` across it; `at(t, c)` the pixel.
        let directions: [(along: Int, across: Int, at: (Int, Int) -> Int, extent: (Int) -> Int)] = [
            (w, h, { t, c in c * w + t }, pieces.height),  // horizontal rules, crossed up and down
            (h, w, { t, c in t * w + c }, pieces.width),  // vertical rules, crossed left and right
        ]
        for d in directions {
            func stroke(_ t: Int, _ c: Int) -> Bool {
                t >= 0 && t < d.along && c >= 0 && c < d.across && ink[d.at(t, c)] && !rule[d.at(t, c)]
            }
            // A piece touching the band at (t, c) that stands taller than print across the rule.
            func tallAt(_ t: Int, _ c: Int) -> Bool { stroke(t, c) && d.extent(d.at(t, c)) >= tall }
            for t in 0..<d.along {
                var c = 0
                while c < d.across {
                    guard rule[d.at(t, c)] else {
                        c += 1
                        continue
                    }
                    let first = c
                    while c < d.across && rule[d.at(t, c)] { c += 1 }
                    let run = c - first
                    guard run <= band, first > 0, c < d.across else { continue }
                    // Ink next to the band on each side, and going on away from it past a rule's blurred edge.
                    let reach = max(grow, run)
                    let window = (t - reach)...(t + reach)
                    func side(_ out: (Int) -> Int) -> Bool {
                        window.contains { tt in (1...(grow + 1)).contains { stroke(tt, out($0)) } }
                            && window.contains { tt in ((grow + 2)...(2 * grow + 3)).contains { stroke(tt, out($0)) } }
                    }
                    guard side({ first - $0 }), side({ c - 1 + $0 }) else { continue }
                    // Print on both sides of a line (a stamp's lettering above and below the signing line it was
                    // pressed on) is no stroke across it: a piece on one side at least is taller than print.
                    let nearBefore = window.contains { tt in (1...(grow + 1)).contains { tallAt(tt, first - $0) } }
                    let nearAfter = window.contains { tt in (0...grow).contains { tallAt(tt, c + $0) } }
                    guard nearBefore || nearAfter else { continue }
                    for cc in first..<c {
                        for tt in max(0, t - grow)...min(d.along - 1, t + grow) { marks[d.at(tt, cc)] = true }
                    }
                }
            }
        }
    }
}

/// The connected pieces of a place's marks (8-neighbours) and each piece's extent, looked up by pixel.
struct Pieces {
    var label: [Int]
    var extents: [(x0: Int, y0: Int, x1: Int, y1: Int)] = []

    init(_ marks: [Bool], width w: Int, height h: Int) {
        label = [Int](repeating: -1, count: w * h)
        var stack: [Int] = []
        for start in 0..<(w * h) where marks[start] && label[start] < 0 {
            var e = (x0: w, y0: h, x1: 0, y1: 0)
            label[start] = extents.count
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % w
                let y = i / w
                e = (min(e.x0, x), min(e.y0, y), max(e.x1, x + 1), max(e.y1, y + 1))
                for ny in max(0, y - 1)...min(h - 1, y + 1) {
                    for nx in max(0, x - 1)...min(w - 1, x + 1) where marks[ny * w + nx] && label[ny * w + nx] < 0 {
                        label[ny * w + nx] = extents.count
                        stack.append(ny * w + nx)
                    }
                }
            }
            extents.append(e)
        }
    }

    /// The height of the piece holding pixel `i`, 0 off the marks.
    func height(_ i: Int) -> Int { label[i] < 0 ? 0 : extents[label[i]].y1 - extents[label[i]].y0 }
    /// Its width.
    func width(_ i: Int) -> Int { label[i] < 0 ? 0 : extents[label[i]].x1 - extents[label[i]].x0 }
}

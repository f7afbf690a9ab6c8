import CoopmailDomain
import CoopmailText

/// A signature place's area on the page raster, in pixels.
public struct PlaceRegion: Hashable, Sendable {
    public var place: SignaturePlace
    public var x0: Int, y0: Int, x1: Int, y1: Int
    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
}

/// Finds the signature places of a quitus page from its own words: each signer's title (« mandataire »,
/// « parent », « enseignant », accents and case folded, a letter or two of OCR error tolerated) and the box under
/// it, down to the next title or about a column's width. No fixed coordinates.
public enum SignaturePlaceFinder {
    /// The typical height of a printed word (median of the confident words' boxes), nil without words.
    public static func lineHeight(_ words: [WordBox]) -> Double? {
        let heights = words.filter { $0.confidence >= 60 && $0.letters.count >= 2 }.map(\.height).filter { $0 > 0 }
            .sorted()
        return heights.isEmpty ? nil : heights[heights.count / 2]
    }

    /// How far the page's printed lines climb or fall per pixel across (positive: falling to the right, as on a page
    /// photographed turned clockwise), from consecutive words of like height on one line (the OCR lists them in
    /// reading order): the median of their centres' slopes, 0 without enough pairs. A box's centre moves with its
    /// ascenders and descenders by a few pixels, so only words two to twelve line heights apart, whose heights differ
    /// by less than a fifth of a line, are paired. On the phone photos of scripts/make-quitus-other.py seed 7
    /// (`aucune`, photo) the page stood at 8.6 %, beyond the ±6 % the rule finder followed: the box rules stayed as ink
    /// and joined at the boxes' corners read as signatures in the three empty places.
    public static func tilt(_ words: [WordBox], lineHeight lh: Double) -> Double {
        var slopes: [Double] = []
        for (a, b) in zip(words, words.dropFirst()) where a.letters.count >= 2 && b.letters.count >= 2 {
            let dx = (b.x0 + b.x1 - a.x0 - a.x1) / 2
            let dy = b.midY - a.midY
            guard dx >= 2 * lh, dx <= 12 * lh, abs(dy) <= 0.2 * dx, abs(a.height - b.height) <= 0.2 * lh,
                (0.6 * lh...1.6 * lh).contains(a.height)
            else { continue }
            slopes.append(dy / dx)
        }
        guard slopes.count >= 8 else { return 0 }
        slopes.sort()
        return min(0.15, max(-0.15, slopes[slopes.count / 2]))
    }

    static let targets: [(SignaturePlace, String, Int)] = [
        (.mandataire, "mandataire", 2), (.parent, "parent", 1), (.teacher, "enseignant", 2),
    ]

    static func matches(_ word: WordBox, _ target: String, tolerance: Int) -> Bool {
        let letters = word.letters
        guard letters.count >= target.count - tolerance, letters.count <= target.count + 3 else { return false }
        var candidates = [letters]
        // « L'enseignant », « (parent » , « d'élève »: a leading article glued by the apostrophe.
        if letters.hasPrefix("l") || letters.hasPrefix("d") { candidates.append(String(letters.dropFirst())) }
        if letters.hasSuffix("s") || letters.hasSuffix("e") { candidates.append(String(letters.dropLast())) }
        return candidates.contains { EditDistance.between(Array($0), Array(target)) <= tolerance }
    }

    /// Words a signer's title may start with before its key word (letters only, folded).
    static let titleLead: Set<String> = [
        "le", "la", "les", "l", "un", "une", "du", "de", "des", "d", "deleve", "eleve", "eleves", "elu", "elue",
        "verificateur", "verificatrice", "verificateurs", "signature", "visa", "membre", "representant",
        "representante", "pour", "par",
    ]

    /// How far above the titles of the next row of boxes a place above them ends, in line heights: past the rule
    /// that tops their boxes. By the generators' geometry a title's word box stands about half a line height under
    /// its box's rule (the tests' places) to about one (scripts/make-quitus-other.py: a baseline 1.4 font sizes under
    /// the rule, a monospaced font's short word boxes); boxes stand a gap apart, so the place above keeps its own box
    /// down to or near its bottom rule. Ending 0.3 line heights above the titles, the place held the lower boxes' top
    /// rules with the first pixels of their sides: each rule, under half the place's width beside its neighbour's (a
    /// grid: one box across the page above two side by side), was not set aside as a rule, and, long, thin and no
    /// taller than print, read as a flat signature (make-quitus-other.py seeds 22 and 23, `tampon-seul`, rot180 and
    /// scan: the empty place above read signed and the quitus passed).
    static let belowRuleAbove = 1.5

    /// The regions of the places found (at most one per place).
    public static func regions(words: [WordBox], width: Int, height: Int) -> [PlaceRegion] {
        guard let lh = lineHeight(words) else { return [] }
        var titles: [SignaturePlace: WordBox] = [:]
        var candidates: [SignaturePlace: [WordBox]] = [:]
        for (place, target, tolerance) in targets {
            candidates[place] = words.filter { $0.height < 2.5 * lh && matches($0, target, tolerance: tolerance) }
        }
        // Parent and teacher titles: the last occurrence on the page (the boxes come after the text); the
        // mandataire's: the one nearest to them (the header may name the mandataire too).
        for place in [SignaturePlace.parent, .teacher] {
            titles[place] = candidates[place]?.max { ($0.y0, $0.x0) < ($1.y0, $1.x0) }
        }
        let anchors = titles.values.map(\.midY)
        // Only a word heading a box is a title: « … nous donnons quitus au mandataire » in the text above stacked boxes
        // stood nearer the parent's and the teacher's titles than the mandataire's own title in the last box
        // (scripts/make-quitus-other.py seed 8, `sur-la-ligne`, fax): the sentence's line was taken for the mandataire's
        // box, and the teacher's box, then the last, was cut short above its signature. Without a labelled box under
        // any of them, every occurrence stays a candidate.
        // And when the parent's or the teacher's title heads a labelled box, the page's labels were read: a mandataire
        // named only outside a box is one whose own title was not read (a shadow over the right of a photographed
        // page lost « Signature du mandataire » in the last of three boxes side by side; « quitus au mandataire » in
        // the sentence above, three line heights up, joined the boxes' line as a slanted title, and the teacher's
        // place, cut at it, lost its signature: scripts/make-quitus-other.py seed 23, `tampon-seul`, photo).
        let heading = candidates[.mandataire]?.filter { headsBox($0, words: words, lineHeight: lh) } ?? []
        let labelled = [SignaturePlace.parent, .teacher].contains {
            titles[$0].map { headsBox($0, words: words, lineHeight: lh) } ?? false
        }
        if !heading.isEmpty || labelled { candidates[.mandataire] = heading }
        if let list = candidates[.mandataire], !list.isEmpty {
            if anchors.isEmpty {
                titles[.mandataire] = list.max { $0.y0 < $1.y0 }
            } else {
                let ref = anchors.reduce(0, +) / Double(anchors.count)
                titles[.mandataire] = list.min { abs($0.midY - ref) < abs($1.midY - ref) }
            }
        }
        // A title starts with the words just before its key word on the same line (« Le parent d'élève élu »,
        // « Vérificateur (parent élu) »).
        // Only a title's own leading words count (articles, « Vérificateur », « Signature du »): a title running
        // over its box up to the next one (« Le mandataire de la coopérative » touching « Le parent… ») must not
        // pull that next title's start back into it.
        for place in SignaturePlace.allCases {
            guard let title = titles[place] else { continue }
            var start = title
            while let previous = words.filter({
                abs($0.midY - start.midY) < 0.5 * lh && $0.x1 <= start.x0 + 1 && start.x0 - $0.x1 < 1.0 * lh
            })
            .max(by: { $0.x1 < $1.x1 }), Self.titleLead.contains(previous.letters) {
                start = previous
            }
            titles[place]?.x0 = start.x0
        }
        let found = titles.sorted { $0.value.x0 < $1.value.x0 }
        guard !found.isEmpty else { return [] }
        let pageWidth = Double(width)
        let pageHeight = Double(height)
        func clamp(_ v: Double, _ hi: Double) -> Int { Int(max(0, min(hi, v))) }
        let rows = Self.rows(found.map { ($0.key, $0.value) }, lineHeight: lh)
        var regions: [PlaceRegion] = []
        for (r, row) in rows.enumerated() {
            // The next row of titles closes this one's boxes (the mandataire's box above the two others), above the
            // rule that tops their boxes (``belowRuleAbove``).
            let nextTop = r + 1 < rows.count ? rows[r + 1].map(\.1.y0).min().map { $0 - belowRuleAbove * lh } : nil
            let starts = row.indices.map { i in
                boxStart(row[i].1, after: i > 0 ? row[i - 1].1.x1 : nil, words: words, lineHeight: lh)
            }
            let lefts = starts.map { $0 - 0.6 * lh }
            for (i, (place, title)) in row.enumerated() {
                let left = i == 0 && row.count == 1 && rows.count > 1 ? starts[i] - lh : lefts[i]
                var right: Double
                if i + 1 < row.count {
                    right = lefts[i + 1]
                } else if i > 0 {
                    right = left + (lefts[i] - lefts[i - 1])
                } else if rows.count > 1 {
                    // Alone on its line among other lines of titles: a box across the page (stacked boxes).
                    right = pageWidth - lh
                } else {
                    right = left + pageWidth / 3
                }
                let top = title.y1 + 0.2 * lh
                var bottom = top + 0.95 * (right - left)
                if row.count == 1 && rows.count > 1 {
                    // The last of stacked boxes: as tall as the one above it (title to title, less the gap), 12 line
                    // heights at least. A fixed 12 cut the mandataire's 15-line box above its signature on
                    // scripts/make-quitus-other.py seed 8 (`sur-la-ligne`, fax; a signed place read empty).
                    let above = r > 0 && rows[r - 1].count == 1 ? rows[r - 1].map(\.1.y0).min() : nil
                    let last = max(12 * lh, above.map { title.y0 - $0 - 1.5 * lh } ?? 0)
                    bottom = nextTop ?? top + last
                } else if let nextTop {
                    bottom = min(bottom, nextTop)
                }
                if let own = ownNameLabel(title, left: left, words: words, lineHeight: lh) {
                    let (otherRight, otherBelow) = otherBoxes(beside: own, words: words, lineHeight: lh)
                    if let x = otherRight { right = min(right, x - 0.6 * lh) }
                    if let y = otherBelow { bottom = min(bottom, y - unreadTitleAbove * lh) }
                }
                regions.append(
                    PlaceRegion(
                        place: place, x0: clamp(left, pageWidth), y0: clamp(top, pageHeight),
                        x1: clamp(right, pageWidth), y1: clamp(bottom, pageHeight)))
            }
        }
        return regions.filter { $0.width >= Int(2 * lh) && $0.height >= Int(2 * lh) }
    }

    /// How far above the « Nom » label of a box whose title was not read a place above it ends, in line heights: past
    /// the title's line and the rule over it. By the generators' geometry the « Nom » label stands about two line
    /// heights under its box's title (scripts/make-quitus-other.py: 2.3; the tests' places: 1.8), which stands
    /// about a line under the box's top rule, so the place above keeps its own box to within a line of its bottom.
    static let unreadTitleAbove = 3.5

    /// The « Nom » label of the box `title` heads: the nearest under it within six line heights, from a line left of
    /// the place's left edge to six right of the title's start. Nil when it was not read.
    static func ownNameLabel(_ title: WordBox, left: Double, words: [WordBox], lineHeight lh: Double) -> WordBox? {
        words.filter {
            $0.letters == "nom" && $0.y0 >= title.y1 - 0.2 * lh && $0.y0 <= title.y1 + 6 * lh
                && $0.x0 >= left - lh && $0.x0 <= title.x0 + 6 * lh
        }
        .min { $0.y0 < $1.y0 }
    }

    /// The other signers' boxes next to the one whose « Nom » label is `own`, found from their own column of labels
    /// (a « Nom » with a « Date » or « Signature » under it, left-aligned with it) even when their titles were not
    /// read (a shadow over half a photographed page left « Vérificateur (e » of the teacher's title, and the
    /// parent's place beside it ran across the teacher's box and took the teacher's signature:
    /// scripts/make-quitus-other.py seed 12, `noms-tapes`, photo). Returns the left of the nearest such column to the
    /// right on the same line of boxes (its « Nom » within three lines of `own`, more than six line heights right),
    /// and the top of the nearest one below in the same column (more than four lines under `own`, within three
    /// line heights of its left).
    static func otherBoxes(beside own: WordBox, words: [WordBox], lineHeight lh: Double) -> (
        right: Double?, below: Double?
    ) {
        let columns = words.filter { $0.letters == "nom" }.compactMap { name -> WordBox? in
            let under = words.first {
                ["date", "signature"].contains($0.letters) && abs($0.x0 - name.x0) <= lh && $0.y0 >= name.y1
                    && $0.y0 <= name.y1 + 6 * lh
            }
            return under.map {
                WordBox(text: name.text, x0: min(name.x0, $0.x0), y0: name.y0, x1: name.x1, y1: name.y1)
            }
        }
        let right = columns.filter { abs($0.midY - own.midY) < 3 * lh && $0.x0 > own.x0 + 6 * lh }.map(\.x0).min()
        let below = columns.filter { $0.y0 > own.y1 + 4 * lh && abs($0.x0 - own.x0) <= 3 * lh }.map(\.y0).min()
        return (right, below)
    }

    /// Whether a « Nom », « Date » or « Signature » label stands under `title` within three line heights, starting
    /// at most half a line right of it and not past its box's likely left edge (15 line heights to its left): a
    /// signer's title heads a box of such lines; a word of the text above the boxes does not.
    static func headsBox(_ title: WordBox, words: [WordBox], lineHeight lh: Double) -> Bool {
        words.contains {
            ["nom", "date", "signature"].contains($0.letters) && $0.y0 >= title.y1 - 0.2 * lh
                && $0.y0 <= title.y1 + 3 * lh && $0.x0 <= title.x0 + 0.5 * lh && $0.x0 >= title.x0 - 15 * lh
        }
    }

    /// The « Nom » and « Date » lines of each place, as boxes to set aside like printed words: what is written there by
    /// hand is a name or a date, and a handwritten date alone is no signature. Each runs from its label to the next
    /// label on its line (« Signature » beside « Date » in a wide box) or the place's right edge, half a line above
    /// and below the label. Places whose labels are not read keep all their ink.
    ///
    /// On OCR words (`ocr`), a « Nom » or « Date » label read one letter off (a fax's « Date » read « pate »,
    /// scripts/make-quitus-other.py seed 31, `date-sans-signature`: the date written on its line, two line heights
    /// tall, read as a signature in the parent's empty place) is a label when it has print's height and starts within a
    /// line height of a label read right, above or below it: the place's labels stand in one column. (A pen's stroke
    /// that OCR read as « Dale » is taller than print.)
    static func entryLines(words: [WordBox], regions: [PlaceRegion], lineHeight lh: Double, ocr: Bool = false)
        -> [WordBox]
    {
        let exact = words.filter { ["nom", "date", "signature"].contains($0.letters) }
        let slipped =
            ocr
            ? words.filter { word in
                let letters = word.letters
                return !["nom", "date", "signature"].contains(letters)
                    && SignatureInspector.printedHeights.contains(word.height / lh)
                    && ["nom", "date"].contains { letters.count == $0.count && EditDistance.between(letters, $0) == 1 }
                    && exact.contains { abs($0.x0 - word.x0) <= lh && abs($0.midY - word.midY) >= 0.6 * lh }
            }.map { word -> WordBox in
                var label = word
                label.text = word.letters.count == 3 ? "Nom" : "Date"
                return label
            } : []
        let labels = exact + slipped
        var out: [WordBox] = []
        for r in regions {
            let inside = labels.filter {
                $0.x0 >= Double(r.x0) - lh && $0.x1 <= Double(r.x1) + lh && $0.midY >= Double(r.y0)
                    && $0.midY <= Double(r.y1)
            }
            for label in inside where label.letters != "signature" {
                let next = inside.filter { abs($0.midY - label.midY) < 0.6 * lh && $0.x0 > label.x1 }.map(\.x0).min()
                out.append(
                    WordBox(
                        text: label.text, x0: label.x0, y0: label.y0 - 0.5 * lh,
                        x1: next.map { $0 - 0.5 * lh } ?? Double(r.x1), y1: label.y1 + 0.5 * lh))
            }
        }
        return out
    }

    /// The titles grouped into lines, top to bottom, each line left to right: titles side by side share a line
    /// (allowing for a page photographed at an angle, a slant up to about 8°), stacked boxes give one title a line,
    /// and a mandataire's box above the two others gives two lines.
    static func rows(_ titles: [(SignaturePlace, WordBox)], lineHeight lh: Double) -> [[(SignaturePlace, WordBox)]] {
        var rows: [[(SignaturePlace, WordBox)]] = []
        for title in titles.sorted(by: { $0.1.midY < $1.1.midY }) {
            if let last = rows.indices.last,
                rows[last].contains(where: {
                    let dy = abs($0.1.midY - title.1.midY)
                    return dy <= 1.5 * lh || dy <= 0.15 * abs($0.1.x0 - title.1.x0)
                })
            {
                rows[last].append(title)
            } else {
                rows.append([title])
            }
        }
        return rows.map { $0.sorted { $0.1.x0 < $1.1.x0 } }
    }

    /// Where a signer's box starts: its title's first word, or further left the « Nom », « Date » or « Signature »
    /// label under it when the box's lines start before its title (a title whose first words were not joined to
    /// it: a monospaced font's wide spaces, an OCR that lost « Vérificateur » before « (parent élu) »). Only a label
    /// right of the previous title on the line (`after`, the end of its key word) belongs to this box.
    static func boxStart(_ title: WordBox, after previousEnd: Double?, words: [WordBox], lineHeight lh: Double)
        -> Double
    {
        let floor = previousEnd ?? title.x0 - 15 * lh
        let labels = words.filter {
            ["nom", "date", "signature"].contains($0.letters) && $0.y0 >= title.y1 - 0.2 * lh
                && $0.y0 <= title.y1 + 6 * lh && $0.x0 <= title.x0 + 0.5 * lh && $0.x0 > floor
        }
        guard let label = labels.max(by: { $0.x0 < $1.x0 }) else { return title.x0 }
        return min(title.x0, label.x0)
    }
}

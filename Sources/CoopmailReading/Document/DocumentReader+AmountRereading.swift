import CoopmailDomain
import Foundation

extension DocumentReader {
    /// What a second look reads again on its own: a doubtful amount, or a row's amount OCR turned into marks.
    enum RereadSite: Hashable, Sendable {
        case slip(AmountDoubt.Site)
        case marks(UnreadAmount)
    }

    /// A fourth look at an OCR'd statement that still does not add up, at the amounts its figures cannot settle:
    /// - when one OCR slip in any of several amounts would make it add up (``StatementReader/amountDoubts(_:)``), which
    ///   amount was misread: on a phone photo, tesseract may read « -36,59 » as « -86,59 » in the page and as « -36,59 »
    ///   alone. A correction is kept only when its amount, read again, shows it and every other doubtful amount, read
    ///   again, shows what the first reading read (``AmountRereads/confirmed(among:)``);
    /// - a row whose amount OCR turned into marks (« 1:153;17 », ``StatementReader/unreadAmounts(_:)``): the amount
    ///   read in their place is the row's, and the statement must then add up as read;
    /// - when neither settles it (no single slip explains the figures: two amounts misread, a digit lost), every amount
    ///   of the statement (``StatementReader/amountSites(_:)``, at most ``StatementReader/maxEveryAmountSites``): the
    ///   few that read otherwise, each by one slip, are taken, and the statement must then add up as read
    ///   (``StatementReader/everyAmountReadAgain(_:again:)``).
    ///
    /// Each is found among its page's words (the first reading's word boxes) and read again on its own, cut out of the
    /// same raster (one line, tesseract psm 7) twice, with a margin and with half of it: it counts only when both cuts
    /// show the same amount (``agreedAmount(_:)``), or a third cut agrees with one of two that differ
    /// (``settledAmount(_:third:)``). Nil when there is nothing to read again or the statement still does not add up.
    func amountRereading(
        _ bytes: [UInt8], document: ReadDocument, pages: [PageText], text: String, scratch: ScratchDirectory
    ) async -> StatementReading? {
        // One reading of the text gives all three kinds of places (each a full reading, slip search included).
        let first = StatementReader.readRepairingEuroCommas(text, rereads: nil)
        let (doubts, unread) = (first.doubts, first.unread)
        var amounts: [RereadSite: Money] = [:]
        if !doubts.isEmpty || !unread.isEmpty {
            let sites = Set(doubts.map { RereadSite.slip($0.site) }).union(unread.map { .marks($0) })
            amounts = await readAgain(Array(sites), bytes, document: document, pages: pages, scratch: scratch)
            var rereads = AmountRereads()
            for (site, amount) in amounts {
                switch site {
                case .slip(let s): rereads.amounts[s] = amount
                case .marks(let row): rereads.marks[row] = amount
                }
            }
            if !amounts.isEmpty {
                let reading = StatementReader.read(text, ocr: true, rereads: rereads)
                if reading.reconciled { return reading }
            }
        }
        // No single slip settled it (or none would): every amount read again on its own, those already read again
        // kept; the statement must then add up as read.
        guard unread.isEmpty else { return nil }
        let every = first.sites
        guard !every.isEmpty else { return nil }
        let missing = every.map { RereadSite.slip($0) }.filter { amounts[$0] == nil }
        amounts.merge(
            await readAgain(missing, bytes, document: document, pages: pages, scratch: scratch)
        ) { a, _ in a }
        var again: [AmountDoubt.Site: Money] = [:]
        for site in every {
            if let amount = amounts[.slip(site)] { again[site] = amount }
        }
        guard !again.isEmpty else { return nil }
        let reading = StatementReader.read(text, ocr: true, rereads: AmountRereads(everyAmount: again))
        return reading.reconciled ? reading : nil
    }

    /// The margins (``zone(around:among:margin:)``) of the cuts of one amount read again: the first
    /// ``agreeingCuts`` must agree; the next, between them, is cut only to settle two that read two amounts.
    static let cutMargins = [1.0, 0.5, 0.75]

    /// How many of ``cutMargins`` are always read, and must agree.
    static let agreeingCuts = 2

    /// Each site found among its page's words (the first reading's word boxes) and read again on its own, cut out of
    /// the same raster twice (``zone(around:among:margin:)``, with a margin and with half of it): the amount both
    /// cuts agree on (``agreedAmount(_:)``); when they read two amounts, a third cut (three quarters of the margin)
    /// settles it by agreeing with exactly one (``settledAmount(_:third:)``). A site not found once and only once, or
    /// whose cuts do not settle, has none.
    func readAgain(
        _ sites: [RereadSite], _ bytes: [UInt8], document: ReadDocument, pages: [PageText], scratch: ScratchDirectory
    ) async -> [RereadSite: Money] {
        // Each page's words parsed once: up to ``StatementReader/maxEveryAmountSites`` places are looked for in them.
        let words = PageWords(pages)
        var places: [(site: RereadSite, place: (page: Int, box: WordBox, words: [WordBox]))] = []
        for site in sites {
            let place: (page: Int, box: WordBox, words: [WordBox])?
            switch site {
            case .slip(let s): place = Self.place(of: s, in: words)
            case .marks(let row): place = Self.place(of: row, in: words)
            }
            if let place { places.append((site, place)) }
        }
        var zones: [Int: [(site: RereadSite, cuts: [(x: Int, y: Int, width: Int, height: Int)])]] = [:]
        for (site, place) in places {
            // The words that make the amount itself are not its neighbours.
            let others = place.words.filter { w in
                !(w.x0 >= place.box.x0 && w.x1 <= place.box.x1 && w.y0 >= place.box.y0 && w.y1 <= place.box.y1)
            }
            let cuts = Self.cutMargins.map { Self.zone(around: place.box, among: others, margin: $0) }
            zones[place.page, default: []].append((site, cuts))
        }
        var amounts: [RereadSite: Money] = [:]
        for (index, sites) in zones {
            let page = pages[index]
            let rotation = page.rotation
            let read = await withPageAgain(bytes, mediaType: document.mediaType, page: page, scratch: scratch) {
                recognizer in
                var out: [RereadSite: Money] = [:]
                for (site, cuts) in sites {
                    var texts: [String?] = []
                    for r in cuts.prefix(Self.agreeingCuts) {
                        texts.append(
                            await recognizer.zoneText(
                                rotation: rotation, x: r.x, y: r.y, width: r.width, height: r.height))
                    }
                    if let amount = Self.agreedAmount(texts) {
                        out[site] = amount
                    } else if cuts.count > Self.agreeingCuts,
                        texts.contains(where: { $0.flatMap(Self.singleAmount) != nil })
                    {
                        let r = cuts[Self.agreeingCuts]
                        // The two cuts read two amounts (« 244,85 » and « 244,35 »): a third, between them, settles
                        // it when it agrees with exactly one of them.
                        let third = await recognizer.zoneText(
                            rotation: rotation, x: r.x, y: r.y, width: r.width, height: r.height)
                        if let amount = Self.settledAmount(texts, third: third) { out[site] = amount }
                    }
                }
                return out
            }
            amounts.merge(read ?? [:]) { a, _ in a }
        }
        return amounts
    }

    /// The page (index in `pages`) and the box of the marks OCR read in a row's amount place: its words, in the
    /// order read (as read, or as the statement reader normalised them), on the row's page, once and only once there.
    /// Nil otherwise.
    static func place(of row: UnreadAmount, in pages: [PageText]) -> (page: Int, box: WordBox, words: [WordBox])? {
        place(of: row, in: PageWords(pages))
    }

    static func place(of row: UnreadAmount, in pages: PageWords) -> (page: Int, box: WordBox, words: [WordBox])? {
        let i = row.page - 1
        guard pages.words.indices.contains(i), let words = pages.words[i] else { return nil }
        let pieces = row.marks.split(separator: " ").map(String.init)
        guard !pieces.isEmpty else { return nil }
        var found: [WordBox] = []
        for start in words.indices where start + pieces.count <= words.count {
            let run = words[start..<(start + pieces.count)]
            // The marks as the statement reader saw them: its line normalised (« — » read as « - »).
            guard zip(run, pieces).allSatisfy({ $0.text == $1 || Self.normalised($0.text) == $1 }),
                let first = run.first
            else { continue }
            var box = first
            for w in run {
                box.x0 = min(box.x0, w.x0)
                box.y0 = min(box.y0, w.y0)
                box.x1 = max(box.x1, w.x1)
                box.y1 = max(box.y1, w.y1)
            }
            found.append(box)
        }
        return found.count == 1 ? (i, found[0], words) : nil
    }

    /// The page (index in `pages`) and the word box of the one place its amount was read on: the site's page, or every
    /// page for a balance. Nil when it was read on no page's words or on more than one place (two rows read alike:
    /// reading one again would not tell which row it was).
    static func place(of site: AmountDoubt.Site, in pages: [PageText]) -> (page: Int, box: WordBox, words: [WordBox])? {
        place(of: site, in: PageWords(pages))
    }

    static func place(of site: AmountDoubt.Site, in pages: PageWords) -> (page: Int, box: WordBox, words: [WordBox])? {
        let indices: [Int]
        if let p = site.page {
            guard pages.words.indices.contains(p - 1) else { return nil }
            indices = [p - 1]
        } else {
            indices = Array(pages.words.indices)
        }
        var found: [(page: Int, box: WordBox, words: [WordBox])] = []
        for i in indices {
            guard let words = pages.words[i] else { continue }
            for box in pages.amounts[i] where box.amount == site.read {
                found.append((i, box.box, words))
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// The amounts (without sign) a page's words show, each with its box: one word (« -86,59 », « 4.232,09 ») or two
    /// on one line, the first of one to three digits (« 1 » « 234,56 »: a thousands group OCR cut apart).
    static func amountBoxes(_ words: [WordBox]) -> [(amount: Money, box: WordBox)] {
        var out: [(amount: Money, box: WordBox)] = []
        var joined = -1
        for (i, w) in words.enumerated() where i != joined {
            if let a = singleAmount(in: w.text) {
                out.append((a, w))
                continue
            }
            guard i + 1 < words.count, (1...3).contains(w.text.count), w.text.first?.isNumber == true,
                w.text.allSatisfy({ $0.isNumber || Self.specks.contains($0) })
            else { continue }
            let next = words[i + 1]
            // Side by side on one line: the next word starts within a line height of this one's end.
            guard next.x0 > w.x1, next.x0 - w.x1 <= max(w.height, next.height), abs(next.midY - w.midY) < w.height / 2
            else { continue }
            // A thousands group with a speck beside it (« 1! 461,32 »): the amount is the one read after it, the box
            // both words, so that the group is read again with it.
            let speckled = !w.text.allSatisfy(\.isNumber)
            guard let a = singleAmount(in: speckled ? next.text : w.text + " " + next.text) else { continue }
            var box = w
            box.x1 = next.x1
            box.y0 = min(w.y0, next.y0)
            box.y1 = max(w.y1, next.y1)
            out.append((a, box))
            // Its second word is not an amount of its own (« 280,96 » of « 4 280,96 »).
            joined = i + 1
        }
        return out
    }

    /// Marks a scan's specks make OCR add to a digit (« 1! », « 1| »).
    static let specks: Set<Character> = ["!", "|", "'", "`", ":", ";", "."]

    /// The amount the cuts of one place agree on: one of them reads it as an amount (and any other that does reads the
    /// same), and every cut shows its digits in a row (« 115317 » agrees with « 1.153,17 »: a tighter cut may lose the
    /// separators; a euro sign read as « 4 » after them adds a digit, never one inside them). Nil when a cut read
    /// nothing or the cuts disagree.
    static func agreedAmount(_ texts: [String?]) -> Money? {
        var amount: Money? = nil
        for text in texts {
            guard let text else { return nil }
            if let a = singleAmount(in: text) {
                guard amount == nil || amount == a else { return nil }
                amount = a
            }
        }
        guard let amount else { return nil }
        let digits = String(amount.cents)
        for text in texts {
            let shown = String((text ?? "").filter { $0.isASCII && $0.isNumber })
            guard shown.contains(digits) else { return nil }
        }
        return amount
    }

    /// The amount a third cut settles when the first two disagree: the one it agrees on (``agreedAmount(_:)``) with
    /// exactly one of them. Nil when it agrees with neither or with both.
    static func settledAmount(_ texts: [String?], third: String?) -> Money? {
        let agreed = Set(texts.compactMap { agreedAmount([$0, third]) })
        return agreed.count == 1 ? agreed.first : nil
    }

    /// A word as the statement reader sees it in its line (``StatementText/normalise(_:ocr:euroCommas:)``).
    static func normalised(_ word: String) -> String {
        StatementText.normalise(word, ocr: true, euroCommas: false).trimmingCharacters(in: .whitespaces)
    }

    /// The one amount a text shows, without sign; nil for none or several.
    static func singleAmount(in text: String) -> Money? {
        let found = AmountScanner.find(in: text)
        guard found.count == 1 else { return nil }
        return found[0].amount.magnitude
    }

    /// The rectangle read again around an amount's word box, among its page's other words: a little margin on each
    /// side (`margin` times a third of its height above and below, times half of it left and right), so that no
    /// stroke of its digits is cut, but never more than half-way to the nearest word beside, above or below it: a
    /// stroke of the row above, cut out with it, can read as one more digit (« -386,59 »).
    static func zone(around box: WordBox, among words: [WordBox], margin: Double = 1) -> (
        x: Int, y: Int, width: Int, height: Int
    ) {
        let h = box.height
        guard h > 0, margin > 0 else { return (0, 0, 0, 0) }
        var top = margin * h / 3
        var bottom = top
        var left = margin * h / 2
        var right = left
        for w in words {
            let overlapsX = w.x0 < box.x1 + right && w.x1 > box.x0 - left
            let overlapsY = w.y0 < box.y1 && w.y1 > box.y0
            if overlapsX, w.y1 <= box.y0 { top = min(top, (box.y0 - w.y1) / 2) }
            if overlapsX, w.y0 >= box.y1 { bottom = min(bottom, (w.y0 - box.y1) / 2) }
            if overlapsY, w.x1 <= box.x0 { left = min(left, (box.x0 - w.x1) / 2) }
            if overlapsY, w.x0 >= box.x1 { right = min(right, (w.x0 - box.x1) / 2) }
        }
        let x0 = max(0, box.x0 - left)
        let y0 = max(0, box.y0 - top)
        let x1 = box.x1 + right
        let y1 = box.y1 + bottom
        guard x0.isFinite, y0.isFinite, x1 > x0, y1 > y0, x1 < 1_000_000, y1 < 1_000_000 else { return (0, 0, 0, 0) }
        return (Int(x0), Int(y0), Int((x1 - x0).rounded(.up)), Int((y1 - y0).rounded(.up)))
    }
}

import CoopmailDomain
import CoopmailText

extension StatementReader {
    // MARK: Page totals

    /// A carried-total line that states what its page's movements add up to: « Total de la page », « TOTAL DES
    /// MOUVEMENTS », « TOTAL DES OPÉRATIONS », « totaux », « sous-total », « cumul », « à reporter », « report ». Other
    /// « total … » lines (a fee summary) are not checks.
    static func isPageCheck(_ folded: String) -> Bool {
        let words = Folding.words(folded)
        if words.contains(where: { $0 == "report" || $0 == "reporter" || $0 == "reporte" || $0 == "reportes" }) {
            return true
        }
        if words.contains(where: { $0 == "totaux" || $0 == "cumul" || $0 == "cumuls" }) { return true }
        let phrases = [
            "sous-total", "sous total", "total de la page", "total page", "total des mouvements", "total mouvements",
            "total des operations", "total operations",
        ]
        return phrases.contains { folded.contains($0) }
    }

    /// The printed total of a carried-total line: one amount (a net total, or a carried balance) or two (débits and
    /// crédits, in either order). Nil when the line is not a check or holds no or more than two amounts.
    static func pageTotal(_ line: String, folded: String, page: Int) -> PageTotal? {
        guard isPageCheck(folded) else { return nil }
        let found = AmountScanner.find(in: folded)
        guard let first = found.first, found.count <= 2 else { return nil }
        let words = substring(folded, 0, first.range.lowerBound).split(separator: " ").joined(separator: " ")
        return PageTotal(page: page, amounts: found.map { $0.amount.magnitude }, label: words)
    }

    /// Checks every printed total against the movements read: two amounts must be the débits and crédits (in either
    /// order) of the movements since the previous total on that page, or of all the movements since the statement's
    /// start (totals carried from page to page); one amount must be one of these sums, their difference, or the running
    /// balance (a carried balance). Returns the French reason of the first total that does not add up, naming its page
    /// (empty when every total adds up).
    ///
    /// A total carried to the top of a later page (« Report ») with no movement since the total it carries, that reads
    /// each of that total's amounts with one OCR slip (« 3751,33 » and « 127,52 » under « 3 757,33 » and
    /// « 5 127,52 »), is that total misread, not a page that does not add up: it repeats figures already checked.
    static func pageTotalFailures(_ events: [Event]) -> [String] {
        var all = (debit: Money.zero, credit: Money.zero)
        var segment = (debit: Money.zero, credit: Money.zero)
        var segmentPage = 0
        var running: Money? = nil
        // The last total checked, while no movement follows it.
        var carried: PageTotal? = nil
        for e in events {
            if case .movement = e { carried = nil }
            switch e {
            case .balance(let b):
                running = b.amount
            case .movement(let m):
                if m.page != segmentPage {
                    segment = (.zero, .zero)
                    segmentPage = m.page
                }
                let magnitude = m.amount.magnitude
                let sums =
                    m.amount.cents < 0
                    ? (all.debit.adding(magnitude), segment.debit.adding(magnitude))
                    : (all.credit.adding(magnitude), segment.credit.adding(magnitude))
                guard let a = sums.0, let s = sums.1 else {
                    return [
                        "Les montants du relevé dépassent ce qu'un relevé peut porter : ses totaux n'ont pas été vérifiés."
                    ]
                }
                if m.amount.cents < 0 {
                    all.debit = a
                    segment.debit = s
                } else {
                    all.credit = a
                    segment.credit = s
                }
                running = running.flatMap { $0.adding(m.amount) }
            case .total(let t):
                if t.page != segmentPage {
                    segment = (.zero, .zero)
                    segmentPage = t.page
                }
                if !totalMatches(t.amounts, segment: segment, all: all, running: running) {
                    if let c = carried, c.page < t.page, repeatsWithSlips(t.amounts, c.amounts) { continue }
                    // The first page that does not add up is named: the totals carried after it repeat its error.
                    return [failureReason(t, segment: segment)]
                }
                segment = (.zero, .zero)
                carried = t
            }
        }
        return []
    }

    static func totalMatches(
        _ printed: [Money], segment: (debit: Money, credit: Money), all: (debit: Money, credit: Money),
        running: Money?
    ) -> Bool {
        let pairs = [segment, all]
        if printed.count == 2 {
            return pairs.contains { p in
                (printed[0] == p.debit && printed[1] == p.credit) || (printed[0] == p.credit && printed[1] == p.debit)
            }
        }
        guard let x = printed.first else { return true }
        var candidates: [Money] = []
        for p in pairs {
            candidates += [p.debit, p.credit]
            if let net = p.credit.subtracting(p.debit) { candidates.append(net.magnitude) }
        }
        if let running { candidates.append(running.magnitude) }
        return candidates.contains(x)
    }

    /// Whether `read` are the amounts `printed` read with OCR slips: as many, in the same order or (two) swapped, each
    /// the same or one slip from it (``Money/isOneSlip(from:)``).
    static func repeatsWithSlips(_ read: [Money], _ printed: [Money]) -> Bool {
        guard read.count == printed.count, !read.isEmpty else { return false }
        let orders = read.count == 2 ? [printed, printed.reversed()] : [printed]
        return orders.contains { order in
            zip(read, order).allSatisfy { $0 == $1 || $0.isOneSlip(from: $1) }
        }
    }

    static func failureReason(_ t: PageTotal, segment: (debit: Money, credit: Money)) -> String {
        let printed = t.amounts.map(\.french).joined(separator: " et ")
        let label = t.label.isEmpty ? "le total" : "« \(t.label) »"
        return
            "Page \(t.page) du relevé : \(label) imprime \(printed), mais les opérations lues sur cette page font "
            + "\(segment.debit.french) au débit et \(segment.credit.french) au crédit : la page ne s'additionne pas."
    }

    // MARK: OCR slips

    /// Digits OCR commonly reads one for the other (each pair both ways).
    static let confusableDigits: [Character: [Character]] = [
        "0": ["8", "6", "9"], "1": ["7", "4"], "3": ["8", "9", "5"], "4": ["1"], "5": ["6", "3", "8"],
        "6": ["5", "8", "0"], "7": ["1"], "8": ["3", "6", "0", "9", "5"], "9": ["8", "0", "3"],
    ]

    /// The amounts `amount` may have been before one digit was misread (same sign).
    static func slipVariants(_ amount: Money) -> [Money] {
        let magnitude = amount.magnitude.cents
        guard magnitude >= 0 else { return [] }
        var digits = Array(String(magnitude))
        while digits.count < 3 { digits.insert("0", at: 0) }
        var out: [Money] = []
        for (i, d) in digits.enumerated() {
            for other in confusableDigits[d] ?? [] {
                // A leading zero is never printed (except the units of an amount below one euro).
                if i == 0, other == "0", digits.count > 3 { continue }
                var changed = digits
                changed[i] = other
                guard let cents = Int64(String(changed)) else { continue }
                out.append(Money(cents: amount.cents < 0 ? -cents : cents))
            }
        }
        return out
    }

    /// The amounts an amount read with a leading zero (« -082,62 », ``MovementLine/leadingZero``) may have been: that
    /// zero one of the digits OCR reads as 0 (« -982,62 », « -882,62 », « -682,62 »), same sign.
    static func leadingDigitVariants(_ amount: Money) -> [Money] {
        let magnitude = amount.magnitude.cents
        guard magnitude >= 0, magnitude < 1_000_000_000_000 else { return [] }
        var place: Int64 = 100
        while place <= magnitude { place *= 10 }
        return (confusableDigits["0"] ?? []).compactMap { d in
            guard let digit = Int64(String(d)) else { return nil }
            let cents = digit * place + magnitude
            return Money(cents: amount.cents < 0 ? -cents : cents)
        }
    }

    /// Most readings tried when looking for an OCR slip (a statement holds a few dozen amounts of a few digits).
    static let maxSlipTrials = 6_000
    /// Most lines (movements, balances, totals) of a statement whose slips are looked for.
    static let maxSlipEvents = 400

    /// Most single-slip corrections a second look reads again (``AmountRereads``): each costs one line of OCR.
    static let maxAmountDoubts = 16

    /// What the single-slip search found.
    enum SlipOutcome {
        /// The one correction that makes every printed check add up (or the one the amounts read again confirm).
        case corrected(events: [Event], note: String)
        /// Several corrections do, each in a different amount, and the amounts have not been read again (or their
        /// second reading confirmed none): the amounts a second look should read on their own.
        case doubtful([AmountDoubt])
        /// None does, or too many to try or to read again.
        case none
    }

    /// When the movements of an OCR'd statement do not add up, tries every single-digit OCR slip in every amount
    /// (movements, balances, printed totals): the reading is corrected only when exactly one such slip makes every run
    /// between balances add up to the cent, signs as read, and every printed total match its page. When several do,
    /// the reading is corrected only when `rereads` (those amounts read again, each on its own) confirm one and show
    /// the others as first read (``AmountRereads/confirmed(among:)``); otherwise the statement stays unreconciled and
    /// the doubtful amounts are returned for a second look.
    static func slipCorrection(_ events: [Event], rereads: AmountRereads? = nil) -> SlipOutcome {
        // A statement of a few pages; beyond, trying every slip costs more than it may find.
        guard events.count <= maxSlipEvents else { return .none }
        var found: [(events: [Event], event: Event, read: Money, kept: Money, doubt: AmountDoubt)] = []
        var trials = 0
        for i in events.indices {
            let page = page(of: events[i])
            var leadingZero = false
            if case .movement(let m) = events[i] { leadingZero = m.leadingZero }
            for (k, amount) in amounts(of: events[i]).enumerated() {
                for variant in slipVariants(amount) + (leadingZero ? leadingDigitVariants(amount) : []) {
                    trials += 1
                    guard trials <= maxSlipTrials else { return .none }
                    var candidate = events
                    candidate[i] = replacing(events[i], amountAt: k, with: variant)
                    let (result, fine) = reconcile(candidate, flips: false)
                    guard fine, pageTotalFailures(result).isEmpty else { continue }
                    guard found.count < maxAmountDoubts else { return .none }
                    let doubt = AmountDoubt(
                        site: .init(page: page, read: amount.magnitude), variant: variant.magnitude)
                    found.append((result, events[i], amount, variant, doubt))
                }
            }
        }
        let chosen: Int
        if found.count == 1 {
            chosen = 0
        } else {
            guard found.count > 1 else { return .none }
            let doubts = found.map(\.doubt)
            guard let rereads, let i = rereads.confirmed(among: doubts) else { return .doubtful(doubts) }
            chosen = i
        }
        let c = found[chosen]
        return .corrected(events: c.events, note: slipNote(c.event, read: c.read, kept: c.kept, among: found.count))
    }

    static func replacing(_ event: Event, amountAt k: Int, with amount: Money) -> Event {
        switch event {
        case .movement(var m):
            m.amount = amount
            return .movement(m)
        case .balance(var b):
            b.amount = amount
            return .balance(b)
        case .total(var t):
            if k < t.amounts.count { t.amounts[k] = amount }
            return .total(t)
        }
    }

    /// `among`: how many single-digit corrections made the figures add up (more than one: the amounts were read
    /// again to choose).
    static func slipNote(_ event: Event, read: Money, kept: Money, among count: Int = 1) -> String {
        let line = described(event)
        let why =
            count == 1
            ? "c'est la seule correction d'un chiffre qui fait concorder les soldes et les totaux imprimés."
            : "\(count) corrections d'un chiffre font concorder les soldes et les totaux imprimés ; relu seul sur la "
                + "page, ce montant se lit \(kept.magnitude.french), et chacun des autres montants en cause se lit comme à la "
                + "première lecture."
        return
            "Montant corrigé à la lecture (OCR) : \(line), lu \(read.magnitude.french), retenu \(kept.magnitude.french) : "
            + why
    }
}

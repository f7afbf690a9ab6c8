import CoopmailDomain

extension StatementReader {
    /// Most amounts of one statement a second look reads again on their own (``AmountRereads/everyAmount``): two cuts
    /// of one line of OCR each; a statement of two full pages holds some sixty.
    static let maxEveryAmountSites = 80

    /// Most amounts that may read otherwise on their own for the statement to be read with them: more, and the second
    /// look is no better than the first (a page too blurred for either).
    static let maxAmountsReadOtherwise = 3

    /// The places of every amount of an OCR'd statement (movements, balances, printed totals), each printed once
    /// among them: an amount read twice (two rows alike) cannot be told apart when read again, so it is left out.
    static func amountSites(_ events: [Event]) -> [AmountDoubt.Site] {
        var counts: [AmountDoubt.Site: Int] = [:]
        var order: [AmountDoubt.Site] = []
        for event in events {
            for site in sites(of: event) {
                if counts[site] == nil { order.append(site) }
                counts[site, default: 0] += 1
            }
        }
        return order.filter { counts[$0] == 1 }
    }

    /// An event's amounts' places: its page and each amount without sign.
    static func sites(of event: Event) -> [AmountDoubt.Site] {
        let page = page(of: event)
        return amounts(of: event).map { AmountDoubt.Site(page: page, read: $0.magnitude) }
    }

    /// The page an event was read on; none for a balance, whose page is not kept.
    static func page(of event: Event) -> Int? {
        switch event {
        case .movement(let m): return m.page
        case .balance: return nil
        case .total(let t): return t.page
        }
    }

    /// What every amount read again on its own makes of a statement's events (``AmountRereads/everyAmount``): each
    /// amount that reads otherwise takes what it read, sign as first read. Taken only when at most
    /// ``maxAmountsReadOtherwise`` amounts read otherwise, each by one OCR slip (one digit changed, lost or added:
    /// « 21,77 » for « 211,77 »); otherwise none is (`refused`), and the statement stays as first read. The statement
    /// must then add up as read, with no slip corrected: only its own figures say the second look was right.
    /// Nil when nothing was read again.
    static func everyAmountReadAgain(_ events: [Event], again: [AmountDoubt.Site: Money]) -> (
        events: [Event], notes: [String], refused: Bool
    )? {
        guard !again.isEmpty else { return nil }
        let unique = Set(amountSites(events))
        var out = events
        var notes: [String] = []
        for i in events.indices {
            var event = events[i]
            var changed = false
            for (k, site) in sites(of: events[i]).enumerated() {
                guard unique.contains(site), let read = again[site], read != site.read else { continue }
                guard site.read.isOneSlip(from: read) else { return (events, [], true) }
                let amount = amounts(of: events[i])[k]
                event = replacing(event, amountAt: k, with: amount.cents < 0 ? -read.magnitude : read.magnitude)
                changed = true
                notes.append(
                    "Montant relu à part (OCR) : \(described(events[i])), lu \(site.read.french), relu seul sur la page : "
                        + "\(read.french) ; avec les montants relus, les soldes et les totaux imprimés concordent.")
            }
            if changed { out[i] = event }
        }
        guard notes.count <= maxAmountsReadOtherwise else { return (events, [], true) }
        return (out, notes, false)
    }

    /// An event's amounts as read, signed: a movement's or a balance's one, a printed total's every one.
    static func amounts(of event: Event) -> [Money] {
        switch event {
        case .movement(let m): return [m.amount]
        case .balance(let b): return [b.amount]
        case .total(let t): return t.amounts
        }
    }

    /// The line of a statement an event stands for, as staff find it: its page, date and label.
    static func described(_ event: Event) -> String {
        switch event {
        case .movement(let m): return "page \(m.page), opération du \(m.date.french) « \(m.label) »"
        case .balance(let b): return "solde « \(b.label) »"
        case .total(let t): return "page \(t.page), total « \(t.label) »"
        }
    }
}

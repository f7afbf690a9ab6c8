import CoopmailDomain

extension StatementReader {
    // MARK: Reconciliation

    /// Checks each run of movements between consecutive balances; where a run does not add up, flips the signs of
    /// the fewest movements whose sign was not printed or placed by column, when exactly one such correction exists.
    /// A run whose total leaves Int64 (amounts no statement holds) does not reconcile.
    /// `flips` false: no sign is changed, every run must add up as read.
    static func reconcile(_ events: [Event], flips: Bool = true) -> ([Event], Bool) {
        var out = events
        let balanceIndices = events.indices.filter {
            if case .balance = events[$0] { return true } else { return false }
        }
        guard let firstBalance = balanceIndices.first, let lastBalance = balanceIndices.last, balanceIndices.count >= 2
        else {
            return (events, false)
        }
        var ok = true
        // Movements before the first or after the last balance cannot be checked.
        let hasMovement = { (r: Range<Int>) in
            r.contains { i in if case .movement = events[i] { return true } else { return false } }
        }
        if hasMovement(0..<firstBalance) || hasMovement((lastBalance + 1)..<events.count) { ok = false }
        for (a, b) in zip(balanceIndices, balanceIndices.dropFirst()) {
            guard case .balance(let start) = events[a], case .balance(let end) = events[b] else { continue }
            let run = Array((a + 1)..<b)
            let moves = run.compactMap { i -> (Int, MovementLine)? in
                if case .movement(let m) = events[i] { return (i, m) } else { return nil }
            }
            guard let sum = Money.sum(moves.map(\.1.amount), start: start.amount), let gap = end.amount.subtracting(sum)
            else {
                ok = false
                continue
            }
            if gap == .zero { continue }
            guard flips else {
                ok = false
                continue
            }
            let flippable = moves.filter {
                $0.1.basis == .keyword || $0.1.basis == .assumed || $0.1.basis == .approximateColumn
            }
            guard let fix = uniqueFlip(flippable, gap: gap) else {
                ok = false
                continue
            }
            for (i, m) in fix {
                var flipped = m
                flipped.amount = -m.amount
                out[i] = .movement(flipped)
            }
        }
        return (out, ok)
    }

    /// The unique smallest set (up to three) of movements whose sign flip closes `gap`; nil when none or ambiguous.
    static func uniqueFlip(_ moves: [(Int, MovementLine)], gap: Money) -> [(Int, MovementLine)]? {
        guard !moves.isEmpty, moves.count <= 40 else { return nil }
        // Flipping m changes the sum by -2 * m.amount (no fix is looked for among amounts too large to double).
        var deltas: [Money] = []
        for (_, m) in moves {
            let (d, overflow) = m.amount.cents.multipliedReportingOverflow(by: -2)
            guard !overflow else { return nil }
            deltas.append(Money(cents: d))
        }
        for size in 1...min(3, moves.count) {
            var solutions: [[Int]] = []
            func search(_ from: Int, _ chosen: [Int], _ total: Money) {
                if solutions.count > 1 { return }
                if chosen.count == size {
                    if total == gap { solutions.append(chosen) }
                    return
                }
                guard from < deltas.count else { return }
                for k in from..<deltas.count {
                    guard let next = total.adding(deltas[k]) else { continue }
                    search(k + 1, chosen + [k], next)
                }
            }
            search(0, [], .zero)
            if solutions.count == 1 { return solutions[0].map { moves[$0] } }
            if solutions.count > 1 { return nil }
        }
        return nil
    }
}

import CoopmailDomain
import CoopmailText

/// Looks for a visible explanation of a difference: a cheque, a movement after 31/08, a bank fee, the report à
/// nouveau, a balance at another date, a sign error. Statements must be in canonical order so hints are stable.
struct CauseFinder {
    var declaration: FinancialReport
    var statements: [BankStatement]
    var closing: CalendarDate

    private var movements: [BankStatement.Movement] {
        var seen = Set<BankStatement.Movement>()
        return statements.flatMap(\.movements).filter { seen.insert($0).inserted }
    }

    /// Causes of a difference between the statement balance and the expected bank balance.
    func statementCauses(found: Money, expected: Money) -> [LikelyCause] {
        let d = declaration
        let gap = (found - expected).magnitude
        guard gap.cents != 0 else { return [] }
        var causes: [LikelyCause] = []
        var movementMatched = false
        for m in movements where m.amount.magnitude == gap {
            if m.amount.cents < 0 && CauseFinder.isCheque(m.label) {
                causes.append(.cheque(m, afterClosing: m.date > closing))
                movementMatched = true
            }
        }
        if !movementMatched, let m = movements.first(where: { $0.date > closing && $0.amount.magnitude == gap }) {
            causes.append(.movementAfterClosing(m))
        }
        causes += feeCauses(gap)
        if d.openingBalance.cents != 0 && d.openingBalance.magnitude == gap {
            causes.append(.openingBalanceAsIncome(d.openingBalance))
        }
        if let line = statements.flatMap(\.balances).filter({ $0.date != closing && $0.date < closing })
            .sorted(by: { $0.date > $1.date })
            .first(where: { $0.amount == d.bookBankBalance || $0.amount == expected })
        {
            causes.append(.balanceAtOtherDate(line))
        }
        let flipped = -d.bookBankBalance + d.outstandingCheques - d.depositsInTransit
        if found.cents != 0 && (found == -expected || (d.bookBankBalance.cents != 0 && flipped == found)) {
            causes.append(.signError(found))
        }
        if found == d.bookBankBalance && (d.outstandingCheques.cents != 0 || d.depositsInTransit.cents != 0) {
            causes.append(.reconciliationItems(cheques: d.outstandingCheques, deposits: d.depositsInTransit))
        } else if d.outstandingCheques != d.depositsInTransit
            && d.bookBankBalance - d.outstandingCheques + d.depositsInTransit == found
        {
            causes.append(.swappedItems)
        }
        return causes
    }

    /// Causes of an unbalanced CRF (report à nouveau + produits − charges ≠ solde banque + solde caisse).
    func balanceCauses(found: Money, expected: Money) -> [LikelyCause] {
        let d = declaration
        let gap = (found - expected).magnitude
        guard gap.cents != 0 else { return [] }
        var causes: [LikelyCause] = []
        if d.openingBalance.cents != 0 && d.openingBalance.magnitude == gap {
            causes.append(.openingBalanceAsIncome(d.openingBalance))
        }
        causes += feeCauses(gap)
        let bankFlipped = -d.bookBankBalance + d.cashBalance
        let cashFlipped = d.bookBankBalance - d.cashBalance
        if (d.bookBankBalance.cents != 0 && bankFlipped == expected)
            || (d.cashBalance.cents != 0 && cashFlipped == expected)
        {
            causes.append(.signError(expected))
        }
        return causes
    }

    private func feeCauses(_ gap: Money) -> [LikelyCause] {
        guard
            let fee = movements.first(where: {
                $0.amount.magnitude == gap && $0.date <= closing && CauseFinder.isFee($0.label)
            })
        else { return [] }
        return [.bankFee(fee)]
    }

    static func isCheque(_ label: String) -> Bool {
        let words = Folding.bankLabel.fold(label).split(whereSeparator: { !$0.isLetter })
        return words.contains { $0 == "chq" || $0 == "cheque" || $0 == "cheques" }
    }

    static func isFee(_ label: String) -> Bool {
        let l = Folding.bankLabel.fold(label)
        return ["frais", "cotisation", "commission", "cotis ", "comm "].contains { l.contains($0) }
    }
}

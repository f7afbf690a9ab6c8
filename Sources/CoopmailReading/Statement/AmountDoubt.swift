import CoopmailDomain

/// An amount of an OCR'd statement that one OCR slip may have misread, when several such slips, each in a different
/// amount, make the statement add up: the statement's own figures cannot tell which one it was, so the reader reads
/// each of them again on its own (``AmountRereads``) before taking any.
public struct AmountDoubt: Hashable, Sendable {
    /// Where the amount is printed and how it was read: what the second look searches the page's words for.
    public struct Site: Hashable, Sendable {
        /// 1-based page of the statement's text (not of the document); nil for a balance line, whose page is not kept.
        public var page: Int?
        /// The amount as read, without its sign.
        public var read: Money
    }

    public var site: Site
    /// The amount (without sign) the slip would make of it.
    public var variant: Money
}

/// A row of an OCR'd statement whose amount OCR turned into marks (« 04/09/2021 COMMISSION INTERVENTION l'ATTE »):
/// nothing is computed from the statement unless a second look reads the amount in their place.
public struct UnreadAmount: Hashable, Sendable {
    /// 1-based page of the statement's text.
    public var page: Int
    /// What OCR read in the amount's place, words parted by one space.
    public var marks: String
}

/// What a second look read in each doubtful amount's place, read on its own (one line, cut out of the page): the
/// amount it shows there, without sign. A site the second look could not find once and only once on its page, or
/// could not read as one amount, has no entry.
public struct AmountRereads: Hashable, Sendable {
    public var amounts: [AmountDoubt.Site: Money]
    /// The amounts read in the place of rows whose amount OCR first turned into marks (``UnreadAmount``). The statement
    /// is then read with them, and must add up as read: no slip is corrected then.
    public var marks: [UnreadAmount: Money]
    /// Every amount of a statement that does not add up, read again on its own (``StatementReader/amountSites(_:)``),
    /// when no single slip explains it (two amounts misread, « -880,27 » and « -892,03 » for « -380,27 » and
    /// « -392,03 »; a digit lost, « 21,77 » for « 211,77 »): the amounts that read otherwise are taken, and the
    /// statement must then add up as read (``StatementReader/everyAmountReadAgain(_:again:)``).
    public var everyAmount: [AmountDoubt.Site: Money]

    public init(
        _ amounts: [AmountDoubt.Site: Money] = [:], marks: [UnreadAmount: Money] = [:],
        everyAmount: [AmountDoubt.Site: Money] = [:]
    ) {
        self.amounts = amounts
        self.marks = marks
        self.everyAmount = everyAmount
    }

    /// Of several single-slip corrections that each make the statement add up, the one its amount read again confirms,
    /// when every other one's amount read again shows what the first reading read (not its slip): its index in
    /// `doubts`. Nil when any doubtful amount was not read again, or when none or several are confirmed.
    func confirmed(among doubts: [AmountDoubt]) -> Int? {
        var chosen: Int? = nil
        for (i, doubt) in doubts.enumerated() {
            guard let again = amounts[doubt.site] else { return nil }
            if again == doubt.variant {
                guard chosen == nil else { return nil }
                chosen = i
            } else if again != doubt.site.read {
                // Read again as neither: that reading proves nothing either way.
                return nil
            }
        }
        return chosen
    }
}

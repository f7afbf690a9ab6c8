import CoopmailDomain
import CoopmailText
import Foundation

/// Reads a BRED (Banque Populaire) statement's text (`pdftotext -layout` output or OCR) into a ``BankStatement``.
public enum StatementReader {
    /// `ocr`: the text came from OCR, whose column positions are approximate: a sign taken from a column may then be
    /// corrected by reconciliation.
    /// `rereads`: amounts of an OCR'd statement read again on their own, cut out of the page: its doubtful amounts
    /// (``amountDoubts(_:)``), when one OCR slip would make it add up in more than one way, and its rows whose amount
    /// came out as marks (``unreadAmounts(_:)``).
    public static func read(_ text: String, ocr: Bool = false, rereads: AmountRereads? = nil) -> StatementReading {
        guard ocr else { return read(text, ocr: false, euroCommas: false) }
        return readRepairingEuroCommas(text, rereads: rereads).reading
    }

    /// The amounts of an OCR'd statement worth reading again on their own: when its figures do not add up and one OCR
    /// slip, in any of several amounts, would make them add up. Empty otherwise.
    public static func amountDoubts(_ text: String) -> [AmountDoubt] {
        readRepairingEuroCommas(text, rereads: nil).doubts
    }

    /// The rows of an OCR'd statement whose amount OCR turned into marks, where a second look may read it.
    public static func unreadAmounts(_ text: String) -> [UnreadAmount] {
        readRepairingEuroCommas(text, rereads: nil).unread
    }

    /// Every amount of an OCR'd statement that does not add up, each printed once in it: what a second look reads
    /// again on its own when no single slip explains the figures (``AmountRereads/everyAmount``). Empty when it adds
    /// up, when a row's amount was not read, or beyond ``maxEveryAmountSites``.
    public static func amountSites(_ text: String) -> [AmountDoubt.Site] {
        readRepairingEuroCommas(text, rereads: nil).sites
    }

    /// A statement read, with what a second look may read again when it does not add up.
    typealias Detailed = (
        reading: StatementReading, doubts: [AmountDoubt], unread: [UnreadAmount], sites: [AmountDoubt.Site]
    )

    /// `euroCommas`: amounts before « € » that show no comma are taken as having lost it (OCR text only).
    static func read(_ text: String, ocr: Bool, euroCommas: Bool, columnCommas: Bool = false) -> StatementReading {
        readDetailed(text, ocr: ocr, euroCommas: euroCommas, columnCommas: columnCommas, rereads: nil).reading
    }

    /// The statement read, and the amounts worth reading again on their own when it does not add up
    /// (``amountDoubts(_:)``, ``unreadAmounts(_:)``). `columnCommas`: see ``readRepairingEuroCommas(_:rereads:)``.
    static func readDetailed(
        _ text: String, ocr: Bool, euroCommas: Bool, columnCommas: Bool = false, rereads: AmountRereads?
    ) -> Detailed {
        // Pages (form feeds) are kept apart: a page's printed totals are checked against that page's movements.
        var numbered: [(page: Int, line: String)] = []
        for (p, pageText) in pages(text).enumerated() {
            let raw = pageText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for line in joinOrphanAmounts(
                raw.map { StatementText.normalise($0, ocr: ocr, euroCommas: euroCommas, columnCommas: columnCommas) })
            {
                numbered.append((p + 1, line))
            }
        }
        let lines = numbered.map(\.line)
        var statement = BankStatement()
        statement.iban = IBANFinder.find(in: text, ocrFixes: ocr)
        statement.accountNumber = IBANFinder.shortAccountNumber(in: text)
        statement.holder = holder(in: lines)
        if let period = period(in: lines) {
            statement.periodStart = period.lowerBound
            statement.periodEnd = period.upperBound
        }
        let periodRange: ClosedRange<CalendarDate>? =
            statement.periodStart.flatMap { s in statement.periodEnd.map { s...$0 } }
            ?? inferredPeriod(lines)
        var columns: Columns? = nil
        var valueDateFirst = false
        var bothDates = false
        var dateColumnStarts: (operation: Int, value: Int)? = nil
        var runningBalanceEnd: Int? = nil
        var events: [Event] = []
        var movementCount = 0
        var approximateBalances: [Int] = []
        var tables: [ColumnTable] = []
        for (page, numberedLine) in numbered {
            var line = numberedLine
            // A table header repeated on a later page is not a label line: moved, its columns would shift.
            if ocr, let c = columns, let labelStart = c.labelStart, !Columns.isHeader(Folding.fold(line)) {
                line = reindented(line, labelStart: labelStart, period: periodRange)
            }
            let folded = Folding.fold(line)
            if let c = Columns(header: folded) {
                columns = c
                tables.append(ColumnTable(columns: c))
                valueDateFirst = Columns.valueDateFirst(header: line)
                bothDates = Columns.namesBothDates(header: line) || (ocr && Columns.namesOnlyValueDate(header: line))
                dateColumnStarts = Columns.dateColumnStarts(header: line)
                runningBalanceEnd = Columns.runningBalanceEnd(header: folded)
                continue
            }
            if Columns.isAmountHeader(folded) {
                // A one-amount-column header (« Montant ») ends the débit/crédit columns of an earlier page.
                columns = nil
                valueDateFirst = Columns.valueDateFirst(header: line)
                bothDates = Columns.namesBothDates(header: line) || (ocr && Columns.namesOnlyValueDate(header: line))
                dateColumnStarts = Columns.dateColumnStarts(header: line)
                runningBalanceEnd = Columns.runningBalanceEnd(header: folded)
                continue
            }
            if isCarriedTotal(folded) {
                if let total = pageTotal(line, folded: folded, page: page) { events.append(.total(total)) }
                continue
            }
            let pieces = splitAtCues(line, folded: folded)
            let balances = pieces.compactMap { piece in
                balanceLineAndBasis(
                    piece, folded: Folding.fold(piece), columns: columns, period: periodRange,
                    periodStart: statement.periodStart, periodEnd: statement.periodEnd,
                    undatedAfterMovements: ocr ? movementCount > 0 : nil)
            }
            if !balances.isEmpty {
                for (var b, byColumn, span) in balances {
                    if ocr && byColumn { b.signFromOCRColumn = true }
                    if ocr { b.readByOCR = true }
                    if ocr && byColumn { approximateBalances.append(events.count) }
                    // A balance printed in a running-balance column tells nothing of the débit/crédit columns.
                    if byColumn, let span, !tables.isEmpty,
                        !(columns.map { $0.isRunningBalance(amountEnd: span.upperBound, runningBalanceEnd) } ?? false)
                    {
                        tables[tables.count - 1].amounts.append((events.count, span))
                    }
                    events.append(.balance(b))
                }
                continue
            }
            if var movement = movementLine(
                line, folded: folded, columns: columns, period: periodRange, ocr: ocr,
                valueDateFirst: valueDateFirst, bothDates: bothDates, runningBalanceEnd: runningBalanceEnd,
                dateColumnStarts: dateColumnStarts)
            {
                movementCount += 1
                // Beyond the cap the rest is not kept: the statement then counts as not reconciled (below).
                guard movementCount <= BankStatement.maxMovements else { continue }
                if let span = movement.amountSpan, !tables.isEmpty {
                    tables[tables.count - 1].amounts.append((events.count, span))
                }
                if ocr && movement.basis == .column { movement.basis = .approximateColumn }
                movement.page = page
                events.append(.movement(movement))
            } else if ocr, let columns,
                var lost = lostAmountLine(
                    line, folded: folded, columns: columns, period: periodRange, valueDateFirst: valueDateFirst,
                    bothDates: bothDates)
            {
                movementCount += 1
                lost.page = page
                events.append(.movement(lost))
            }
        }
        for table in tables { events = table.assignSides(events) }
        events = applySignedLayout(events, ocr: ocr)
        // Rows whose amount OCR turned into marks, read again on their own (``AmountRereads/marks``): the amount read
        // there is the row's, its sign the column's; the statement must then add up as read, with no slip corrected.
        let reread = rereads.map { filledLostAmounts(events, marks: $0.marks) }
        if let reread { events = reread.events }
        let filledLost = !(reread?.notes.isEmpty ?? true)
        // Every amount read again on its own (``AmountRereads/everyAmount``): those that read otherwise are taken, and
        // the statement must add up as read.
        let firstEvents = events
        let readAgain = rereads.flatMap { everyAmountReadAgain(events, again: $0.everyAmount) }
        if let readAgain { events = readAgain.events }
        var (reconciledEvents, ok) = reconcile(events)
        // The summary printed above the movements, or the newest movement listed first: such an order is kept only when
        // the movements then add up to the cent.
        for reordered in [summaryBalancesMoved(events), newestFirstReversed(events)] where !ok {
            guard let reordered else { continue }
            let (r, fine) = reconcile(reordered)
            if fine {
                reconciledEvents = r
                ok = true
            }
        }
        // A running-balance column reads every amount a second time: a row misread or not read takes the difference of
        // the balances around it when the rows around confirm both, and the statement must then add up as read.
        var runningNotes: [String] = []
        if !ok, ocr, let repaired = runningBalanceRepaired(events) {
            let (r, fine) = reconcile(repaired.events, flips: false)
            if fine, pageTotalFailures(r).isEmpty {
                events = repaired.events
                reconciledEvents = r
                ok = true
                runningNotes = repaired.notes
            }
        }
        // A row whose amount OCR could not read: nothing adds up without it, whatever a flip or a slip would make of
        // the others, so the statement stays unreconciled (below, the row is named for staff).
        let lostRows = events.compactMap { e -> MovementLine? in
            if case .movement(let m) = e, m.lostAmount != nil { return m } else { return nil }
        }
        if !lostRows.isEmpty {
            reconciledEvents = events
            ok = false
        }
        if !ok, lostRows.isEmpty, !approximateBalances.isEmpty, approximateBalances.count <= 6 {
            // OCR columns are approximate for balances too: when exactly one balance, its sign flipped, makes every run
            // add up, that reading is kept; none or several: the statement stays unreconciled.
            let fixes = approximateBalances.compactMap { i -> [Event]? in
                guard case .balance(var b) = events[i] else { return nil }
                b.amount = -b.amount
                var flipped = events
                flipped[i] = .balance(b)
                let (r, fine) = reconcile(flipped)
                return fine ? r : nil
            }
            if fixes.count == 1 {
                reconciledEvents = fixes[0]
                ok = true
            }
        }
        // Printed page totals (« Total de la page », « à reporter », « report ») must match their page's movements.
        var failures = pageTotalFailures(reconciledEvents)
        if !failures.isEmpty { ok = false }
        var notes: [String] = []
        var doubts: [AmountDoubt] = []
        notes += reread?.notes ?? []
        notes += readAgain?.notes ?? []
        notes += runningNotes
        if !ok, ocr, lostRows.isEmpty, !filledLost, readAgain == nil, movementCount <= BankStatement.maxMovements {
            switch slipCorrection(events, rereads: rereads) {
            case .corrected(let fixed, let note):
                // One OCR slip in one amount, and only one reading of it makes every printed check add up.
                reconciledEvents = fixed
                ok = true
                failures = []
                notes.append(note)
            case .doubtful(let amounts): doubts = amounts
            case .none: break
            }
        }
        if !lostRows.isEmpty {
            // Unread amounts are not movements: the rows are named for staff (with the amount the printed figures
            // give, when they give one) and left out; nothing is computed from the statement.
            let workedOut = lostRows.count == 1 ? lostAmountWorkedOut(events) : nil
            notes += lostRows.prefix(3).map { lostAmountNote($0, workedOut: workedOut) }
            failures = []
            reconciledEvents = reconciledEvents.filter { e in
                if case .movement(let m) = e, m.lostAmount != nil { return false } else { return true }
            }
        }
        if movementCount > BankStatement.maxMovements { ok = false }
        notes += failures
        // Listed newest first and still not adding up once reversed: the dates are in order, only the other way, so
        // the chronology notes (which blame a misread date) would mislead; one note says what was seen.
        let newestFirstUnreconciled = !ok && newestFirstReversed(events) != nil
        let misdated = newestFirstUnreconciled ? [] : chronologyFailures(reconciledEvents)
        if !misdated.isEmpty {
            ok = false
            notes += misdated
        }
        let misordered =
            ocr && !newestFirstUnreconciled ? outOfOrderMovements(reconciledEvents) : (positions: [], notes: [])
        notes += misordered.notes
        if newestFirstUnreconciled { notes.append(Self.newestFirstNote) }
        for (position, e) in reconciledEvents.enumerated() {
            switch e {
            case .balance(let b): statement.balances.append(b)
            case .movement(let m):
                var movement = BankStatement.Movement(
                    date: m.date, label: m.label, amount: m.amount,
                    balancesBefore: statement.balances.count, dateUncertain: m.dateUncertain ? true : nil)
                if misordered.positions.contains(position) { movement.dateOutOfOrder = true }
                statement.movements.append(movement)
            case .total: break
            }
        }
        statement.movementsReconciled = ok
        if !notes.isEmpty { statement.readingNotes = notes }
        let unread = lostRows.compactMap { m in m.lostMarks.map { UnreadAmount(page: m.page, marks: $0) } }
        let sites =
            ok || !ocr || !lostRows.isEmpty || movementCount > BankStatement.maxMovements
            ? [] : amountSites(firstEvents)
        return (
            StatementReading(statement: statement, reconciled: ok), ok ? [] : doubts, ok ? [] : unread,
            sites.count <= maxEveryAmountSites ? sites : []
        )
    }

    /// OCR drops a line's left indentation: a table line that begins with a label rather than a date (a balance line)
    /// comes out at column 0 although it sits in the label column. It is put back there, so that its amount lines up
    /// with the débit/crédit columns again.
    static func reindented(_ line: String, labelStart: Int, period: ClosedRange<CalendarDate>?) -> String {
        guard labelStart > 2, let first = line.firstIndex(where: { !$0.isWhitespace }),
            line.distance(from: line.startIndex, to: first) <= 1
        else { return line }
        let trimmed = String(line[first...])
        if let d = FrenchDate.find(in: trimmed, period: period).first, d.range.lowerBound == 0 { return line }
        guard trimmed.first?.isLetter == true else { return line }
        return String(repeating: " ", count: labelStart) + trimmed
    }

    /// Carried totals of multi-page statements and summary lines are never movements nor balances:
    /// « à reporter », « report », « total de la page », « total des mouvements », « sous-total », « cumul ».
    static func isCarriedTotal(_ folded: String) -> Bool {
        let words = Folding.words(folded)
        return words.contains { w in
            w == "total" || w == "totaux" || w == "report" || w == "reporter" || w == "reporte" || w == "cumul"
                || w == "cumuls" || w.hasPrefix("sous-total")
        } || folded.contains("sous-total") || folded.contains("sous total")
    }

    /// One signed amount column: when a movement's sign was printed as a minus and the statement has no débit/crédit
    /// columns, an amount printed without sign is a credit (pdftotext never loses a sign; OCR may, so there it stays
    /// open to reconciliation).
    static func applySignedLayout(_ events: [Event], ocr: Bool) -> [Event] {
        let movements = events.compactMap { e -> MovementLine? in
            if case .movement(let m) = e { return m } else { return nil }
        }
        guard movements.contains(where: { $0.basis == .printed && $0.amount.cents < 0 }) else { return events }
        return events.map { e in
            guard case .movement(var m) = e, m.basis == .keyword || m.basis == .assumed else { return e }
            m.amount = m.amount.magnitude
            m.basis = ocr ? .assumed : .printed
            return .movement(m)
        }
    }

    /// OCR of a skewed scan may put a balance's amount on a line of its own, just above or below its label:
    /// such a lone amount is joined to the neighbouring balance line that lacks one.
    static func joinOrphanAmounts(_ input: [String]) -> [String] {
        var lines = input.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        func isLoneAmount(_ line: String) -> Bool {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard let f = AmountScanner.find(in: t).first, AmountScanner.find(in: t).count == 1 else { return false }
            return f.range.count >= t.count - 2
        }
        func lacksAmount(_ line: String) -> Bool {
            let folded = Folding.fold(line)
            if let (_, end) = balanceCue(folded) {
                return !AmountScanner.find(in: folded).contains { $0.range.lowerBound >= end }
            }
            // A movement: its line opens with a date and has no amount after its dates (the reconciliation checks
            // the joined amount like any other).
            let start = folded.prefix(while: { $0 == " " }).count
            let dates = FrenchDate.find(in: folded)
            guard let first = dates.first, first.range.lowerBound == start, !isCarriedTotal(folded) else {
                return false
            }
            let lastDateEnd = dates.map(\.range.upperBound).max() ?? first.range.upperBound
            return !AmountScanner.find(in: folded).contains { $0.range.lowerBound >= lastDateEnd }
        }
        // The amount keeps its column (laid-out OCR puts it under débit or crédit) when the label ends before it.
        func joined(_ label: String, _ amountLine: String) -> String {
            let indent = amountLine.prefix(while: { $0 == " " }).count
            let amount = amountLine.trimmingCharacters(in: .whitespaces)
            let spaces = indent >= label.count + 3 ? indent - label.count : 3
            return label + String(repeating: " ", count: spaces) + amount
        }
        var i = 0
        while i < lines.count {
            if lacksAmount(lines[i]) {
                if i + 1 < lines.count, isLoneAmount(lines[i + 1]) {
                    lines[i] = joined(lines[i], lines[i + 1])
                    lines.remove(at: i + 1)
                } else if i > 0, isLoneAmount(lines[i - 1]) {
                    lines[i - 1] = joined(lines[i], lines[i - 1])
                    lines.remove(at: i)
                    continue
                }
            }
            i += 1
        }
        return lines
    }

    // MARK: Header fields

    static func holder(in lines: [String]) -> String? {
        for line in lines {
            let folded = Folding.fold(line)
            guard let r = folded.range(of: "titulaire") else { continue }
            let source = line.count == folded.count ? line : folded
            let from = folded.distance(from: folded.startIndex, to: r.upperBound)
            let after = substring(source, from, source.count)
            let trimmed = after.drop(while: { $0 == " " || $0 == ":" || $0 == "(" || $0 == "s" || $0 == ")" })
            let firstColumn = String(trimmed).components(separatedBy: "  ").first ?? ""
            let value = firstColumn.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        // No "Titulaire": the address block names the cooperative ("COOPERATIVE SCOLAIRE OCCE" / "COOP SCOL EE …").
        for (i, line) in lines.enumerated() {
            let folded = Folding.fold(line)
            guard folded.contains("coop scol") || folded.contains("cooperative scolaire") else { continue }
            let cell = { (s: String) in
                s.trimmingCharacters(in: .whitespaces).components(separatedBy: "   ").first ?? ""
            }
            var value = cell(line)
            let words = Folding.words(value).filter {
                !["cooperative", "scolaire", "occe", "coop", "scol"].contains($0)
            }
            if words.isEmpty, i + 1 < lines.count { value += " " + cell(lines[i + 1]) }
            value = value.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// « du 15/08/2021 au 14/09/2021 », « Période du … au … », « Relevé n° 9 du … au … », « Période : … - … »,
    /// « du 15 août au 14 septembre 2021 » (the first year taken from the second date); a period broken over two
    /// lines (OCR) is read on the pair.
    static func period(in lines: [String]) -> ClosedRange<CalendarDate>? {
        for (i, line) in lines.enumerated() {
            if let p = period(inLine: line) { return p }
            if i + 1 < lines.count,
                let p = period(inLine: line + "  " + lines[i + 1].trimmingCharacters(in: .whitespaces))
            {
                let folded = Folding.fold(line)
                if folded.contains("du ") || folded.contains("periode") { return p }
            }
        }
        return nil
    }

    static func period(inLine line: String) -> ClosedRange<CalendarDate>? {
        let folded = Folding.fold(line)
        guard folded.contains("du ") || folded.contains("periode") else { return nil }
        let written = FrenchDate.find(in: line).filter(\.yearWritten)
        guard let last = written.last else { return nil }
        // Dates without a year take the year of the period's end (or the one before, so that start ≤ end).
        let provisional = CalendarDate(year: last.date.year - 1, month: 1, day: 1).flatMap { a in
            CalendarDate(year: last.date.year, month: 12, day: 31).map { a...$0 }
        }
        let dates = FrenchDate.find(in: line, period: provisional).map { d -> FrenchDate.Found in
            guard !d.yearWritten else { return d }
            var d = d
            if let same = CalendarDate(year: last.date.year, month: d.date.month, day: d.date.day) {
                d.date =
                    same <= last.date
                    ? same : (CalendarDate(year: last.date.year - 1, month: d.date.month, day: d.date.day) ?? same)
            }
            return d
        }
        guard dates.count >= 2 else { return nil }
        for i in 0..<(dates.count - 1) {
            let a = dates[i]
            let b = dates[i + 1]
            guard b.yearWritten else { continue }
            let between = substring(folded, a.range.upperBound, b.range.lowerBound)
            let before = substring(folded, max(0, a.range.lowerBound - 14), a.range.lowerBound)
            let joiner = between.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":")))
            let joins = ["au", "-", "a", "–", "—", "jusqu'au", "au :"].contains(joiner) || joiner.hasSuffix(" au")
            let opens = before.contains("du") || before.contains("periode") || before.contains("releve")
            if joins && opens && a.date < b.date && FrenchDate.dayNumber(b.date) - FrenchDate.dayNumber(a.date) <= 190 {
                return a.date...b.date
            }
        }
        return nil
    }

    /// Without a printed period: the span of the fully written dates of the balance lines, to give years to `dd/mm`.
    static func inferredPeriod(_ lines: [String]) -> ClosedRange<CalendarDate>? {
        var dates: [CalendarDate] = []
        for line in lines where balanceCue(Folding.fold(line)) != nil {
            dates += FrenchDate.find(in: line).filter(\.yearWritten).map(\.date)
        }
        guard let lo = dates.min(), let hi = dates.max() else { return nil }
        return lo...hi
    }

    static func substring(_ s: String, _ from: Int, _ to: Int) -> String {
        guard from < to, to <= s.count else { return "" }
        let a = s.index(s.startIndex, offsetBy: from)
        let b = s.index(s.startIndex, offsetBy: to)
        return String(s[a..<b])
    }

    // MARK: Columns

    /// The amounts placed by the débit/crédit columns under one table header. Header words are often not aligned with
    /// their amounts (left-aligned or centred over right-aligned figures), so when the amounts themselves fall into two
    /// groups, far enough apart, the left group is the column whose header is on the left, the right group the other.
    struct ColumnTable {
        var columns: Columns
        var amounts: [(event: Int, span: Range<Int>)] = []

        func assignSides(_ events: [Event]) -> [Event] {
            let centre = { (r: Range<Int>) in (r.lowerBound + r.upperBound) / 2 }
            let centres = amounts.map { centre($0.span) }.sorted()
            guard centres.count >= 2 else { return events }
            var gap = 0
            var split = 0
            for (a, b) in zip(centres, centres.dropFirst()) where b - a > gap {
                gap = b - a
                split = a
            }
            // Two columns, not one column of amounts of different lengths: the groups are apart at both ends.
            let left = amounts.filter { centre($0.span) <= split }.map(\.span)
            let right = amounts.filter { centre($0.span) > split }.map(\.span)
            guard let leftEnd = left.map(\.upperBound).max(), let rightEnd = right.map(\.upperBound).min(),
                let leftStart = left.map(\.lowerBound).max(), let rightStart = right.map(\.lowerBound).min()
            else { return events }
            let headerDistance = abs(columns.debitEnd - columns.creditEnd)
            guard rightEnd - leftEnd >= max(4, headerDistance / 2), rightStart - leftStart >= 2 else { return events }
            let debitLeft = columns.debitEnd < columns.creditEnd
            var out = events
            for (i, span) in amounts {
                let debit = (centre(span) <= split) == debitLeft
                switch out[i] {
                case .movement(var m):
                    m.amount = debit ? -m.amount.magnitude : m.amount.magnitude
                    out[i] = .movement(m)
                case .balance(var b):
                    b.amount = debit ? -b.amount.magnitude : b.amount.magnitude
                    // Two clear groups of amounts settle the side even under OCR.
                    b.signFromOCRColumn = nil
                    out[i] = .balance(b)
                case .total: break
                }
            }
            return out
        }
    }

    /// Right edges of the débit and crédit columns, from the table header of older layouts.
    struct Columns {
        var debitEnd: Int
        var creditEnd: Int
        /// Where the label column starts (its header word), when the header has one.
        var labelStart: Int? = nil

        init?(header folded: String) {
            let words = Self.words(folded)
            guard let d = words.first(where: { $0.word == "debit" || $0.word == "debits" }),
                let c = words.first(where: { $0.word == "credit" || $0.word == "credits" }), d.end != c.end
            else { return nil }
            guard
                words.contains(where: {
                    $0.word == "date" || $0.word == "libelle" || $0.word == "operation" || $0.word == "operations"
                })
            else { return nil }
            debitEnd = d.end
            creditEnd = c.end
            let labelWords = ["libelle", "libelles", "operation", "operations", "nature", "designation", "detail"]
            labelStart = words.first(where: { labelWords.contains($0.word) && $0.end - $0.word.count > 0 }).map {
                $0.end - $0.word.count
            }
        }

        static func words(_ s: String) -> [(word: String, end: Int)] {
            var out: [(String, Int)] = []
            var current = ""
            for (i, ch) in s.enumerated() {
                if ch.isLetter {
                    current.append(ch)
                } else {
                    if !current.isEmpty { out.append((current, i)) }
                    current = ""
                }
            }
            if !current.isEmpty { out.append((current, s.count)) }
            return out
        }

        /// True when the header puts the value date before the operation date (« Valeur   Date opé. », « Date valeur
        /// Date opération »): the movement's operation date is then the second date of its line. A « date » word not
        /// followed by « valeur » names the operation date; « valeur », « val. », « date (de) valeur » the value date.
        static func valueDateFirst(header line: String) -> Bool {
            guard let (operation, value) = dateColumns(header: line) else { return false }
            return value < operation
        }

        /// True when the header names both an operation date and a value date column.
        static func namesBothDates(header line: String) -> Bool { dateColumns(header: line) != nil }

        /// True when the header names a value date column and no operation date (« Valeur  Libellé  Montant »): on OCR
        /// text, the operation date column was lost (a phone photo's left edge), and the dates left are value dates.
        static func namesOnlyValueDate(header line: String) -> Bool {
            let w = words(Folding.fold(line)).map(\.word)
            guard w.contains(where: { $0 == "valeur" || $0 == "val" }) else { return false }
            // Every « date » word is that of the value date (« Date valeur », « Date de valeur »).
            for (i, word) in w.enumerated() where word == "date" {
                let next = i + 1 < w.count ? w[i + 1] : ""
                let after = i + 2 < w.count ? w[i + 2] : ""
                if !(next == "valeur" || next == "val" || (next == "de" && after == "valeur")) { return false }
            }
            return true
        }

        /// The word positions of the operation date and the value date in a header naming both; nil otherwise.
        static func dateColumns(header line: String) -> (operation: Int, value: Int)? {
            let w = words(Folding.fold(line)).map(\.word)
            return dateColumns(words: w)
        }

        /// Where the operation date's and the value date's header words start on the line, in a header naming both.
        static func dateColumnStarts(header line: String) -> (operation: Int, value: Int)? {
            let positioned = words(Folding.fold(line))
            guard let (operation, value) = dateColumns(words: positioned.map(\.word)) else { return nil }
            let start = { (i: Int) in positioned[i].end - positioned[i].word.count }
            return (start(operation), start(value))
        }

        private static func dateColumns(words w: [String]) -> (operation: Int, value: Int)? {
            var value: Int? = nil
            var operation: Int? = nil
            var i = 0
            while i < w.count {
                let next = i + 1 < w.count ? w[i + 1] : ""
                let after = i + 2 < w.count ? w[i + 2] : ""
                if w[i] == "date" {
                    if next == "valeur" || next == "val" || (next == "de" && after == "valeur") {
                        if value == nil { value = i }
                        i += next == "de" ? 3 : 2
                        continue
                    }
                    if operation == nil { operation = i }
                } else if w[i] == "valeur" || w[i] == "val" {
                    if value == nil { value = i }
                }
                i += 1
            }
            guard let value, let operation else { return nil }
            return (operation, value)
        }

        /// A table header with one amount column (« Date   Opération   Montant »).
        static func isAmountHeader(_ folded: String) -> Bool {
            let w = Set(words(folded).map(\.word))
            return w.contains("montant")
                && (w.contains("date") || w.contains("libelle") || w.contains("operation") || w.contains("operations"))
                && AmountScanner.find(in: folded).isEmpty
        }

        /// Where a running-balance column ends: a « solde » word after the header's amount words (« Débit  Crédit
        /// Solde », « Montant  Solde »). Nil when the header has none.
        static func runningBalanceEnd(header folded: String) -> Int? {
            let w = words(folded)
            let amountWords: Set<String> = ["debit", "debits", "credit", "credits", "montant", "montants"]
            guard let lastAmount = w.last(where: { amountWords.contains($0.word) }),
                let solde = w.last(where: { $0.word == "solde" || $0.word == "soldes" }), solde.end > lastAmount.end
            else { return nil }
            return solde.end
        }

        /// True when an amount ending at `end` is nearer the running-balance column ending at `balanceEnd` than the
        /// débit and crédit columns.
        func isRunningBalance(amountEnd end: Int, _ balanceEnd: Int?) -> Bool {
            guard let balanceEnd else { return false }
            return abs(end - balanceEnd) < min(abs(end - debitEnd), abs(end - creditEnd))
        }

        /// A débit/crédit header or a one-amount-column header.
        static func isHeader(_ folded: String) -> Bool { Columns(header: folded) != nil || isAmountHeader(folded) }

        /// True when an amount ending at `end` sits in the débit column.
        func isDebit(amountEnd end: Int) -> Bool { abs(end - debitEnd) < abs(end - creditEnd) }
    }

    // MARK: Lines

    enum SignBasis { case printed, column, approximateColumn, keyword, assumed }

    struct MovementLine: Hashable {
        var date: CalendarDate
        var label: String
        var amount: Money
        var basis: SignBasis
        /// The amount's characters, when its sign came from the débit/crédit column.
        var amountSpan: Range<Int>? = nil
        /// 1-based page of the statement it is printed on.
        var page = 1
        /// The row showed one date where its table prints two (OCR lost one): the operation date is not known.
        var dateUncertain = false
        /// OCR read no amount in this row's débit or crédit column (``lostAmountLine``): `amount` is not known.
        var lostAmount: LostAmount? = nil
        /// Then what OCR read there instead (« l'ATTE »): where a second look finds the amount to read it again.
        var lostMarks: String? = nil
        /// OCR read the amount with a leading zero (« -082,62 »): no amount is printed so, its first digit was misread
        /// (« -982,62 »), which no change of one of the digits read can put back (``leadingDigitVariants(_:)``).
        var leadingZero = false
        /// The balance printed on the row in a running-balance column (« Solde »), as read: a second reading of the
        /// amount, against the row above (``runningBalanceRepaired(_:)``).
        var runningBalance: Money? = nil
    }

    /// A printed carried total: « Total de la page », « TOTAL DES MOUVEMENTS », « à reporter », « report ». Its amounts
    /// (one or two, without sign) are checked against the movements, never used as a movement or a balance.
    struct PageTotal: Hashable {
        var page: Int
        var amounts: [Money]
        var label: String
    }

    enum Event: Hashable {
        case balance(BankStatement.BalanceLine)
        case movement(MovementLine)
        case total(PageTotal)
    }

    enum BalanceCue { case opening, closing, dated }

    private static let cuePattern = try! NSRegularExpression(
        pattern:
            #"\b(ancien\s+solde|solde\s+precedent|solde\s+initial|solde\s+d'ouverture|solde\s+de\s+debut(?:\s+de\s+periode)?|solde\s+debut\s+de\s+periode|nouveau\s+solde|solde\s+final|solde\s+de\s+cloture|solde\s+de\s+fin(?:\s+de\s+periode)?|solde\s+fin\s+de\s+periode|solde\s+(?:crediteur|debiteur)|solde\s+intermediaire|solde\s+au|solde\s+en\s+votre\s+faveur)\b"#
    )

    /// A summary line may hold two balances (`Ancien solde 100,00   Nouveau solde 120,00`): one piece per balance,
    /// each keeping its columns (the rest blanked out).
    static func splitAtCues(_ line: String, folded: String) -> [String] {
        let ns = folded as NSString
        let starts = cuePattern.matches(in: folded, range: NSRange(location: 0, length: ns.length))
            .map { FrenchDate.utf16RangeToCharacters(folded, $0.range).lowerBound }
        guard starts.count >= 2 else { return [line] }
        let source = Array(line.count == folded.count ? line : folded)
        return starts.indices.map { i in
            let from = starts[i]
            let to = i + 1 < starts.count ? starts[i + 1] : source.count
            return String(source.enumerated().map { ($0.offset >= from && $0.offset < to) ? $0.element : " " })
        }
    }

    static func balanceCue(_ folded: String) -> (BalanceCue, Int)? {
        let ns = folded as NSString
        guard let m = cuePattern.firstMatch(in: folded, range: NSRange(location: 0, length: ns.length)) else {
            return nil
        }
        if folded.contains("total") || folded.contains("a reporter") || folded.contains("report") { return nil }
        let cue = ns.substring(with: m.range).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let end = FrenchDate.utf16RangeToCharacters(folded, m.range).upperBound
        switch cue {
        case "ancien solde", "solde precedent", "solde initial", "solde d'ouverture", "solde de debut",
            "solde de debut de periode",
            "solde debut de periode":
            return (.opening, end)
        case "nouveau solde", "solde final", "solde de cloture", "solde de fin", "solde de fin de periode",
            "solde fin de periode":
            return (.closing, end)
        default: return (.dated, end)
        }
    }

    static func balanceLine(
        _ line: String, folded: String, columns: Columns?, period: ClosedRange<CalendarDate>?,
        periodStart: CalendarDate?, periodEnd: CalendarDate?
    ) -> BankStatement.BalanceLine? {
        balanceLineAndBasis(
            line, folded: folded, columns: columns, period: period, periodStart: periodStart, periodEnd: periodEnd)?.0
    }

    /// The balance line, whether its sign came from the débit/crédit column only (then approximate under OCR), and the
    /// middle of its amount. `undatedAfterMovements` (OCR only, nil for a text layer): a « solde créditeur au » /
    /// « solde au » line whose date OCR lost is the opening balance before any movement, the closing one after them
    /// (the reconciliation checks it like any other balance).
    static func balanceLineAndBasis(
        _ line: String, folded: String, columns: Columns?, period: ClosedRange<CalendarDate>?,
        periodStart: CalendarDate?, periodEnd: CalendarDate?, undatedAfterMovements: Bool? = nil
    ) -> (BankStatement.BalanceLine, Bool, Range<Int>?)? {
        guard let (cue, cueEnd) = balanceCue(folded) else { return nil }
        let amounts = AmountScanner.find(in: folded).filter { $0.range.lowerBound >= cueEnd }
        guard let found = amounts.last else { return nil }
        let dates = FrenchDate.find(in: folded, period: period).filter { $0.range.upperBound <= found.range.lowerBound }
        var date = dates.last?.date
        if date == nil {
            switch cue {
            case .opening: date = periodStart.flatMap(previousDay)
            case .closing: date = periodEnd
            case .dated:
                date = undatedAfterMovements.flatMap { $0 ? periodEnd : periodStart.flatMap(previousDay) }
            }
        }
        guard let date else { return nil }
        var amount = found.amount
        var byColumn = false
        if folded.contains("debiteur") {
            amount = -amount.magnitude
        } else if folded.contains("crediteur") {
            amount = amount.magnitude
        } else if !found.signed, let columns {
            byColumn = true
            if columns.isDebit(amountEnd: found.range.upperBound) { amount = -amount.magnitude }
        }
        return (
            BankStatement.BalanceLine(date: date, amount: amount, label: label(line, folded: folded)), byColumn,
            found.range
        )
    }

    static func label(_ line: String, folded: String) -> String {
        let source = line.count == folded.count ? line : folded
        return source.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static let creditWords = [
        "remise", "versement", "vrst", "depot", "vir recu", "vir sepa recu", "virement recu", "subvention",
        "interets", "avoir", "rembt", "remboursement",
    ]
    static let debitWords = [
        "chq", "cheque", "prlv", "prelevement", "cb ", "carte", "frais", "cotisation", "retrait",
        "commission", "vir emis", "vir sepa emis", "virement emis", "achat", "facture", "paiement",
    ]

    static func movementLine(
        _ line: String, folded: String, columns: Columns?, period: ClosedRange<CalendarDate>?,
        ocr: Bool = false, valueDateFirst: Bool = false, bothDates: Bool = false, runningBalanceEnd: Int? = nil,
        dateColumnStarts: (operation: Int, value: Int)? = nil
    ) -> MovementLine? {
        guard let firstNonSpace = folded.firstIndex(where: { !$0.isWhitespace }) else { return nil }
        let start = folded.distance(from: folded.startIndex, to: firstNonSpace)
        let dates = FrenchDate.find(in: folded, period: period, yearlessRow: true)
        // The operation date opens the line; OCR may put a stray mark or the label first, so there any date will do.
        guard let first = dates.first, first.range.lowerBound <= start + 2 || ocr else { return nil }
        let overlapsDate = { (r: Range<Int>) in dates.contains { $0.range.overlaps(r) } }
        let allAmounts = AmountScanner.find(in: folded).filter { !overlapsDate($0.range) }
        let amounts = ocr ? allAmounts : allAmounts.filter { $0.range.lowerBound >= first.range.upperBound }
        // Under a running-balance column (« Solde » after the amounts), a row's last amount nearest that column is the
        // balance after the movement, not the movement.
        var movementAmounts = amounts
        var runningBalance: Money? = nil
        if let end = runningBalanceEnd, amounts.count >= 2, let last = amounts.last {
            let previous = amounts[amounts.count - 2]
            if abs(last.range.upperBound - end) < abs(previous.range.upperBound - end) {
                movementAmounts.removeLast()
                runningBalance = last.amount
            }
        }
        // The row's one amount stands in the running-balance column, and marks that are no amount in the débit or
        // crédit column before it (« 1660, », « 11539 »): the movement's amount was not read, only its balance.
        if ocr, let end = runningBalanceEnd, let columns, amounts.count == 1, let only = amounts.first,
            columns.isRunningBalance(amountEnd: only.range.upperBound, end),
            let lost = lostBeforeBalance(
                line, folded: folded, after: dates.last?.range.upperBound ?? 0, balance: only, columns: columns)
        {
            let operation = valueDateFirst && dates.count >= 2 ? dates[1] : first
            if let period, !Self.near(operation.date, period) { return nil }
            return MovementLine(
                date: operation.date, label: lost.label, amount: .zero, basis: .column,
                dateUncertain: ocr && bothDates && dates.count < 2, lostAmount: lost.side, lostMarks: lost.marks,
                runningBalance: only.amount)
        }
        guard let found = movementAmounts.last, let firstAmount = amounts.first else { return nil }
        // With two dates before the amount, the header says which one is the operation date (the first by default).
        var operation = first
        if valueDateFirst, dates.count >= 2, dates[1].range.upperBound <= found.range.lowerBound {
            operation = dates[1]
        }
        if let period, !Self.near(operation.date, period) { return nil }
        // Label: the text between the dates and the amounts, without any date.
        let source = line.count == folded.count ? line : folded
        var chars = Array(source)
        for d in dates { for k in d.range where k < chars.count { chars[k] = " " } }
        for a in amounts { for k in a.range where k < chars.count { chars[k] = " " } }
        let labelFrom = ocr ? 0 : first.range.upperBound
        let labelTo = ocr ? chars.count : firstAmount.range.lowerBound
        let labelChars = labelFrom < labelTo && labelTo <= chars.count ? Array(chars[labelFrom..<labelTo]) : []
        let label = String(labelChars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        var amount = found.amount
        var basis = SignBasis.assumed
        var amountSpan: Range<Int>? = nil
        if found.signed {
            basis = .printed
        } else if let columns {
            amount = columns.isDebit(amountEnd: found.range.upperBound) ? -amount.magnitude : amount.magnitude
            basis = .column
            amountSpan = found.range
        } else {
            let l = Folding.fold(label) + " "
            if creditWords.contains(where: { l.contains($0) }) {
                basis = .keyword
            } else if debitWords.contains(where: { l.hasPrefix($0) || l.contains(" " + $0) }) {
                amount = -amount.magnitude
                basis = .keyword
            }
        }
        // OCR kept one date of a row whose table prints two: it may be the value date, a few days off the operation's,
        // unless it stands under the operation date's header word, well away from the value date's.
        let datesBefore = dates.filter { $0.range.upperBound <= found.range.lowerBound }
        let dateUncertain =
            ocr && bothDates && datesBefore.count < 2
            && !(datesBefore.count == 1
                && dateColumnStarts.map {
                    Self.standsUnderOperationDate(datesBefore[0].range.lowerBound, columns: $0)
                } == true)
        // « 082,62 »: a zero before other digits of the euros.
        let printed = Array(source)
        let digits = found.range.filter { $0 < printed.count && printed[$0].isNumber }.map { printed[$0] }
        let leadingZero = ocr && digits.count >= 4 && digits.first == "0"
        return MovementLine(
            date: operation.date, label: label, amount: amount, basis: basis, amountSpan: amountSpan,
            dateUncertain: dateUncertain, leadingZero: leadingZero, runningBalance: runningBalance)
    }

    /// True when a row's one date starts under the header's operation-date word, within a third of the distance
    /// between the two date columns (at least 6 characters apart): OCR places words by their boxes, so a value date
    /// left alone would stand under its own header word.
    static func standsUnderOperationDate(_ start: Int, columns: (operation: Int, value: Int)) -> Bool {
        let gap = abs(columns.value - columns.operation)
        return gap >= 6 && abs(start - columns.operation) * 3 <= gap
    }

    /// True when `date` lies in `period` or within a month before it (an operation booked later than it was made).
    static func near(_ date: CalendarDate, _ period: ClosedRange<CalendarDate>) -> Bool {
        let d = FrenchDate.dayNumber(date)
        return d >= FrenchDate.dayNumber(period.lowerBound) - 31 && d <= FrenchDate.dayNumber(period.upperBound)
    }

    static func previousDay(_ d: CalendarDate) -> CalendarDate? {
        if d.day > 1 { return CalendarDate(year: d.year, month: d.month, day: d.day - 1) }
        let month = d.month == 1 ? 12 : d.month - 1
        let year = d.month == 1 ? d.year - 1 : d.year
        return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    }
}

import CoopmailDomain
import CoopmailTestSupport

/// Seeded generator of bank statements as text (the shape `pdftotext -layout` gives, or OCR of a photo), in several
/// layouts, with the balance at 31/08 worked out from its own list of movements, never by the reader.
struct StatementGenerator {
    enum Layout: String, CaseIterable, Sendable {
        /// BRED's older layout: separate débit / crédit columns (in either order), value date column.
        case debitCredit
        /// One signed amount column: `-60,00`, `60,00-`, `- 60,00 €`.
        case signedColumn
        /// Two or three pages with carried totals (« Total de la page », « A reporter », « Report »).
        case multiPage
        /// An operation date and a value date on every line, in either order.
        case operationValueDates
        /// Another bank, another IBAN (never the registered BRED account).
        case otherBank
    }

    struct Movement {
        var operation: CalendarDate
        var value: CalendarDate
        var label: String
        var cents: Int64
    }

    struct Statement {
        var layout: Layout
        var ocr: Bool
        var text: String
        var iban: String
        var bankCode: String
        var periodStart: CalendarDate
        var periodEnd: CalendarDate
        var closing: CalendarDate
        /// The balance at 31/08 and how the reader should get it; nil when the statement cannot give it.
        var expected: (cents: Int64, source: BalanceSource)?
        /// False when a movement line was left out of the text (the printed balances no longer add up).
        var reconciles: Bool
        var movements: [Movement]
    }

    var rng: SeededGenerator
    init(seed: UInt64) { rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17) }

    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }

    // MARK: Dates, amounts, IBANs (the generator's own arithmetic)

    static func add(_ d: CalendarDate, days: Int) -> CalendarDate {
        var (y, m, day) = (d.year, d.month, d.day)
        var n = days
        while n > 0 {
            day += 1
            if day > CalendarDate.daysIn(month: m, year: y) {
                day = 1
                m += 1
                if m > 12 {
                    m = 1
                    y += 1
                }
            }
            n -= 1
        }
        while n < 0 {
            day -= 1
            if day < 1 {
                m -= 1
                if m < 1 {
                    m = 12
                    y -= 1
                }
                day = CalendarDate.daysIn(month: m, year: y)
            }
            n += 1
        }
        return CalendarDate(year: y, month: m, day: day)!
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `dottedShort` (« 02.08 ») and `dashedShort` (« 02-08 »): day and month only, as some banks print row dates.
    enum DateStyle: CaseIterable {
        case slashShort, slashLong, slashTwoDigitYear, dotted, dottedShort, dashedShort
        /// Whether the style leaves the year out (balance lines then print the long form).
        var yearless: Bool { self == .slashShort || self == .dottedShort || self == .dashedShort }
    }
    static func format(_ d: CalendarDate, _ style: DateStyle) -> String {
        switch style {
        case .slashShort: return two(d.day) + "/" + two(d.month)
        case .slashLong: return two(d.day) + "/" + two(d.month) + "/" + String(d.year)
        case .slashTwoDigitYear: return two(d.day) + "/" + two(d.month) + "/" + two(d.year % 100)
        case .dotted: return two(d.day) + "." + two(d.month) + "." + two(d.year % 100)
        case .dottedShort: return two(d.day) + "." + two(d.month)
        case .dashedShort: return two(d.day) + "-" + two(d.month)
        }
    }
    static func long(_ d: CalendarDate) -> String { format(d, .slashLong) }
    static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]

    /// `1 234,56` (thousands separator given), no sign.
    static func euros(_ cents: Int64, thousands: String) -> String {
        let m = cents < 0 ? -cents : cents
        var units = String(m / 100)
        var groups: [String] = []
        while units.count > 3 {
            groups.insert(String(units.suffix(3)), at: 0)
            units = String(units.dropLast(3))
        }
        groups.insert(units, at: 0)
        return groups.joined(separator: thousands) + "," + two(Int(m % 100))
    }

    static func iban(bank: String, branch: String, account: String) -> String {
        let bban = bank + branch + account + "00"
        // Check digits: 98 − (BBAN + "FR00" as digits) mod 97.
        var r = 0
        for ch in bban + "152700" { r = (r * 10 + ch.wholeNumberValue!) % 97 }
        let check = 98 - r
        return "FR" + two(check) + bban
    }

    static func grouped(_ iban: String) -> String {
        var out = ""
        for (i, ch) in iban.enumerated() {
            if i > 0 && i % 4 == 0 { out += " " }
            out.append(ch)
        }
        return out
    }

    // MARK: Statement

    mutating func make(_ layout: Layout, ocr: Bool) -> Statement {
        let year = int(2019...2024)
        let closing = CalendarDate(year: year, month: 8, day: 31)!
        // Period: straddling 31/08 mid-month to mid-month most often; August, September, or clear of 31/08 otherwise.
        let start: CalendarDate
        let end: CalendarDate
        switch int(0...9) {
        case 0...4:
            start = CalendarDate(year: year, month: 8, day: int(2...31))!
            end = Self.add(start, days: int(27...33))
        case 5:
            start = CalendarDate(year: year, month: 8, day: 1)!
            end = closing
        case 6:
            start = CalendarDate(year: year, month: 9, day: 1)!
            end = CalendarDate(year: year, month: 9, day: 30)!
        case 7:
            start = Self.add(CalendarDate(year: year, month: 6, day: 1)!, days: int(0...29))
            end = Self.add(start, days: int(27...30))
        case 8:
            start = CalendarDate(year: year, month: 9, day: int(2...20))!
            end = Self.add(start, days: int(27...30))
        default:
            start = CalendarDate(year: year, month: 7, day: int(16...31))!
            end = Self.add(start, days: int(28...31))
        }
        let length = (0..<400).first { Self.add(start, days: $0) == end } ?? 30
        let count = layout == .multiPage ? int(16...40) : int(0...14)
        var movements: [Movement] = []
        for _ in 0..<count {
            let booked = Self.add(start, days: int(0...length))
            let operation = chance(0.25) ? Self.add(booked, days: -int(1...4)) : booked
            let value = Self.add(booked, days: int(-2...3))
            let debit = chance(0.6)
            var cents = Int64(int(100...180_000))
            if chance(0.2) { cents = cents / 100 * 100 }
            movements.append(
                Movement(operation: operation, value: value, label: label(debit: debit), cents: debit ? -cents : cents))
        }
        movements.sort { $0.value < $1.value && false || ($0.operation, $0.label) < ($1.operation, $1.label) }
        let opening = Int64(int(-80_000...900_000))
        let openingDate = Self.add(start, days: -1)
        let closingCents = movements.reduce(opening) { $0 + $1.cents }
        // A missed line: the printed balances no longer add up.
        var printed = movements
        var reconciles = true
        if !movements.isEmpty && chance(0.12) {
            printed.remove(at: int(0...(movements.count - 1)))
            reconciles = false
        }
        var expected: (Int64, BalanceSource)? = nil
        if openingDate == closing {
            expected = (opening, .read)
        } else if end == closing {
            expected = (closingCents, .read)
        } else if openingDate < closing && closing < end && reconciles {
            expected = (movements.filter { $0.operation <= closing }.reduce(opening) { $0 + $1.cents }, .computed)
        }

        let bred = layout != .otherBank
        let bank =
            bred
            ? ("BRED Banque Populaire", "10107", "BREDFRPP")
            : pick([
                ("Société Générale", "30003", "SOGEFRPP"), ("La Banque Postale", "20041", "PSSTFRPP"),
                ("Crédit Mutuel", "10278", "CMCIFR2A"), ("Caisse d'Epargne Ile-de-France", "17515", "CEPAFRPP751"),
                ("LCL Le Crédit Lyonnais", "30002", "CRLYFRPP"),
            ])
        let account = (0..<11).map { _ in String(int(0...9)) }.joined()
        let iban = Self.iban(bank: bank.1, branch: (0..<5).map { _ in String(int(0...9)) }.joined(), account: account)
        var r = Renderer(
            generator: self, layout: layout, bankName: bank.0, bic: bank.2, iban: iban, account: account,
            start: start, end: end, opening: opening, closing: closingCents, movements: printed)
        var text = r.render()
        self = r.generator
        if ocr {
            var noise = OCRNoise(rng: rng)
            text = noise.apply(text)
            rng = noise.rng
        }
        return Statement(
            layout: layout, ocr: ocr, text: text, iban: iban, bankCode: bank.1, periodStart: start,
            periodEnd: end, closing: closing, expected: expected, reconciles: reconciles, movements: movements)
    }

    mutating func label(debit: Bool) -> String {
        let n = String(int(1_000_000...9_999_999))
        if debit {
            return pick([
                "CHQ \(n)", "CB LIBRAIRIE GIBERT \(Self.two(int(1...28)))\(Self.two(int(1...12)))", "PRLV SEPA EDF",
                "PRLV SEPA ASSURANCE MAE", "FRAIS TENUE DE COMPTE", "COTISATION OCCE", "CB CARREFOUR CITY",
                "VIR SEPA EMIS AUTOCARS DU VAL", "COMMISSION INTERVENTION", "CB NATURE ET DECOUVERTES",
                "ACHAT CB MUSEUM", "VIR SEPA THEATRE DU CHATELET", "RETRAIT DAB",
            ])
        }
        return pick([
            "REMISE CHEQUES \(int(2...12)) CHQ", "VIR SEPA RECU APE", "VERSEMENT ESPECES", "VIR SEPA MAIRIE DE PARIS",
            "SUBVENTION CAISSE DES ECOLES", "REMBT FRAIS", "VIR SEPA FAMILLE MARTIN", "DEPOT ESPECES",
            "VIR SEPA KERMESSE", "INTERETS",
        ])
    }
}

/// Lays out one statement as fixed-width text.
struct Renderer {
    var generator: StatementGenerator
    let layout: StatementGenerator.Layout
    let bankName: String, bic: String, iban: String, account: String
    let start: CalendarDate, end: CalendarDate
    let opening: Int64, closing: Int64
    let movements: [StatementGenerator.Movement]

    typealias G = StatementGenerator

    /// Places cells on a line: `(text, column, rightAligned)`.
    static func row(_ cells: [(String, Int, Bool)]) -> String {
        var line: [Character] = []
        for (text, col, right) in cells.sorted(by: {
            ($0.2 ? $0.1 - $0.0.count : $0.1) < ($1.2 ? $1.1 - $1.0.count : $1.1)
        }) {
            let from = right ? max(0, col - text.count) : col
            if line.count < from {
                line += Array(repeating: " ", count: from - line.count)
            } else if !line.isEmpty && line.last != " " {
                line.append(" ")
            } else if line.count > from {
                line.append(" ")
            }
            line += Array(text)
        }
        return String(line)
    }

    mutating func periodPhrase() -> String {
        let s = start
        let e = end
        switch generator.int(0...5) {
        case 0: return "du \(G.long(s)) au \(G.long(e))"
        case 1: return "Période du \(G.long(s)) au \(G.long(e))"
        case 2: return "Relevé n° \(generator.int(1...12)) du \(G.long(s)) au \(G.long(e))"
        case 3: return "Période : \(G.long(s)) - \(G.long(e))"
        case 4:
            return
                "du \(s.day == 1 ? "1er" : String(s.day)) \(G.monthNames[s.month - 1]) au \(e.day) \(G.monthNames[e.month - 1]) \(e.year)"
        default: return "Période du \(G.format(s, .slashTwoDigitYear)) au \(G.format(e, .slashTwoDigitYear))"
        }
    }

    mutating func render() -> String {
        let thousands = generator.pick([" ", ".", "", "\u{00A0}"])
        let dateStyle = generator.pick([
            G.DateStyle.slashShort, .slashShort, .slashLong, .dotted, .slashTwoDigitYear, .dottedShort, .dashedShort,
        ])
        let period = periodPhrase()
        let holder =
            "COOP SCOL EE " + generator.pick(["RUE KELLER", "PARMENTIER", "BELLEVILLE", "VITRUVE", "PYRENEES"])
        var header: [String] = [
            Self.row([(bankName, 0, false), ("RELEVE DE COMPTE", 98, true)]),
            Self.row([
                (
                    "Agence " + generator.pick(["Paris Bastille", "Paris Nation", "Paris 20e"])
                        + " - Tél. 01 43 55 12 34", 0, false
                )
            ]),
            "",
            Self.row([("COOPERATIVE SCOLAIRE OCCE", 60, false)]),
            Self.row([(holder, 60, false)]),
            Self.row([("3 RUE DE LA ROQUETTE", 60, false)]),
            Self.row([("75011 PARIS", 60, false)]),
            "",
            "Titulaire : \(holder)",
        ]
        let bred = layout != .otherBank
        if bred {
            let short = String(account.suffix(9))
            header.append(
                Self.row([
                    (
                        "Compte courant n° \(short.prefix(3)).\(short.dropFirst(3).prefix(2)).\(short.suffix(4))", 0,
                        false
                    ), (period, 98, true),
                ]))
        } else {
            header.append(Self.row([("Compte n° \(account)", 0, false), (period, 98, true)]))
        }
        header.append(Self.row([("IBAN : " + G.grouped(iban), 0, false), ("BIC : " + bic, 98, true)]))
        header.append("")

        // Columns: débit/crédit (either order) or one signed column; value date before/after the label, or none.
        let signed: Bool
        switch layout {
        case .signedColumn: signed = true
        case .debitCredit, .otherBank: signed = false
        case .multiPage, .operationValueDates: signed = generator.chance(0.4)
        }
        let creditFirst = !signed && generator.chance(0.3)
        let valueColumn: Int  // 0 none, 1 after label, 2 before label (operation first), 3 before label (value first)
        switch layout {
        case .operationValueDates: valueColumn = generator.pick([2, 3, 1])
        case .signedColumn: valueColumn = generator.pick([0, 0, 1])
        default: valueColumn = generator.pick([0, 1, 1, 2])
        }
        let signStyle = generator.int(0...2)
        let euroSuffix = generator.chance(0.4) ? " €" : ""
        let labelCol = valueColumn >= 2 ? 22 : 12
        let valueCol = valueColumn == 1 ? 62 : 10
        let firstAmountEnd = 84
        let secondAmountEnd = 100
        let debitEnd = creditFirst ? secondAmountEnd : firstAmountEnd
        let creditEnd = creditFirst ? firstAmountEnd : secondAmountEnd

        var columnHeader: [(String, Int, Bool)] = []
        switch valueColumn {
        case 2:
            columnHeader += [(generator.pick(["Date opé.", "Date", "Opération"]), 0, false), ("Valeur", 10, false)]
        case 3:
            columnHeader += [
                ("Valeur", 0, false), (generator.pick(["Date opé.", "Date opération", "Date comptable"]), 10, false),
            ]
        default: columnHeader += [("Date", 0, false)]
        }
        columnHeader.append(
            (
                generator.pick(["Libellé", "Opération", "Libellé de l'opération", "Nature des opérations"]), labelCol,
                false
            ))
        if valueColumn == 1 { columnHeader.append((generator.pick(["Valeur", "Date valeur"]), valueCol, false)) }
        // Header words over right-aligned amounts: right-aligned like them, or left-aligned / centred over the column.
        let headerAlign = generator.pick([0, 0, 0, 1, 2])
        func headerCell(_ word: String, _ end: Int) -> (String, Int, Bool) {
            switch headerAlign {
            case 1: return (word, end - 12, false)
            case 2: return (word, end - 6 + word.count / 2, true)
            default: return (word, end, true)
            }
        }
        if signed {
            columnHeader.append(
                headerCell(generator.pick(["Montant", "Montant en euros", "Montant (EUR)"]), secondAmountEnd))
        } else {
            columnHeader.append(headerCell(generator.pick(["Débit", "Débit (€)", "DEBIT"]), debitEnd))
            columnHeader.append(headerCell(generator.pick(["Crédit", "Crédit (€)", "CREDIT"]), creditEnd))
        }
        let tableHeader = Self.row(columnHeader)

        func signedAmount(_ cents: Int64, forceSign: Bool = false) -> String {
            let body = G.euros(cents, thousands: thousands)
            if cents < 0 {
                switch signStyle {
                case 0: return "-" + body + euroSuffix
                case 1: return body + "-" + euroSuffix
                default: return "- " + body + euroSuffix
                }
            }
            switch signStyle {
            case 2: return "+ " + body + euroSuffix
            default: return body + euroSuffix
            }
        }
        func amountCells(_ cents: Int64) -> [(String, Int, Bool)] {
            if signed { return [(signedAmount(cents), secondAmountEnd, true)] }
            return [(G.euros(cents, thousands: thousands) + euroSuffix, cents < 0 ? debitEnd : creditEnd, true)]
        }
        func balanceRow(_ label: String, _ cents: Int64) -> String {
            if signed { return Self.row([(label, labelCol, false), (signedAmount(cents), secondAmountEnd, true)]) }
            return Self.row([(label, labelCol, false)] + amountCells(cents))
        }
        let openingDate = G.add(start, days: -1)
        var openingLabel: String
        var closingLabel: String
        let wording = bred ? generator.int(0...3) : generator.int(2...5)
        func dated(_ cents: Int64, _ d: CalendarDate, crediteur: Bool) -> String {
            if crediteur { return (cents < 0 ? "SOLDE DEBITEUR AU " : "SOLDE CREDITEUR AU ") + G.long(d) }
            return "SOLDE AU " + G.long(d)
        }
        switch wording {
        case 0:
            openingLabel = dated(opening, openingDate, crediteur: true)
            closingLabel = dated(closing, end, crediteur: true)
        case 1:
            openingLabel = "ANCIEN SOLDE"
            closingLabel = "NOUVEAU SOLDE"
        case 2:
            openingLabel =
                "Solde précédent au " + G.format(openingDate, dateStyle.yearless ? .slashLong : dateStyle)
            closingLabel = "Nouveau solde au " + G.format(end, dateStyle.yearless ? .slashLong : dateStyle)
        case 3:
            openingLabel = "SOLDE PRECEDENT AU " + G.long(openingDate)
            closingLabel = "SOLDE AU " + G.long(end)
        case 4:
            openingLabel = "Ancien solde au " + G.long(openingDate)
            closingLabel = "Nouveau solde au " + G.long(end)
        default:
            openingLabel = "Solde de début de période au " + G.long(openingDate)
            closingLabel = "Solde de fin de période au " + G.long(end)
        }
        func movementRow(_ m: G.Movement) -> String {
            let op = G.format(m.operation, dateStyle)
            let value = G.format(m.value, dateStyle)
            var cells: [(String, Int, Bool)] = []
            switch valueColumn {
            case 2: cells += [(op, 0, false), (value, 10, false)]
            case 3: cells += [(value, 0, false), (op, 10, false)]
            default: cells.append((op, 0, false))
            }
            cells.append((m.label, labelCol, false))
            if valueColumn == 1 { cells.append((value, valueCol, false)) }
            return Self.row(cells + amountCells(m.cents))
        }

        // Pages: one, or two or three for the multi-page layout.
        let pageCount = layout == .multiPage ? generator.int(2...3) : 1
        var chunks: [[G.Movement]] = Array(repeating: [], count: pageCount)
        for (i, m) in movements.enumerated() {
            chunks[min(pageCount - 1, i * pageCount / max(1, movements.count))].append(m)
        }
        var pages: [String] = []
        var running = opening
        for (p, chunk) in chunks.enumerated() {
            var lines = header
            lines.append(tableHeader)
            lines.append("")
            if p == 0 {
                lines.append(balanceRow(openingLabel, opening))
            } else {
                let carried = generator.pick([
                    "Report", "REPORT DE LA PAGE PRECEDENTE", "Solde reporté", "Report de la page \(p)",
                ])
                lines.append(balanceRow(carried, running))
            }
            lines.append("")
            var debits: Int64 = 0
            var credits: Int64 = 0
            for m in chunk {
                lines.append(movementRow(m))
                if m.cents < 0 { debits -= m.cents } else { credits += m.cents }
                running += m.cents
            }
            lines.append("")
            let pageTotals =
                signed
                ? [
                    (generator.pick(["Total de la page", "TOTAL DES OPERATIONS"]), labelCol, false),
                    (G.euros(credits - debits, thousands: thousands), secondAmountEnd, true),
                ]
                : [
                    (
                        generator.pick(["Total de la page", "TOTAL DES OPERATIONS", "Total des mouvements"]), labelCol,
                        false
                    ),
                    (G.euros(debits, thousands: thousands), debitEnd, true),
                    (G.euros(credits, thousands: thousands), creditEnd, true),
                ]
            if p + 1 < pageCount {
                if layout == .multiPage { lines.append(Self.row(pageTotals)) }
                lines.append(balanceRow(generator.pick(["A reporter", "SOLDE A REPORTER", "À reporter"]), running))
            } else {
                if layout == .multiPage || generator.chance(0.3) { lines.append(Self.row(pageTotals)) }
                lines.append(balanceRow(closingLabel, closing))
            }
            lines += ["", "", Self.row([("\(bankName), société anonyme. Page \(p + 1)/\(pageCount)", 0, false)])]
            pages.append(lines.joined(separator: "\n"))
        }
        return pages.joined(separator: "\n\u{0C}")
    }
}

/// What OCR of a phone photo or a 150 dpi scan does to such text: columns shifted by a few characters, irregular
/// spacing, `O` for `0`, a decimal point for the comma, a long dash for the minus, the euro sign lost, the value
/// date moved to the end of its line.
struct OCRNoise {
    var rng: SeededGenerator
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }

    mutating func apply(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { noisy(String($0)) }.joined(separator: "\n")
    }

    mutating func noisy(_ line: String) -> String {
        var chars = Array(line.replacingOccurrences(of: " €", with: chance(0.5) ? "" : " €"))
        // Digits: O for 0, l for 1, inside tokens that hold a separator (amounts, dates).
        var i = 0
        while i < chars.count {
            if chars[i] == "0", chance(0.06), isInNumberWithSeparator(chars, i) { chars[i] = "O" }
            if chars[i] == "1", chance(0.02), isInNumberWithSeparator(chars, i) { chars[i] = "l" }
            if chars[i] == ",", i + 2 < chars.count, chars[i + 1].isNumber, chars[i + 2].isNumber,
                i + 3 >= chars.count || !chars[i + 3].isNumber, i > 0, chars[i - 1].isNumber, chance(0.12)
            {
                chars[i] = "."
            }
            if chars[i] == "-", i + 1 < chars.count, chars[i + 1] == " " || chars[i + 1].isNumber, chance(0.1) {
                chars[i] = "—"
            }
            i += 1
        }
        var s = String(chars)
        // Irregular spacing: every run of two spaces or more grows or shrinks by one, staying at least two.
        var out = ""
        var run = 0
        for ch in s {
            if ch == " " {
                run += 1
                continue
            }
            if run > 0 {
                let n = run >= 2 ? max(2, run + int(-1...1)) : (chance(0.05) ? 2 : 1)
                out += String(repeating: " ", count: n)
                run = 0
            }
            out.append(ch)
        }
        s = out
        // The whole line shifted by up to two characters.
        let shift = int(-1...2)
        if shift > 0 {
            s = String(repeating: " ", count: shift) + s
        } else if shift < 0, s.hasPrefix(" ") {
            s.removeFirst()
        }
        return s
    }

    func isInNumberWithSeparator(_ chars: [Character], _ i: Int) -> Bool {
        var a = i
        var b = i
        while a > 0, chars[a - 1].isNumber || chars[a - 1] == "," || chars[a - 1] == "/" || chars[a - 1] == "." {
            a -= 1
        }
        while b + 1 < chars.count,
            chars[b + 1].isNumber || chars[b + 1] == "," || chars[b + 1] == "/" || chars[b + 1] == "."
        { b += 1 }
        return chars[a...b].contains { $0 == "," || $0 == "/" || $0 == "." }
    }
}

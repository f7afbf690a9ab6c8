import CoopmailDomain
import CoopmailText
import Foundation

/// Decides which registered cooperative one document belongs to, from the mail's sender, subject, body and
/// attachment name and from the document's own content (IBAN, account number, printed coop number, school name).
///
/// Signals are combined per candidate (noisy-OR of their weights). The match is refused — cooperative nil, with the
/// reason in the evidence — when the best confidence is below the threshold or when strong signals point at two
/// different cooperatives. A wrong match is the worst outcome, so the matcher prefers abstaining.
///
/// Built with `.indexed` (the default), the matcher builds a `RegistryIndex` once, and each document costs what its
/// words cost whatever the registry's size; `.plainScan` looks at every cooperative for every document (the
/// reference the property tests compare the index with). Both decide exactly alike.
public struct CooperativeMatcher: Sendable {
    /// How the registry is searched.
    public enum Lookup: Sendable { case indexed, plainScan }

    public let registry: [Cooperative]
    public var defaultDepartment: Int
    public var threshold: Double
    /// Nil for a plain scan.
    let index: RegistryIndex?

    public init(
        registry: [Cooperative], defaultDepartment: Int = 75, threshold: Double = 0.8, lookup: Lookup = .indexed
    ) {
        self.registry = registry
        self.defaultDepartment = defaultDepartment
        self.threshold = threshold
        index = lookup == .indexed ? RegistryIndex(registry: registry) : nil
    }

    /// A matcher over an index already built (several matchers, one index).
    public init(index: RegistryIndex, defaultDepartment: Int = 75, threshold: Double = 0.8) {
        registry = index.registry
        self.defaultDepartment = defaultDepartment
        self.threshold = threshold
        self.index = index
    }

    /// Signal weights.
    enum Weight {
        static let iban = 0.97
        static let accountNumber = 0.9
        static let documentNumberFull = 0.85
        static let documentNumberKeyword = 0.7
        static let mailNumberFull = 0.75
        static let mailNumberKeyword = 0.6
        static let mailNumberAmongSeveral = 0.3
        /// A number in the text a reply quotes (or in a reply's subject that repeats it): supporting only.
        static let quoted = 0.3
        /// `n° 123` without a word saying it is a cooperative's: supporting only.
        static let numberSignOnly = 0.55
        static let senderUnique = 0.6
        static let senderShared = 0.3
        /// The sender of a forwarded mail, registered for one cooperative: supporting only.
        static let forwardedSender = 0.5
        static let schoolFull = 0.7
        /// A school's whole name written in the mail's own typed text, no other registered name holding it
        /// (``SchoolNamePhrase``): enough alone, and in conflict with another cooperative's strong signal.
        static let schoolNamed = 0.85
        static let schoolPartial = 0.45
        /// Signals at or above this weight count as strong: two coops with strong signals is a conflict.
        static let strong = 0.6
    }

    struct Signal {
        var weight: Double
        var evidence: String
        /// Whether this signal may create a conflict with another coop's strong signal.
        var decisive: Bool
    }

    public func match(
        sender: String?, subject: String, body: String, filename: String?, documentText: String,
        statement: BankStatement? = nil, quitus: Quitus? = nil, documentTextIsOCR: Bool = false
    ) -> Match {
        match(
            MatchInput(
                sender: sender, subject: subject, body: body, filename: filename, documentText: documentText,
                statement: statement, quitus: quitus, documentTextIsOCR: documentTextIsOCR))
    }

    public func match(_ input: MatchInput) -> Match {
        let (signals, notes) = signals(input)
        return decide(signals, notes: notes)
    }

    /// Every signal the input gives, per candidate cooperative, and notes for staff.
    func signals(_ input: MatchInput) -> ([CooperativeNumber: [Signal]], [String]) {
        var signals: [CooperativeNumber: [Signal]] = [:]
        var notes: [String] = []
        func add(_ n: CooperativeNumber, _ weight: Double, _ evidence: String, decisive: Bool = true) {
            signals[n, default: []].append(
                Signal(weight: weight, evidence: evidence, decisive: decisive && weight >= Weight.strong))
        }
        let index = self.index
        let byNumber = index?.byNumber ?? Dictionary(registry.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let registry = self.registry
        func at(_ positions: [Int]?) -> [Cooperative] { (positions ?? []).map { registry[$0] } }

        // Sender.
        if let sender = input.sender.map(Self.address) {
            let coops =
                (index.map { at($0.bySender[sender]) }
                ?? registry.filter { $0.mandataire.emails.contains { $0.lowercased() == sender } }).map(\.number)
                .sorted()
            if coops.count == 1 {
                add(coops[0], Weight.senderUnique, "expéditeur enregistré pour \(coops[0])")
            } else if coops.count > 1 {
                for n in coops {
                    add(
                        n, Weight.senderShared,
                        "expéditeur enregistré pour plusieurs coopératives (\(coops.map(\.description).joined(separator: ", ")))",
                        decisive: false)
                }
            } else {
                notes.append("expéditeur \(sender) absent du registre")
            }
        }

        // Statement: IBAN and short account number.
        if let statement = input.statement {
            if let iban = statement.iban {
                let owners =
                    (index.map { at($0.byIBAN[iban]) } ?? registry.filter { $0.iban.flatMap(IBAN.normalized) == iban })
                    .map(\.number)
                for n in owners { add(n, Weight.iban, "IBAN du relevé = IBAN enregistré de \(n)") }
                if owners.isEmpty { notes.append("IBAN du relevé absent du registre") }
            }
            if let short = statement.accountNumber {
                let digits = String(short.filter(\.isNumber))
                let owners =
                    (index.map { at($0.byAccount[Self.stripZeros(digits)]) }
                    ?? registry.filter { coop in
                        guard let account = coop.iban.flatMap(IBAN.normalized).flatMap(IBAN.frenchAccountDigits) else {
                            return false
                        }
                        return Self.stripZeros(account) == Self.stripZeros(digits)
                    }).map(\.number)
                for n in owners where !(signals[n]?.contains { $0.weight == Weight.iban } ?? false) {
                    add(n, Weight.accountNumber, "numéro de compte \(short) = compte enregistré de \(n)")
                }
            }
        }

        // Numbers written in the document and in the mail.
        let finder = CooperativeNumberFinder(defaultDepartment: defaultDepartment)
        var documentNumbers = finder.find(in: input.documentText)
        // The quitus's numbers were found in the same text when it was read (perhaps by an older finder, cached):
        // the text, when there is one, is read again with today's rules instead.
        for n in input.documentText.isEmpty ? (input.quitus?.cooperativeNumbers ?? []) : []
        where !documentNumbers.contains(where: { $0.number == n }) {
            documentNumbers.append(.init(number: n, form: .full, written: n.description))
        }
        for found in documentNumbers {
            guard byNumber[found.number] != nil else {
                if found.form == .full { notes.append("numéro \(found.number) du document absent du registre") }
                continue
            }
            let weight =
                switch found.form {
                case .full: Weight.documentNumberFull
                case .keyword: Weight.documentNumberKeyword
                case .numberSign: Weight.numberSignOnly
                }
            add(found.number, weight, "numéro \(found.number) dans le document")
        }
        // What a reply quotes of earlier mails was written by someone else: its numbers only support, and a reply's
        // subject that repeats one of them inherited it from the thread.
        let reply = ReplyQuote.split(body: input.body, subject: input.subject)
        let quotedNumbers = Set(finder.find(in: reply.quoted).map(\.number).filter { byNumber[$0] != nil })
        for n in quotedNumbers.sorted() {
            add(n, Weight.quoted, "numéro \(n) dans le texte cité d'un autre message", decisive: false)
        }
        let inheritedSubject = ReplyQuote.isReply(input.subject) && !quotedNumbers.isEmpty
        // The sender of a mail passed on (inline or message/rfc822 forward), when registered for one cooperative.
        for address in ForwardedSender.addresses(in: reply.own) where address != input.sender.map(Self.address) {
            let coops =
                (index.map { at($0.bySender[address]) }
                ?? registry.filter { $0.mandataire.emails.contains { $0.lowercased() == address } }).map(\.number)
            if coops.count == 1 {
                add(
                    coops[0], Weight.forwardedSender,
                    "message transféré de \(address), adresse enregistrée pour \(coops[0])",
                    decisive: false)
            }
        }
        let mailFields: [(String, String)] = [
            (input.subject, "dans l'objet"), (input.filename ?? "", "dans le nom du fichier"),
            (reply.own, "dans le corps du message"),
        ]
        for (text, place) in mailFields {
            let found = finder.find(in: Self.filenameSpaced(text)).filter { byNumber[$0.number] != nil }
            for f in found {
                if inheritedSubject, place == "dans l'objet", quotedNumbers.contains(f.number) {
                    add(
                        f.number, Weight.quoted, "numéro \(f.number) dans l'objet, repris du message cité",
                        decisive: false)
                    continue
                }
                let weight =
                    found.count > 1
                    ? Weight.mailNumberAmongSeveral
                    : (f.form == .full
                        ? Weight.mailNumberFull : f.form == .keyword ? Weight.mailNumberKeyword : Weight.numberSignOnly)
                add(f.number, weight, "numéro \(f.number) \(place)")
            }
        }

        // School name: its distinctive words support only; its whole name written out may decide. The one-slip
        // tolerance applies only to OCR output; typed text (subject, body, file name, a PDF's text layer) must spell
        // the name's words exactly.
        let documentWords = [input.documentText, input.statement?.holder ?? "", input.quitus?.school ?? ""]
            .flatMap { Folding.words($0) }
        // The typed texts' words, text by text (subject, file name, the sender's own part of the body): folded once.
        let typedTexts = [input.subject, input.filename ?? "", reply.own].map { Folding.words(Self.filenameSpaced($0)) }
        let typedWords = typedTexts.flatMap { $0 }
        let vocabulary =
            input.documentTextIsOCR
            ? SchoolNameMatcher.Vocabulary(exact: Set(typedWords), ocr: Set(documentWords))
            : SchoolNameMatcher.Vocabulary(exact: Set(typedWords + documentWords), ocr: [])
        let schools: [(Cooperative, Double)]
        if let index {
            schools = index.schoolCoverage(found: index.schoolWordsFound(in: vocabulary)).map {
                (registry[$0.position], $0.coverage)
            }
        } else {
            schools = registry.compactMap { coop in
                SchoolNameMatcher.coverage(of: coop.school, in: vocabulary).map { (coop, $0) }
            }
        }
        // The whole name written out by the sender (not in a reply's inherited subject, nor in quoted text).
        let ownTexts = ReplyQuote.isReply(input.subject) ? Array(typedTexts.dropFirst()) : typedTexts
        let fullyCovered = schools.filter { $0.1 >= SchoolNameMatcher.fullCoverage }.map(\.0)
        if let named = SchoolNamePhrase.named(
            among: fullyCovered, in: ownTexts, registry: registry, schoolWords: index?.schoolWords)
        {
            add(named.number, Weight.schoolNamed, "nom complet de l'école « \(named.school) » écrit dans le message")
        }
        // Distinctive words of a school name weigh less than the threshold and are never decisive, so among the
        // cooperatives that only a name points at, `decide` can only ever look at the two best (weight, then number): the best as the
        // abstention's evidence, the second as a close candidate. Only those two are kept, so that a common name
        // (« Jules Ferry » names hundreds of schools in a national registry) costs two signals, not hundreds; the
        // decision is the same as with all of them.
        // (A number registered twice gathers its rows' signals, ranked as `decide` ranks them.)
        func addSchool(_ coop: Cooperative, full: Bool) {
            if full {
                add(coop.number, Weight.schoolFull, "nom d'école « \(coop.school) » reconnu", decisive: false)
            } else {
                add(
                    coop.number, Weight.schoolPartial, "nom d'école « \(coop.school) » en partie reconnu",
                    decisive: false)
            }
        }
        var nameOnly: [CooperativeNumber: [(coop: Cooperative, full: Bool)]] = [:]
        for (coop, coverage) in schools {
            let full = coverage >= SchoolNameMatcher.fullCoverage
            guard SchoolNameMatcher.counts(coverage: coverage) else { continue }
            if signals[coop.number] == nil {
                nameOnly[coop.number, default: []].append((coop, full))
            } else {
                addSchool(coop, full: full)
            }
        }
        /// The confidence `decide` will give a name-only number: one weight per distinct evidence, combined.
        func confidence(_ rows: [(coop: Cooperative, full: Bool)]) -> Double {
            var best: [String: Double] = [:]
            for row in rows {
                let key: String = (row.full ? "full " : "part ") + row.coop.school
                let weight: Double = row.full ? Weight.schoolFull : Weight.schoolPartial
                best[key] = max(best[key] ?? 0, weight)
            }
            var rest = 1.0
            for weight in best.values.sorted(by: >) { rest *= 1 - weight }
            return 1 - rest
        }
        var ranked: [(number: CooperativeNumber, confidence: Double)] = nameOnly.map { ($0.key, confidence($0.value)) }
        ranked.sort { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.number < $1.number }
        for candidate in ranked.prefix(2) {
            for row in nameOnly[candidate.number] ?? [] { addSchool(row.coop, full: row.full) }
        }

        return (signals, notes)
    }

    func decide(_ signals: [CooperativeNumber: [Signal]], notes: [String]) -> Match {
        guard !signals.isEmpty else {
            return Match(cooperative: nil, confidence: 0, evidence: notes + ["aucun indice ne désigne une coopérative"])
        }
        // One evidence line per distinct phrase, strongest first.
        var scored: [(CooperativeNumber, Double, [Signal])] = signals.map { number, list in
            var seen = Set<String>()
            let unique = list.sorted { $0.weight > $1.weight }.filter { seen.insert($0.evidence).inserted }
            // Repeated phrases of one kind are not independent: keep the best weight of each evidence phrase.
            let confidence = 1 - unique.reduce(1.0) { $0 * (1 - $1.weight) }
            return (number, confidence, unique)
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let best = scored[0]
        let decisive = scored.filter { $0.2.contains(where: \.decisive) }
        if decisive.count > 1 {
            let names = decisive.map { "\($0.0) (\($0.2.first(where: \.decisive)!.evidence))" }
            return Match(
                cooperative: nil, confidence: best.1,
                evidence: ["signaux contradictoires : " + names.joined(separator: " ; ")] + notes)
        }
        var evidence = best.2.map(\.evidence) + notes
        if best.1 < threshold {
            evidence.append(
                "confiance \(Self.french(best.1)) inférieure au seuil \(Self.french(threshold)) : pas de rattachement")
            return Match(cooperative: nil, confidence: best.1, evidence: evidence)
        }
        if scored.count > 1, scored[1].1 >= threshold {
            evidence.append("autre candidate proche : \(scored[1].0)")
            return Match(cooperative: nil, confidence: best.1, evidence: evidence)
        }
        return Match(cooperative: best.0, confidence: best.1, evidence: evidence)
    }

    static func address(_ sender: String) -> String {
        // "Claire Martin <Claire.Martin@ac-paris.fr>" → "claire.martin@ac-paris.fr"
        var s = sender
        if let open = s.lastIndex(of: "<"), let close = s.lastIndex(of: ">"), open < close {
            s = String(s[s.index(after: open)..<close])
        }
        return s.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func stripZeros(_ s: String) -> String {
        let t = s.drop(while: { $0 == "0" })
        return t.isEmpty ? "0" : String(t)
    }

    /// File names write `coop_0123` or `releve-075-0123.pdf`: underscores become spaces, the extension goes.
    static func filenameSpaced(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "_", with: " ")
        for ext in [".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".PDF", ".JPG", ".JPEG", ".PNG"]
        where t.hasSuffix(ext) {
            t = String(t.dropLast(ext.count))
        }
        return t
    }

    static func french(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        return "\(hundredths / 100),\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}

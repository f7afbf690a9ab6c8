import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import CoopmailText
import Foundation

/// Builds the contract's export from the store.
///
/// ``writeJSON(exercise:to:)`` and ``writeCSV(exercise:to:)`` stream it: the messages come from a cursor and each
/// submission is written as soon as it is read, the dossiers' snapshots are read by batches, so memory does not grow
/// with the season (only the set of cooperative numbers is kept). ``json(exercise:)`` and ``csv(exercise:)`` give
/// the same text as a string.
public struct Exporter {
    public let store: Store
    public let config: Config
    let service: DossierService
    /// Cooperatives whose dossiers are read in one transaction.
    static let batch = 500

    public init(store: Store, config: Config) {
        self.store = store
        self.config = config
        service = DossierService(store: store)
    }

    /// The exercise to export when none is given: the configured one, else the most recent one in the store.
    public func defaultExercise() throws -> Exercise? {
        if let e = config.exercise { return e }
        return try store.latestExercise().flatMap(Exercise.init)
    }

    public func build(exercise: Exercise) throws -> ExportDocument {
        try service.refreshPending()
        var coops = Set<String>()
        var submissions: [ExportDocument.Submission] = []
        let expected = try expectedBalances(exercise: exercise)
        try store.forEachSubmission(exercise: exercise.description) { m, docs in
            submissions.append(
                Self.submission(m, docs, exercise: exercise, expected: expected, cooperatives: &coops))
        }
        var dossiers: [ExportDocument.Dossier] = []
        try forEachDossier(coops, exercise: exercise) { dossiers.append($0) }
        return ExportDocument(exercise: exercise.description, submissions: submissions, dossiers: dossiers)
    }

    /// One submission of the export; adds the cooperatives it belongs to.
    /// `expected`: each cooperative's expected statement balance (``expectedBalances(exercise:)``).
    static func submission(
        _ m: MessageRecord, _ documents: [DocumentRecord], exercise: Exercise, expected: [String: Money] = [:],
        cooperatives coops: inout Set<String>
    ) -> ExportDocument.Submission {
        // An automatic mail belongs to no cooperative (also one processed before natures existed).
        let nature = m.effectiveNature(documentCount: documents.count)
        let automatic = nature == .automatic
        let docs = documents.compactMap { d -> ExportDocument.Document? in
            guard let id = d.id else { return nil }
            if let c = d.cooperative, !automatic { coops.insert(c) }
            return ExportDocument.Document(
                id: id, filename: d.filename, sha256: d.sha256, mediaType: d.mediaType,
                kind: d.kind.rawValue, pages: JSON.decode([Int].self, d.pages),
                cooperative: automatic ? nil : d.cooperative,
                statement: statement(
                    d, exercise: exercise, expected: automatic ? nil : d.cooperative.flatMap { expected[$0] }),
                signatures: signatures(d))
        }
        if let c = m.cooperative, !automatic { coops.insert(c) }
        return ExportDocument.Submission(
            messageID: m.messageId, from: m.fromAddress, subject: m.subject, receivedAt: m.receivedAt,
            cooperative: automatic ? nil : m.cooperative,
            match: .init(
                confidence: m.matchConfidence ?? 0, evidence: JSON.decode([String].self, m.matchEvidence) ?? []),
            status: m.status.rawValue, quarantineReason: m.quarantineReason, nature: nature.rawValue, documents: docs,
            notes: JSON.decode([String].self, m.salvageNotes) ?? [])
    }

    /// The balance each cooperative's declaration for `exercise` leads to expect on its statement at 31/08.
    func expectedBalances(exercise: Exercise) throws -> [String: Money] {
        let records = try store.read { try $0.declarations(exercise: exercise.description) }
        var expected: [String: Money] = [:]
        for r in records { if let report = r.report { expected[r.cooperative] = report.expectedStatementBalance } }
        return expected
    }

    /// The cooperatives the exercise's submissions belong to (first pass of the streamed export).
    func cooperatives(exercise: Exercise) throws -> Set<String> {
        var coops = Set<String>()
        var automatic: [Int64: Bool] = [:]
        for row in try store.attachedCooperatives(exercise: exercise.description) {
            if let id = row.undecided {
                // A mail processed before natures existed: the detector decides, as `effectiveNature` does.
                if automatic[id] == nil {
                    automatic[id] = try store.message(id: id).map { $0.effectiveNature(documentCount: 0) == .automatic }
                }
                if automatic[id] ?? true { continue }
            }
            coops.insert(row.cooperative)
        }
        return coops
    }

    /// The dossier of each cooperative in number order (status and checks from the up-to-date snapshots, read by
    /// batches; computed for the others). Call ``DossierService/refreshPending()`` first.
    func forEachDossier(_ coops: Set<String>, exercise: Exercise, _ body: (ExportDocument.Dossier) throws -> Void)
        throws
    {
        let numbers = coops.sorted().compactMap { c in CooperativeNumber(parsing: c).map { (text: c, number: $0) } }
        for start in stride(from: 0, to: numbers.count, by: Self.batch) {
            let chunk = Array(numbers[start..<min(start + Self.batch, numbers.count)])
            let evaluated = try service.evaluateMany(chunk.map(\.number), exercise: exercise)
            for (c, d) in zip(chunk, evaluated) {
                try body(
                    ExportDocument.Dossier(
                        cooperative: c.text, status: d.status.rawValue,
                        checks: d.checks.map(ExportDocument.CheckRow.init)))
            }
        }
    }

    /// The JSON export, written piece by piece to `out`: the same bytes as encoding ``build(exercise:)`` with sorted
    /// keys, pretty-printed (keys in order: dossiers, exercise, submissions). Each element is written by
    /// ``PrettyJSON`` at its indentation, and elements go out by batches of about 64 KiB.
    public func writeJSON(exercise: Exercise, to out: (String) throws -> Void) throws {
        try service.refreshPending()
        let coops = try cooperatives(exercise: exercise)
        var w = PrettyJSON(level: 2, capacity: 1 << 17)
        var first = true
        /// Starts the next element of a top-level array; flushes the batch when it is full.
        func next() throws {
            if w.bytes.count >= 1 << 16 {
                try out(w.text)
                w.clear()
            }
            if first { w.raw("\n    ") } else { w.raw(",\n    ") }
            first = false
        }
        w.raw("{\n  \"dossiers\" : [")
        try forEachDossier(coops, exercise: exercise) { d in
            try next()
            d.writeContractFields(to: &w)
        }
        w.raw(first ? "\n\n  ],\n" : "\n  ],\n")
        w.raw("  \"exercise\" : ")
        w.string(exercise.description)
        w.raw(",\n  \"submissions\" : [")
        first = true
        var ignored = Set<String>()
        let expected = try expectedBalances(exercise: exercise)
        try store.forEachSubmission(exercise: exercise.description) { m, docs in
            let submission = Self.submission(m, docs, exercise: exercise, expected: expected, cooperatives: &ignored)
            try next()
            try submission.write(to: &w)
            ignored.removeAll(keepingCapacity: true)
        }
        w.raw(first ? "\n\n  ]\n}" : "\n  ]\n}")
        try out(w.text)
    }

    /// A quitus's signature places, as read (an empty list when the page was not inspected).
    static func signatures(_ d: DocumentRecord) -> [ExportDocument.Signature]? {
        guard d.kind == .quitus else { return nil }
        return (d.quitus?.signatures ?? []).map(ExportDocument.Signature.init)
    }

    /// `expected`: the balance the document's cooperative declared, which confirms an OCR'd balance line the
    /// statement's movements could not vouch for (``BankStatement/balance(at:confirmedBy:)``).
    static func statement(_ d: DocumentRecord, exercise: Exercise, expected: Money? = nil) -> ExportDocument.Statement?
    {
        guard d.kind == .bankStatement else { return nil }
        let s = d.statement
        let b = s?.balance(at: exercise.closing, confirmedBy: expected)
        return ExportDocument.Statement(
            date: b?.date.iso, balanceCents: b?.amount.cents, iban: s?.iban,
            balanceSource: b?.source.rawValue)
    }

    public func json(exercise: Exercise) throws -> String {
        var text = ""
        try writeJSON(exercise: exercise) { text += $0 }
        return text
    }

    /// One row per document (and one per message without documents), for a French spreadsheet: UTF-8 with a byte
    /// order mark (so that Excel reads the accents), `;`-separated, French headers and values (dates in Paris time,
    /// amounts `1234,56`), each row with the school, the dossier's status and its failed or unchecked rules.
    public func csv(exercise: Exercise) throws -> String {
        var text = ""
        try writeCSV(exercise: exercise) { text += $0 }
        return text
    }

    /// The CSV export written row by row to `out` (the same text as ``csv(exercise:)``).
    public func writeCSV(exercise: Exercise, to out: (String) throws -> Void) throws {
        try service.refreshPending()
        let schools = try store.schoolsByNumber()
        // The dossier columns of every cooperative, computed once: status label and the rules to review.
        var dossiers: [String: (status: String, toReview: String)] = [:]
        try forEachDossier(try cooperatives(exercise: exercise), exercise: exercise) { d in
            let toReview = d.checks.compactMap { c -> String? in
                guard let rule = Rule(rawValue: c.rule) else { return nil }
                switch c.verdict {
                case Verdict.fail.rawValue: return CheckText.name(rule)
                case Verdict.unknown.rawValue: return "non vérifié : " + CheckText.name(rule)
                default: return nil
                }
            }
            dossiers[d.cooperative] = (
                DossierStatus(rawValue: d.status)?.label ?? d.status, toReview.joined(separator: ", ")
            )
        }
        let q = Self.csvField
        var clock = ParisMinute()
        func dossierColumns(_ coop: String?) -> [String] {
            guard let coop else { return ["", "", "", ""] }
            let d = dossiers[coop]
            return [q(coop), q(schools[coop]), q(d?.status), q(d?.toReview ?? "")]
        }
        try out(
            "\u{FEFF}identifiant_courriel;expediteur;objet;recu_le;etat_courriel;motif_quarantaine;fichier;type_piece;pages;"
                + "cooperative;ecole;statut_dossier;controles_a_revoir;solde_31_08;source_solde;sha256\r\n")
        var ignored = Set<String>()
        let expected = try expectedBalances(exercise: exercise)
        try store.forEachSubmission(exercise: exercise.description) { m, docs in
            let s = Self.submission(m, docs, exercise: exercise, expected: expected, cooperatives: &ignored)
            ignored.removeAll(keepingCapacity: true)
            let head = [
                q(s.messageID), q(s.from), q(s.subject),
                q(clock.text(s.receivedAt) ?? Self.frenchDateTime(s.receivedAt)),
                q(Self.messageState(s.status)),
                q(s.quarantineReason),
            ]
            if s.documents.isEmpty {
                try out(
                    (head + ["", "", ""] + dossierColumns(s.cooperative) + ["", "", ""]).joined(separator: ";")
                        + "\r\n")
                return
            }
            var lines = ""
            for d in s.documents {
                let balance = d.statement?.balanceCents.map(Self.plainEuros)
                let source = d.statement?.balanceSource.map {
                    $0 == "read" ? "lu" : $0 == "computed" ? "calculé" : $0
                }
                lines +=
                    (head + [
                        q(d.filename), q(DocumentKind(rawValue: d.kind)?.label ?? d.kind),
                        q(d.pages?.map(String.init).joined(separator: ",")),
                    ]
                    + dossierColumns(d.cooperative ?? s.cooperative) + [q(balance), q(source), d.sha256]).joined(
                        separator: ";") + "\r\n"
            }
            try out(lines)
        }
    }

    /// A CSV field: line breaks become spaces, a leading = + - @ is neutralised (spreadsheets would run it as a
    /// formula), and a field with `;` or `"` is quoted. Most fields need none of it and are checked on their bytes.
    static func csvField(_ s: String?) -> String {
        guard let s else { return "" }
        var bytes = s
        let plain = bytes.withUTF8 { b in
            if let f = b.first, f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 { return false }
            return !b.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x3B || $0 == 0x22 }
        }
        if plain { return s }
        let safe = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let guarded = safe.first.map { "=+-@".contains($0) } == true ? "'" + safe : safe
        return guarded.contains(";") || guarded.contains("\"")
            ? "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : guarded
    }

    /// `1234,56`, `-60,00`: what a French spreadsheet reads as a number.
    static func plainEuros(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        return sign + String(m / 100) + "," + (m % 100 < 10 ? "0" : "") + String(m % 100)
    }

    /// `13/09/2021 10:00` in Paris time, from a stored ISO-8601 timestamp.
    static func frenchDateTime(_ iso: String) -> String {
        guard let date = Timestamp.parse(iso) else { return iso }
        return parisDateTime.string(from: date)
    }

    /// Made once: a DateFormatter costs milliseconds to create, one per row made a 100,000-row export take minutes.
    static let parisDateTime: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "fr_FR")
        f.timeZone = .paris
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f
    }()

    static func messageState(_ status: String) -> String {
        switch status {
        case MessageStatus.received.rawValue: return "reçu, pas encore lu"
        case MessageStatus.processed.rawValue: return "lu"
        case MessageStatus.quarantined.rawValue: return "en quarantaine"
        default: return status
        }
    }
}

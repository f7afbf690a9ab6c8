import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import Foundation
import GRDB

/// Builds the contract's export from the store.
public struct Exporter {
    public let store: Store
    public let config: Config
    /// Computes a dossier's status and checks; by default the dossier stage's (``DossierService``).
    public var dossier: (CooperativeNumber, Exercise) throws -> (status: String, checks: [Check])

    public init(store: Store, config: Config) {
        self.store = store; self.config = config
        let service = DossierService(store: store)
        dossier = { c, e in
            try service.refreshPending()
            let d = try service.evaluate(c, exercise: e)
            return (d.status.rawValue, d.checks)
        }
    }

    /// The exercise to export when none is given: the configured one, else the most recent one in the store.
    public func defaultExercise() throws -> Exercise? {
        if let e = config.exercise { return e }
        return try store.db.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(exercise) FROM message").flatMap(Exercise.init)
        }
    }

    public func build(exercise: Exercise) throws -> ExportDocument {
        let (messages, documents) = try store.db.read { db in
            (try MessageRecord.filter(Column("exercise") == exercise.description).order(Column("received_at"), Column("id")).fetchAll(db),
             try DocumentRecord.fetchAll(db, sql: """
                SELECT document.* FROM document JOIN message ON message.id = document.message
                WHERE message.exercise = ? ORDER BY document.message, document.position
                """, arguments: [exercise.description]))
        }
        let byMessage = Dictionary(grouping: documents, by: \.message)
        var coops = Set<String>()
        let submissions = messages.map { m -> ExportDocument.Submission in
            // An automatic mail belongs to no cooperative (also one processed before natures existed).
            let nature = m.effectiveNature(documentCount: byMessage[m.id!]?.count ?? 0)
            let automatic = nature == .automatic
            let docs = (byMessage[m.id!] ?? []).map { d -> ExportDocument.Document in
                if let c = d.cooperative, !automatic { coops.insert(c) }
                return ExportDocument.Document(id: d.id!, filename: d.filename, sha256: d.sha256, mediaType: d.mediaType,
                                               kind: d.kind, pages: JSON.decode([Int].self, d.pages),
                                               cooperative: automatic ? nil : d.cooperative,
                                               statement: Self.statement(d, exercise: exercise), signatures: Self.signatures(d))
            }
            if let c = m.cooperative, !automatic { coops.insert(c) }
            return ExportDocument.Submission(
                messageID: m.messageId, from: m.fromAddress, subject: m.subject, receivedAt: m.receivedAt,
                cooperative: automatic ? nil : m.cooperative,
                match: .init(confidence: m.matchConfidence ?? 0, evidence: JSON.decode([String].self, m.matchEvidence) ?? []),
                status: m.status, quarantineReason: m.quarantineReason, nature: nature.rawValue, documents: docs,
                notes: JSON.decode([String].self, m.salvageNotes) ?? [])
        }
        let dossiers = try coops.sorted().compactMap { c -> ExportDocument.Dossier? in
            guard let number = CooperativeNumber(parsing: c) else { return nil }
            let d = try dossier(number, exercise)
            return ExportDocument.Dossier(cooperative: c, status: d.status, checks: d.checks.map(ExportDocument.CheckRow.init))
        }
        return ExportDocument(exercise: exercise.description, submissions: submissions, dossiers: dossiers)
    }

    /// A quitus's signature places, as read (an empty list when the page was not inspected).
    static func signatures(_ d: DocumentRecord) -> [ExportDocument.Signature]? {
        guard d.kind == DocumentKind.quitus.rawValue else { return nil }
        return (JSON.decode(Quitus.self, d.quitus)?.signatures ?? []).map(ExportDocument.Signature.init)
    }

    static func statement(_ d: DocumentRecord, exercise: Exercise) -> ExportDocument.Statement? {
        guard d.kind == DocumentKind.bankStatement.rawValue else { return nil }
        let s = JSON.decode(BankStatement.self, d.statement)
        let b = s?.balance(at: exercise.closing)
        return ExportDocument.Statement(date: b?.date.iso, balanceCents: b?.amount.cents, iban: s?.iban,
                                        balanceSource: b?.source.rawValue)
    }

    public func json(exercise: Exercise) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(build(exercise: exercise)), as: UTF8.self)
    }

    /// One row per document (and one per message without documents), for a French spreadsheet: UTF-8 with a byte
    /// order mark (so that Excel reads the accents), `;`-separated, French headers and values (dates in Paris time,
    /// amounts `1234,56`), each row with the school, the dossier's status and its failed or unchecked rules.
    public func csv(exercise: Exercise) throws -> String {
        let doc = try build(exercise: exercise)
        let schools = try store.db.read { db in
            Dictionary(try CooperativeRecord.fetchAll(db).map { ($0.number, $0.school) }, uniquingKeysWith: { a, _ in a })
        }
        let dossiers = Dictionary(doc.dossiers.map { ($0.cooperative, $0) }, uniquingKeysWith: { a, _ in a })
        var lines = ["identifiant_courriel;expediteur;objet;recu_le;etat_courriel;motif_quarantaine;fichier;type_piece;pages;"
                     + "cooperative;ecole;statut_dossier;controles_a_revoir;solde_31_08;source_solde;sha256"]
        func q(_ s: String?) -> String {
            guard let s else { return "" }
            let safe = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            // A leading = + - @ would be run as a formula by spreadsheets: neutralise it.
            let guarded = safe.first.map { "=+-@".contains($0) } == true ? "'" + safe : safe
            return guarded.contains(";") || guarded.contains("\"") ? "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : guarded
        }
        func dossierColumns(_ coop: String?) -> [String] {
            guard let coop else { return ["", "", "", ""] }
            let d = dossiers[coop]
            let toReview = (d?.checks ?? []).compactMap { c -> String? in
                guard let rule = Rule(rawValue: c.rule) else { return nil }
                switch c.verdict {
                case Verdict.fail.rawValue: return CheckText.name(rule)
                case Verdict.unknown.rawValue: return "non vérifié : " + CheckText.name(rule)
                default: return nil
                }
            }
            return [q(coop), q(schools[coop]), q(d.flatMap { DossierStatus(rawValue: $0.status)?.label } ?? d?.status),
                    q(toReview.joined(separator: ", "))]
        }
        for s in doc.submissions {
            let head = [q(s.messageID), q(s.from), q(s.subject), q(Self.frenchDateTime(s.receivedAt)), q(Self.messageState(s.status)),
                        q(s.quarantineReason)]
            if s.documents.isEmpty {
                lines.append((head + ["", "", ""] + dossierColumns(s.cooperative) + ["", "", ""]).joined(separator: ";"))
                continue
            }
            for d in s.documents {
                let balance = d.statement?.balanceCents.map(Self.plainEuros)
                let source = d.statement?.balanceSource.map { $0 == "read" ? "lu" : $0 == "computed" ? "calculé" : $0 }
                lines.append((head + [q(d.filename), q(DocumentKind(rawValue: d.kind)?.label ?? d.kind),
                                      q(d.pages?.map(String.init).joined(separator: ","))]
                              + dossierColumns(d.cooperative ?? s.cooperative) + [q(balance), q(source), d.sha256]).joined(separator: ";"))
            }
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
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
        case MessageStatus.received: return "reçu, pas encore lu"
        case MessageStatus.processed: return "lu"
        case MessageStatus.quarantined: return "en quarantaine"
        default: return status
        }
    }
}

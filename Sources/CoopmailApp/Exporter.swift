import CoopmailDomain
import CoopmailDossier
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
            let docs = (byMessage[m.id!] ?? []).map { d -> ExportDocument.Document in
                if let c = d.cooperative { coops.insert(c) }
                return ExportDocument.Document(id: d.id!, filename: d.filename, sha256: d.sha256, mediaType: d.mediaType,
                                               kind: d.kind, pages: JSON.decode([Int].self, d.pages), cooperative: d.cooperative,
                                               statement: Self.statement(d, exercise: exercise), signatures: Self.signatures(d))
            }
            if let c = m.cooperative { coops.insert(c) }
            return ExportDocument.Submission(
                messageID: m.messageId, from: m.fromAddress, subject: m.subject, receivedAt: m.receivedAt,
                cooperative: m.cooperative,
                match: .init(confidence: m.matchConfidence ?? 0, evidence: JSON.decode([String].self, m.matchEvidence) ?? []),
                status: m.status, quarantineReason: m.quarantineReason, documents: docs)
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
        return (JSON.decode(Quitus.self, d.quitus)?.signatures ?? []).map {
            ExportDocument.Signature(place: $0.place.rawValue, verdict: $0.verdict.rawValue, measure: $0.measure)
        }
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

    /// One row per document (and one per quarantined message), `;`-separated, for spreadsheets.
    public func csv(exercise: Exercise) throws -> String {
        let doc = try build(exercise: exercise)
        var lines = ["message_id;expediteur;objet;recu_le;statut;motif_quarantaine;fichier;sha256;type;nature;pages;cooperative;solde_31_08;source_solde"]
        func q(_ s: String?) -> String {
            guard let s else { return "" }
            let safe = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            // A leading = + - @ would be run as a formula by spreadsheets: neutralise it.
            let guarded = safe.first.map { "=+-@".contains($0) } == true ? "'" + safe : safe
            return guarded.contains(";") || guarded.contains("\"") ? "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : guarded
        }
        for s in doc.submissions {
            let head = [q(s.messageID), q(s.from), q(s.subject), q(s.receivedAt), q(s.status), q(s.quarantineReason)]
            if s.documents.isEmpty { lines.append((head + Array(repeating: "", count: 8)).joined(separator: ";")); continue }
            for d in s.documents {
                let balance = d.statement?.balanceCents.map { Money(cents: $0).frenchNumber.replacingOccurrences(of: "\u{00A0}", with: "") }
                lines.append((head + [q(d.filename), d.sha256, d.mediaType, d.kind, q(d.pages?.map(String.init).joined(separator: ",")),
                                      q(d.cooperative ?? s.cooperative), q(balance), q(d.statement?.balanceSource)]).joined(separator: ";"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

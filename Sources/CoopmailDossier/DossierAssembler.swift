import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import Foundation

/// Reads one dossier's rows from the store and computes it: documents and their roles, checks, status.
struct DossierAssembler {
    var ledger = Ledger()

    /// Nil when the cooperative sent nothing (no submission) for the exercise.
    func load(_ tx: StoreTransaction, key: DossierKey) throws -> Dossier? {
        let c = key.cooperative.description
        let e = key.exercise.description
        let messages = try tx.dossierMessages(cooperative: c, exercise: e)
        guard !messages.isEmpty else { return nil }
        let order = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1.id!, $0) })
        let rows = try tx.dossierDocuments(cooperative: c, exercise: e)
            .sorted {
                (order[$0.message] ?? 0, $0.position, $0.id ?? 0) < (order[$1.message] ?? 0, $1.position, $1.id ?? 0)
            }
        // Messages that only reached the dossier through a document now elsewhere are not submissions of it.
        let contributing = Set(rows.map(\.message))
        let submissions = messages.filter { $0.cooperative == c || contributing.contains($0.id!) }
        guard !submissions.isEmpty else { return nil }

        let cooperative = try tx.cooperative(number: c)?.cooperative
        let declaration = try tx.declaration(cooperative: c, exercise: e)?.report
        let decisions = try tx.decisions(cooperative: c, exercise: e).compactMap(Self.decision)
        let documents = Self.roles(rows.map(Self.document))
        let current = documents.filter { $0.role == .current }
        let statements = current.filter { $0.kind == .bankStatement }.map { $0.statement ?? BankStatement() }
        let input = LedgerInput(
            exercise: key.exercise, declaration: declaration, statements: statements,
            registeredIBAN: cooperative?.iban, quitusReceived: current.contains { $0.kind == .quitus },
            quitus: current.last { $0.kind == .quitus }?.quitus)
        let checks = ledger.evaluate(input)
        let selection = StatementSelection.select(
            from: statements, closing: key.exercise.closing, registeredIBAN: cooperative?.iban,
            expected: declaration?.expectedStatementBalance)
        let automatic = DossierStatus.automatic(from: checks)
        let digests = Array(Set(rows.map(\.sha256))).sorted()

        var status = automatic
        var needsReopening = false
        let lastDecisionRecord = try tx.lastVerdict(cooperative: c, exercise: e)
        if let last = lastDecisionRecord, last.action != .reopen {
            if last.documents == digests {
                status = last.action == .approve ? .validated : .rejected
            } else {
                needsReopening = true
            }
        }
        let confidences =
            submissions.filter { $0.cooperative == c }.compactMap(\.matchConfidence)
            + rows.filter { $0.cooperative == c }.compactMap(\.matchConfidence)
        return Dossier(
            key: key, cooperative: cooperative, declaration: declaration,
            submissions: submissions.map { m in
                DossierSubmission(
                    id: m.id!, messageID: m.messageId, from: m.fromAddress, fromName: m.fromName, subject: m.subject,
                    receivedAt: m.receivedAt, cooperative: m.cooperative, matchConfidence: m.matchConfidence,
                    matchEvidence: m.evidence, salvageNotes: m.notes.nilIfEmpty)
            },
            documents: documents, checks: checks, selection: selection, automaticStatus: automatic, status: status,
            decisions: decisions, digests: digests, lastSubmissionAt: submissions.map(\.receivedAt).max(),
            matchConfidence: confidences.min(), needsReopening: needsReopening)
    }

    static func document(_ r: DocumentRecord) -> DossierDocument {
        DossierDocument(
            id: r.id!, message: r.message, filename: r.filename, sha256: r.sha256, mediaType: r.mediaType,
            kind: r.kind, pages: r.pageNumbers,
            cooperative: r.cooperative, matchConfidence: r.matchConfidence,
            matchEvidence: r.evidence,
            statement: r.statement, quitus: r.quitus,
            readStatus: r.readStatus.rawValue, role: .current)
    }

    /// Marks identical resends (same SHA-256 as an earlier document) and superseded documents: a later statement
    /// for the same period and account, or a later quitus, replaces the earlier one. `documents` is oldest first.
    static func roles(_ documents: [DossierDocument]) -> [DossierDocument] {
        var out = documents
        var firstBySHA: [String: Int64] = [:]
        var latestStatement: [String: Int] = [:]
        var latestQuitus: Int? = nil
        for i in out.indices {
            let d = out[i]
            if let first = firstBySHA[d.sha256] {
                out[i].role = .resend(of: first)
                continue
            }
            firstBySHA[d.sha256] = d.id
            switch d.kind {
            case .bankStatement:
                let k = statementKey(d.statement)
                if let previous = latestStatement[k] { out[previous].role = .superseded(by: d.id) }
                latestStatement[k] = i
            case .quitus:
                if let previous = latestQuitus { out[previous].role = .superseded(by: d.id) }
                latestQuitus = i
            case .other:
                break
            }
        }
        return out
    }

    /// Statements for the same period of the same account replace each other.
    static func statementKey(_ s: BankStatement?) -> String {
        guard let s else { return "?" }
        let period = StatementPeriod(of: s).map { "\($0.start)…\($0.end)" } ?? "?"
        let account = s.iban ?? s.accountNumber.map { String($0.filter(\.isNumber)) } ?? "?"
        return period + "|" + account
    }

    static func decision(_ r: DecisionRecord) -> Decision? {
        guard let id = r.id else { return nil }
        let details = r.details ?? [:]
        return Decision(
            id: id, action: r.action, actor: r.actor, at: r.createdAt, reason: r.reason, document: r.document,
            from: details["from"], to: details["to"])
    }
}

extension Array {
    /// Nil for an empty array.
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}

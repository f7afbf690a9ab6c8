import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import Foundation

/// JSON shapes of the staff read commands (keys in snake_case).
enum DossierJSON {
    struct QueueLine: Encodable {
        var cooperative: String
        var school: String?
        var exercise: String
        var status: String
        var statusLabel: String
        var automaticStatus: String
        var ageDays: Int?
        var lastSubmissionAt: String?
        var matchConfidence: Double?
        var documents: Int
        var submissions: Int
        var failedChecks: [ExportDocument.CheckRow]
        /// Rules that could not be checked (not for a missing document).
        var uncheckedChecks: [ExportDocument.CheckRow]

        init(_ s: DossierSummary, now: Date) {
            cooperative = s.key.cooperative.description
            school = s.school
            exercise = s.key.exercise.description
            status = s.status.rawValue
            statusLabel = s.status.label
            automaticStatus = s.automaticStatus.rawValue
            ageDays = s.ageDays(now: now)
            lastSubmissionAt = s.lastSubmissionAt
            matchConfidence = s.matchConfidence
            documents = s.documentCount
            submissions = s.submissionCount
            failedChecks = s.failedChecks.map(ExportDocument.CheckRow.init)
            uncheckedChecks = s.uncheckedChecks.map(ExportDocument.CheckRow.init)
        }
    }

    struct Queue: Encodable {
        var exercise: String
        var total: Int
        var dossiers: [QueueLine]
        /// Questions of mandataires waiting for staff (`review --questions`).
        var questionsWaiting: Int
        /// Bounces, auto-replies, receipts, list mail of the exercise (« Courriels automatiques »), newest first.
        var automaticMails: [AutomaticMail]
    }

    struct AutomaticMail: Encodable {
        var message: Int64
        var receivedAt: String
        var from: String?
        var subject: String?
        var reason: String

        init(_ line: MailNatureList.Line) {
            message = line.id
            receivedAt = line.receivedAt
            from = line.from
            subject = line.subject
            reason = line.detail
        }
    }

    struct HistoryEntry: Encodable {
        var id: Int64
        var action: String
        var label: String
        var actor: String
        var at: String
        var reason: String?
        var document: Int64?
        var from: String?
        var to: String?

        init(_ d: Decision) {
            id = d.id
            action = d.action.rawValue
            label = d.action.label
            actor = d.actor
            at = d.at
            reason = d.reason
            document = d.document
            from = d.from
            to = d.to
        }
    }

    struct History: Encodable {
        var cooperative: String
        var exercise: String
        var history: [HistoryEntry]
    }

    struct Match: Encodable {
        var confidence: Double?
        var evidence: [String]
    }

    struct Submission: Encodable {
        var id: Int64
        var messageId: String?
        var from: String?
        var subject: String?
        var receivedAt: String
        var cooperative: String?
        var match: Match
    }

    struct Statement: Encodable {
        var date: String?
        var balanceCents: Int64?
        var balanceSource: String?
        var iban: String?
        var accountNumber: String?
        var periodStart: String?
        var periodEnd: String?
    }

    struct Document: Encodable {
        var id: Int64
        var message: Int64
        var filename: String
        var sha256: String
        var mediaType: String
        var kind: String
        var pages: [Int]?
        var cooperative: String?
        var match: Match
        var role: String
        var supersededBy: Int64?
        var resendOf: Int64?
        var statement: Statement?
        /// Quitus only: each signature place with its verdict and measure; an empty list when the page was not
        /// examined (absent on other documents).
        var signatures: [ExportDocument.Signature]?
    }

    struct Declaration: Encodable {
        var openingBalanceCents: Int64
        var incomeCents: Int64
        var expensesCents: Int64
        var bookBankBalanceCents: Int64
        var cashBalanceCents: Int64
        var outstandingChequesCents: Int64
        var depositsInTransitCents: Int64
        var expectedStatementBalanceCents: Int64
    }

    struct Show: Encodable {
        var cooperative: String
        var exercise: String
        var school: String?
        var town: String?
        var mandataire: String?
        var emails: [String]
        var registeredIban: String?
        var status: String
        var statusLabel: String
        var automaticStatus: String
        var matchConfidence: Double?
        var submissions: [Submission]
        var documents: [Document]
        var declaration: Declaration?
        var statementBalance: Statement?
        var checks: [ExportDocument.CheckRow]
        var history: [HistoryEntry]
        /// The mandataire's mails without documents, answered or not.
        var questions: [QuestionDesk.Question] = []
        /// The mails we sent the cooperative (outbox), each with the mandataire's replies to it.
        var answers: [AnswersText.Sent] = []
    }

    static func show(_ d: Dossier) -> Show {
        let closing = d.key.exercise.closing
        let docs = d.documents.map { doc -> Document in
            var role = "current"
            var superseded: Int64? = nil
            var resend: Int64? = nil
            switch doc.role {
            case .current: break
            case .superseded(let id):
                role = "superseded"
                superseded = id
            case .resend(let id):
                role = "resend"
                resend = id
            }
            return Document(
                id: doc.id, message: doc.message, filename: doc.filename, sha256: doc.sha256, mediaType: doc.mediaType,
                kind: doc.kind.rawValue, pages: doc.pages, cooperative: doc.cooperative,
                match: Match(confidence: doc.matchConfidence, evidence: doc.matchEvidence), role: role,
                supersededBy: superseded, resendOf: resend,
                statement: doc.kind == .bankStatement ? statement(doc.statement, closing: closing) : nil,
                signatures: doc.kind == .quitus
                    ? (doc.quitus?.signatures ?? []).map(ExportDocument.Signature.init) : nil)
        }
        let decl = d.declaration.map { r in
            Declaration(
                openingBalanceCents: r.openingBalance.cents, incomeCents: r.income.cents,
                expensesCents: r.expenses.cents,
                bookBankBalanceCents: r.bookBankBalance.cents, cashBalanceCents: r.cashBalance.cents,
                outstandingChequesCents: r.outstandingCheques.cents, depositsInTransitCents: r.depositsInTransit.cents,
                expectedStatementBalanceCents: (r.bookBankBalance + r.outstandingCheques - r.depositsInTransit).cents)
        }
        return Show(
            cooperative: d.key.cooperative.description, exercise: d.key.exercise.description,
            school: d.cooperative?.school,
            town: d.cooperative?.town, mandataire: d.cooperative?.mandataire.name,
            emails: d.cooperative?.mandataire.emails ?? [],
            registeredIban: d.cooperative?.iban, status: d.status.rawValue, statusLabel: d.status.label,
            automaticStatus: d.automaticStatus.rawValue, matchConfidence: d.matchConfidence,
            submissions: d.submissions.map {
                Submission(
                    id: $0.id, messageId: $0.messageID, from: $0.from, subject: $0.subject, receivedAt: $0.receivedAt,
                    cooperative: $0.cooperative,
                    match: Match(confidence: $0.matchConfidence, evidence: $0.matchEvidence))
            },
            documents: docs, declaration: decl,
            statementBalance: d.selection.map { statement($0.statement, closing: closing) } ?? nil,
            checks: d.checks.map(ExportDocument.CheckRow.init), history: d.decisions.map(HistoryEntry.init))
    }

    static func statement(_ s: BankStatement?, closing: CalendarDate) -> Statement? {
        guard let s else { return nil }
        let b = s.balance(at: closing)
        return Statement(
            date: b?.date.iso, balanceCents: b?.amount.cents, balanceSource: b?.source.rawValue, iban: s.iban,
            accountNumber: s.accountNumber, periodStart: s.periodStart?.iso, periodEnd: s.periodEnd?.iso)
    }
}

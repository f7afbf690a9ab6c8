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

    struct History: Encodable {
        var cooperative: String
        var exercise: String
        var history: [DossierPresentation.HistoryEntry]
    }

    /// `show --json`: the dossier's presentation (the export's fields, then the staff view), with the mandataire's
    /// questions and the mails sent to the cooperative beside them in the same object.
    struct Show: Encodable {
        var dossier: DossierPresentation
        /// The mandataire's mails without documents, answered or not.
        var questions: [QuestionDesk.Question] = []
        /// The mails we sent the cooperative (outbox), each with the mandataire's replies to it.
        var answers: [AnswersText.Sent] = []

        enum CodingKeys: String, CodingKey {
            case questions, answers
        }

        func encode(to encoder: Encoder) throws {
            try dossier.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(questions, forKey: .questions)
            try c.encode(answers, forKey: .answers)
        }
    }

    static func show(_ d: Dossier) -> Show { Show(dossier: DossierPresentation(d)) }
}

import CoopmailDomain
import CoopmailStore
import Foundation

/// The mails that are not document submissions, for staff: automatic mails (« Courriels automatiques ») and human
/// mails without documents (« questions en attente »), of one exercise, newest first.
public struct MailNatureList: Sendable {
    public struct Line: Sendable {
        public var id: Int64
        public var receivedAt: String
        public var from: String?
        public var subject: String?
        public var cooperative: String?
        /// Automatic mail: why it was recognised as such; message: the first words of its body.
        public var detail: String
    }

    public var automatic: [Line] = []
    public var questions: [Line] = []

    /// The exercise's automatic mails, and its questions staff have not marked answered (`coopmail answered`).
    public static func load(_ store: Store, exercise: Exercise) throws -> MailNatureList {
        let (automatic, questions) = try store.read { tx in
            (
                try tx.automaticByNature(exercise: exercise.description),
                try tx.waitingQuestions(exercise: exercise.description)
            )
        }
        var list = MailNatureList()
        for m in automatic {
            guard let id = m.id else { continue }
            let reason = m.evidence.first ?? "courriel automatique"
            list.automatic.append(
                Line(
                    id: id, receivedAt: m.receivedAt, from: m.fromAddress, subject: m.subject,
                    cooperative: nil, detail: reason))
        }
        for m in questions {
            guard let id = m.id else { continue }
            list.questions.append(
                Line(
                    id: id, receivedAt: m.receivedAt, from: m.fromAddress, subject: m.subject,
                    cooperative: m.cooperative, detail: excerpt(m.bodyText)))
        }
        return list
    }

    /// The first words of a body, on one line, quoted replies and signatures left out.
    static func excerpt(_ body: String, limit: Int = 90) -> String {
        let text = QuestionDesk.excerpt(body).joined(separator: " ")
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}

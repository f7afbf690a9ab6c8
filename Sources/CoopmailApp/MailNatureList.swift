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
    /// How many automatic mails and waiting questions the exercise has (the lists may hold only the newest).
    public var automaticCount = 0
    public var questionCount = 0

    /// The exercise's automatic mails, and its questions staff have not marked answered (`coopmail answered`);
    /// `limit`: at most so many of each, the newest (all when nil), the counts being the exercise's.
    public static func load(_ store: Store, exercise: Exercise, limit: Int? = nil) throws -> MailNatureList {
        let e = exercise.description
        var list = MailNatureList()
        let (automatic, questions) = try store.read { tx in
            let automatic = try tx.automaticByNature(exercise: e, limit: limit)
            let questions = try tx.waitingQuestions(exercise: e, limit: limit)
            // Fewer than the limit: they are all there is.
            let full = { (count: Int) in limit.map { count < $0 } ?? true }
            list.automaticCount = full(automatic.count) ? automatic.count : try tx.automaticByNatureCount(exercise: e)
            list.questionCount = full(questions.count) ? questions.count : try tx.waitingQuestionCount(exercise: e)
            return (automatic, questions)
        }
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

    /// How many questions of the exercise staff have not marked answered, without reading them.
    public static func waitingQuestionCount(_ store: Store, exercise: Exercise) throws -> Int {
        try store.read { tx in try tx.waitingQuestionCount(exercise: exercise.description) }
    }

    /// The first words of a body, on one line, quoted replies and signatures left out.
    static func excerpt(_ body: String, limit: Int = 90) -> String {
        let text = QuestionDesk.excerpt(body).joined(separator: " ")
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}

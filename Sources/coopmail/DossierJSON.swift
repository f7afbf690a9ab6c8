import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import Foundation

/// JSON shapes of the staff read commands (keys in snake_case).
enum DossierJSON {
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

import CoopmailApp
import CoopmailDomain
import CoopmailText
import Foundation

/// `review --questions`: the mandataires' questions waiting for staff.
enum QuestionsText {
    struct JSONView: Encodable {
        var exercise: String
        var total: Int
        var questions: [QuestionDesk.Question]
    }

    static func show(_ ctx: StaffContext, exercise: Exercise, json: Bool) throws {
        let list = try QuestionDesk(store: ctx.store, actor: ctx.service.actor).waiting(exercise: exercise)
        if json {
            try printJSON(JSONView(exercise: exercise.description, total: list.count, questions: list))
            return
        }
        guard !list.isEmpty else {
            print("Aucune question en attente pour l'exercice \(exercise).")
            return
        }
        let colours = Terminal.colours
        print(
            Terminal.paint(
                "\(Plural.count(list.count, "question")) en attente de réponse (exercice \(exercise)) :",
                .bold, enabled: colours))
        for q in list { for line in lines(q, colours: colours) { print(line) } }
        print("Une fois répondu (par courriel) : coopmail answered \(list[0].message)")
    }

    /// The lines of one question: number, date, cooperative, sender; subject (and what it answers); its first lines.
    static func lines(_ q: QuestionDesk.Question, colours: Bool, indent: String = "  ") -> [String] {
        var out = [
            "\(indent)\(Terminal.paint("message:\(q.message)", .cyan, enabled: colours))  \(FrenchFormat.dateTime(q.receivedAt))  "
                + "\(q.cooperative ?? "aucune coopérative")  \(q.from ?? "expéditeur inconnu")"
        ]
        var subject = "\(indent)  « \(q.subject ?? "sans objet") »"
        if let r = q.inReplyTo { subject += " — \(r)" }
        if let by = q.answeredBy { subject += " — répondue par \(by), le \(FrenchFormat.dateTime(q.answeredAt))" }
        out.append(subject)
        for l in q.excerpt { out.append("\(indent)    \(l)") }
        return out
    }
}

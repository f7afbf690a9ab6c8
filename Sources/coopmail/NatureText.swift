import CoopmailApp
import CoopmailDomain
import CoopmailText

/// The `review` sections for mails that are not submissions: questions waiting for staff, automatic mails.
enum NatureText {
    static func printSections(_ store: Store, exercise: Exercise, shown: Int = 10) throws {
        let list = try MailNatureList.load(store, exercise: exercise, limit: shown)
        if !list.questions.isEmpty {
            print("")
            print(
                Terminal.paint(
                    "\(Plural.count(list.questionCount, "question")) en attente (messages sans document) :",
                    .bold, enabled: Terminal.colours))
            for q in list.questions.prefix(shown) {
                let coop = q.cooperative.map { "coopérative \($0)" } ?? "aucune coopérative"
                print(
                    "  message:\(q.id)  \(FrenchFormat.dateTime(q.receivedAt))  \(q.from ?? "expéditeur inconnu") (\(coop))"
                )
                print("    « \(q.subject ?? "sans objet") » \(q.detail.isEmpty ? "" : "— " + q.detail)")
            }
            if list.questionCount > shown { print("  … et \(list.questionCount - shown) autre(s)") }
        }
        if !list.automatic.isEmpty {
            print("")
            print(
                Terminal.paint(
                    "Courriels automatiques (\(list.automaticCount)) : jamais rattachés ni répondus", .bold,
                    enabled: Terminal.colours))
            for a in list.automatic.prefix(shown) {
                print(
                    "  message:\(a.id)  \(FrenchFormat.dateTime(a.receivedAt))  \(a.from ?? "expéditeur inconnu")  « \(a.subject ?? "sans objet") »"
                )
                print("    \(a.detail)")
            }
            if list.automaticCount > shown { print("  … et \(list.automaticCount - shown) autre(s)") }
        }
    }
}

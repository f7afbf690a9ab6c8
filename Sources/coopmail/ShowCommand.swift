import ArgumentParser
import CoopmailApp
import CoopmailDomain
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Affiche un dossier : envois, pièces, chiffres déclarés et relevé au 31/08, contrôles, historique.",
        discussion: """
            COOP : le numéro de la coopérative (075-0123, 75-123, 123) ou le nom de l'école.
            On peut aussi donner une pièce (pièce:12, ou le début de son empreinte sha256) ou un message (message:7) : le dossier auquel il appartient est affiché.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @OptionGroup var output: JSONFlag
    @Argument(help: ArgumentHelp("Coopérative, pièce ou message.", valueName: "COOP")) var target: String

    func run() throws {
        let ctx = try StaffContext(global)
        let (coop, forcedExercise) = try resolve(ctx)
        let chosen = try forcedExercise ?? exercise.resolve(ctx.service, config: ctx.config, cooperative: coop)
        try ctx.service.refreshPending()
        guard let dossier = try ctx.service.dossier(coop, exercise: chosen) else {
            // No dossier, but what its registered addresses wrote is still shown (« a écrit, rien de rattaché »).
            let mails = try MailOverview.mails(ctx.store, cooperative: coop, exercise: chosen)
            let failing = try FailingAddressText.show(ctx, cooperative: coop)
            guard !output.json, !mails.isEmpty || !failing.isEmpty else {
                throw DossierError.noDossier(DossierKey(cooperative: coop, exercise: chosen))
            }
            let wrote = mails.contains { !$0.automatic }
            print(
                "Coopérative \(coop), exercice \(chosen) : aucun dossier"
                    + (wrote
                        ? " — a écrit, rien de rattaché."
                        : mails.isEmpty ? "." : " ; seulement des courriels automatiques (sans envoi)."))
            for line in failing { print(line) }
            print(
                Terminal.paint(
                    "Courriels reçus des adresses enregistrées (\(mails.count)) :", .bold, enabled: Terminal.colours
                ))
            for l in mails { for line in MailOverviewText.render(l) { print(line) } }
            return
        }
        let questions = try QuestionDesk(store: ctx.store).all(cooperative: coop, exercise: chosen)
        let replies = try ReplyThreads.load(ctx.store, cooperative: coop, exercise: chosen)
        if output.json {
            var view = DossierJSON.show(dossier)
            view.questions = questions
            view.answers = try AnswersText.rows(ctx.store, cooperative: coop, exercise: chosen, replies: replies)
            try printJSON(view)
            return
        }
        print(DossierText(colours: Terminal.colours).render(dossier))
        if !questions.isEmpty {
            let waiting = questions.filter { $0.answeredBy == nil }.count
            print("")
            print(
                Terminal.paint(
                    "Messages sans document (questions ; \(waiting) en attente de réponse) :", .bold,
                    enabled: Terminal.colours))
            for q in questions { for line in QuestionsText.lines(q, colours: Terminal.colours) { print(line) } }
        }
        let failing = try FailingAddressText.show(ctx, cooperative: coop)
        if !failing.isEmpty {
            print("")
            print(Terminal.paint(failing.joined(separator: "\n"), .bold, enabled: Terminal.colours))
            print("  Les réponses et relances ne partent plus à cette adresse ; corrigez-la dans le registre.")
        }
        let mails = try MailOverview.mails(ctx.store, cooperative: coop, exercise: chosen)
        print("")
        print(
            Terminal.paint(
                "Courriels reçus des adresses enregistrées (\(mails.count)) :", .bold, enabled: Terminal.colours))
        if mails.isEmpty { print("  aucun") }
        for l in mails { for line in MailOverviewText.render(l) { print(line) } }
        let answers = try AnswersText.lines(ctx.store, cooperative: coop, exercise: chosen, replies: replies)
        print("")
        print(Terminal.paint("Réponses au mandataire :", .bold, enabled: Terminal.colours))
        print(answers.isEmpty ? "  aucune" : answers.joined(separator: "\n"))
        let unauthenticated = try SetAsideText.unauthenticated(
            ctx.store, cooperative: coop.description, exercise: chosen.description)
        if !unauthenticated.isEmpty {
            print("")
            print(unauthenticated.joined(separator: "\n"))
        }
    }

    /// The cooperative (and, for a document or message, its exercise) the argument designates.
    func resolve(_ ctx: StaffContext) throws -> (CooperativeNumber, Exercise?) {
        try DossierTarget.resolve(target, resolver: ctx.resolver)
    }
}

import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import CoopmailText
import Foundation

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Affiche la file des dossiers à traiter (les plus anciens d'abord).",
        discussion: """
            Une ligne par dossier : coopérative, école, statut, âge (jours depuis le dernier envoi), confiance du rattachement, contrôles en échec. Les dossiers validés ou rejetés sont masqués, sauf avec --tous ou --statut.

            Exemples :
              coopmail review --problemes
              coopmail review --statut incomplet --plus-vieux-que 15
              coopmail review --tri coop --tous
              coopmail review --questions            (les questions des mandataires en attente de réponse)
            """)

    enum Sort: String, ExpressibleByArgument, CaseIterable { case age, coop, statut }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @OptionGroup var output: JSONFlag
    @Option(
        name: .customLong("statut"),
        help: ArgumentHelp(
            "Seulement ce statut : « à vérifier », « à corriger », incomplet, validé, rejeté (option répétable).",
            valueName: "STATUT"))
    var statuses: [String] = []
    @Option(
        name: .customLong("plus-vieux-que"),
        help: ArgumentHelp(
            "Seulement les dossiers dont le dernier envoi date de plus de JOURS jours.", valueName: "JOURS"))
    var olderThan: Int?
    @Flag(
        name: .customLong("problemes"),
        help: "Seulement les dossiers avec un contrôle en échec ou non vérifié, ou une pièce manquante.")
    var problemsOnly = false
    @Flag(name: .customLong("tous"), help: "Inclure les dossiers déjà validés ou rejetés.") var all = false
    @Option(
        name: .customLong("tri"),
        help: ArgumentHelp("Ordre : age (les plus anciens d'abord), coop (par numéro) ou statut.", valueName: "ORDRE"))
    var sort: Sort = .age
    @Flag(
        name: .customLong("questions"),
        help: "Lister les questions des mandataires (messages sans document) en attente de réponse.")
    var questions = false
    @Option(
        name: .customLong("limite"),
        help: ArgumentHelp(
            "Nombre de lignes affichées au plus (100 par défaut ; --tous pour tout voir).", valueName: "N"))
    var limit: Int = 100

    func run() throws {
        let ctx = try StaffContext(global)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config)
        if questions { return try QuestionsText.show(ctx, exercise: chosen, json: output.json) }
        let wanted = try Set(statuses.map(StatusName.parse))
        let now = Date()
        // The table shows the first lines (all with --tous); JSON is for tools and keeps every line.
        let query = QueueQuery(
            statuses: wanted, olderThan: olderThan, problemsOnly: problemsOnly, includeDecided: all,
            order: sort.order, limit: output.json || all ? nil : max(1, limit), now: now)
        if output.json {
            // Streamed: each line written as soon as it is read.
            try ReviewQueueJSON.write(
                exercise: chosen.description,
                automaticMails: try MailNatureList.load(ctx.store, exercise: chosen).automatic
                    .map(ReviewQueueJSON.AutomaticMail.init),
                questionsWaiting: try QuestionDesk(store: ctx.store).waiting(exercise: chosen).count,
                lines: { line in
                    try ctx.service.forEachQueueLine(exercise: chosen, query: query) {
                        try line(ReviewQueueJSON.QueueLine($0, now: now))
                    }
                }, to: { print($0, terminator: "") })
            print()
            return
        }
        let page = try ctx.service.queuePage(exercise: chosen, query: query)
        let sorted = page.lines
        print(ReviewTable(width: Terminal.width, colours: Terminal.colours, now: now).render(sorted))
        if page.matching > sorted.count {
            print("… et \(page.matching - sorted.count) autres, --tous pour tout voir")
        }
        let hidden = wanted.isEmpty && !all ? page.decided : 0
        var footer =
            "\(Plural.count(sorted.count, "dossier")) affiché\(Plural.s(sorted.count)) sur \(page.total) — exercice \(chosen)"
        if hidden > 0 { footer += " (\(hidden) validé(s) ou rejeté(s) masqué(s) : --tous pour les voir)" }
        print(footer)
        if let first = sorted.first { print("Détail d'un dossier : coopmail show \(first.key.cooperative)") }
        let oversized = try ctx.store.oversizedMails()
        if !oversized.isEmpty {
            let list = oversized.map {
                "UID \($0.uid), \(FrenchFormat.megabytes($0.size)), depuis le \(FrenchFormat.dateTime($0.firstSeenAt))"
            }
            print(
                "Attention : \(Plural.count(oversized.count, "courriel")) trop volumineux laissé\(Plural.s(oversized.count))"
                    + " sur le serveur IMAP, à traiter depuis la messagerie : " + list.joined(separator: " ; "))
        }
        try NatureText.printSections(ctx.store, exercise: chosen)
        let mails = try MailOverview.load(ctx.store, exercise: chosen, limit: 10)
        print("")
        print(MailOverviewText.counts(mails))
        for line in MailOverviewText.sections(mails, setAside: false, automatic: false) { print(line) }
        for line in try FailingAddressText.review(ctx) { print(line) }
        for line in try SetAsideText.lines(ctx.store) { print(line) }
        for line in try SetAsideText.unauthenticated(ctx.store, exercise: chosen.description) { print(line) }
        let stuck = try AnswersText.problems(ctx.store)
        if !stuck.isEmpty {
            let coops = Set(stuck.compactMap(\.cooperative)).sorted().joined(separator: ", ")
            print(
                "Attention : \(Plural.count(stuck.count, "réponse")) non envoyée\(Plural.s(stuck.count)) (refus définitif du serveur ou envoi interrompu)"
                    + (coops.isEmpty ? "" : " — voir coopmail show \(coops)"))
        }
    }
}

extension ReviewCommand.Sort {
    var order: QueueQuery.Order {
        switch self {
        case .age: return .age
        case .coop: return .cooperative
        case .statut: return .status
        }
    }
}

/// Status names as staff type them: « à vérifier », a-verifier, to_review, validé, valide…
enum StatusName {
    static func parse(_ text: String) throws -> DossierStatus {
        let fold: (String) -> String = { Folding.statusName.fold($0) }
        let key = fold(text)
        for s in DossierStatus.allCases where fold(s.label) == key || fold(s.rawValue) == key { return s }
        let aliases: [String: DossierStatus] = [
            "verifier": .toReview, "acorriger": .toCorrect, "corriger": .toCorrect,
            "incomplets": .incomplete, "valides": .validated, "rejetes": .rejected,
        ]
        if let s = aliases[key] { return s }
        throw UsageError(
            "statut inconnu : « \(text) ». Statuts possibles : "
                + DossierStatus.allCases.map { "« \($0.label) »" }.joined(separator: ", ") + ".")
    }
}

import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import CoopmailText
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "La saison en un coup d'œil : dossiers par statut, coopératives sans envoi, activité semaine par semaine.",
        discussion: """
            Le graphique de la saison compte, par semaine depuis le 1er septembre : courriels reçus, dossiers devenus complets,
            validés, rejetés et relances envoyées, avec les échéances de la configuration ([season] submission_deadline,
            decision_deadline, reminder_dates). Dans un terminal, une ligne de barres par série ; sinon un tableau.

            Exemples :
              coopmail status
              coopmail status --csv > saison.csv     (le tableau par semaine, pour un tableur)
              coopmail status --json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @OptionGroup var output: JSONFlag
    @Flag(
        name: .customLong("sans-envoi"),
        help:
            "Lister les coopératives du registre qui n'ont rien envoyé (et, à part, celles qui ont écrit sans que rien ne leur soit rattaché)."
    ) var listSilent = false
    @Flag(
        name: .customLong("csv"),
        help: "Écrire le tableau par semaine de la saison en CSV (UTF-8 avec BOM, séparateur « ; »).") var csv = false

    struct JSONView: Encodable {
        var exercise: String
        var dossiers: Int
        var byStatus: [String: Int]
        var registered: Int
        var withoutSubmission: Int
        var withoutSubmissionList: [String]
        var unregisteredDossiers: Int
        /// Registered cooperatives whose registered address wrote, with nothing attached to them (not « sans envoi »).
        var wroteNothingAttached: Int
        var wroteNothingAttachedList: [String]
        var unattachedMails: [MailOverview.Line]
        var quarantinedMails: [MailOverview.Line]
        var setAsideMails: [MailOverview.Line]
        var automaticMails: [MailOverview.Line]
        var questionsWaiting: Int
        var season: SeasonChart
    }

    func run() throws {
        let ctx = try StaffContext(global)
        let chosen = try exercise.resolve(ctx.service, config: ctx.config)
        if csv && output.json {
            throw UsageError("--csv et --json ne vont pas ensemble : choisissez l'un des deux.")
        }
        let today = CalendarDate(parisDayOf: Date()) ?? .latest
        let chart = try SeasonChart.load(ctx.store, config: ctx.config, exercise: chosen, today: today)
        if csv {
            FileHandle.standardOutput.write(Data(chart.csv().utf8))
            return
        }
        let s = try ctx.service.season(exercise: chosen)
        let questionsWaiting = try MailNatureList.waitingQuestionCount(ctx.store, exercise: chosen)
        // The text shows 5 mails of each kind (and the counts); JSON is for tools and keeps every mail.
        let mails = try MailOverview.load(ctx.store, season: s, limit: output.json ? nil : 5)
        if output.json {
            try printJSON(
                JSONView(
                    exercise: chosen.description, dossiers: s.dossiers,
                    byStatus: Dictionary(uniqueKeysWithValues: s.byStatus.map { ($0.key.rawValue, $0.value) }),
                    registered: s.registered, withoutSubmission: mails.silent.count,
                    withoutSubmissionList: mails.silent.map(\.description), unregisteredDossiers: s.unregistered,
                    wroteNothingAttached: mails.wroteNothingAttached.count,
                    wroteNothingAttachedList: mails.wroteNothingAttached.map(\.description),
                    unattachedMails: mails.unattached, quarantinedMails: mails.quarantined,
                    setAsideMails: mails.setAside, automaticMails: mails.automatic,
                    questionsWaiting: questionsWaiting, season: chart))
            return
        }
        print("Exercice \(chosen) : \(Plural.count(s.dossiers, "dossier")) reçu\(Plural.s(s.dossiers))")
        for status in DossierStatus.allCases {
            print(
                "  " + Terminal.fit(status.label, 12)
                    + Terminal.fit(String(s.byStatus[status] ?? 0), 6, right: true))
        }
        var registry =
            "Coopératives du registre : \(s.registered), dont \(mails.silent.count) sans aucun envoi pour cet exercice"
        if !mails.wroteNothingAttached.isEmpty {
            registry +=
                " et \(mails.wroteNothingAttached.count) qui \(Plural.word(mails.wroteNothingAttached.count, "a", "ont")) écrit, rien de rattaché"
        }
        print(registry + ".")
        if s.unregistered > 0 { print("Dossiers de coopératives absentes du registre : \(s.unregistered).") }
        print(
            "Questions en attente (messages sans document) : \(questionsWaiting)."
        )
        print(MailOverviewText.counts(mails))
        if listSilent && !mails.silent.isEmpty {
            print("Sans envoi : " + mails.silent.map(\.description).joined(separator: ", "))
        }
        if listSilent && !mails.wroteNothingAttached.isEmpty {
            print(
                "A écrit, rien de rattaché : "
                    + mails.wroteNothingAttached.map(\.description).joined(separator: ", ")
                    + " (coopmail show COOP montre leurs courriels)")
        }
        for line in MailOverviewText.sections(mails, shown: 5, automatic: false) { print(line) }
        print("")
        for line in SeasonText.render(chart, terminal: Terminal.isTerminal, colours: Terminal.colours) {
            print(line)
        }
    }
}

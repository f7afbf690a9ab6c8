import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailOutcome
import CoopmailStore
import Foundation
import Testing

/// #12 over the real Postfix and Dovecot: a decision taken back never lets two contradictory mails leave.
@Suite("Décisions reprises : envoi réel", .serialized)
struct DecisionMailTests {
    func announce(_ outcome: DecisionOutcome, _ season: ReminderCampaignTests.Season) throws {
        _ = try Outbox(
            store: season.store, config: season.config,
            templates: TemplateLibrary(directory: ReminderCampaignTests.templates)
        )
        .announce(outcome)
    }

    func mailbox(_ env: MailTestEnvironment, _ box: String, atLeast count: Int) throws -> [String] {
        _ = try OutcomeDeliveryTests.delivered(env, box: box, count: count)
        Thread.sleep(forTimeInterval: 1)  // a wrong second mail would have landed by now
        return try OutcomeDeliveryTests.delivered(env, box: box, count: count).map(QuotedPrintableDecoder.decode)
    }

    @Test func approvedThenRejectedSendsOnlyTheRejectionAndTwiceSendsOnce() throws {
        let env = try MailServers.require()
        let season = try ReminderCampaignTests.Season(env: env)
        defer { season.cleanUp(env) }
        let service = DossierService(store: season.store, actor: "Claire")
        // 075-0006 is complete: approved (its declaration is not imported: confirmed), then rejected.
        let complete = CooperativeNumber(parsing: "075-0006")!
        try announce(
            try service.approve(complete, exercise: season.exercise, reason: "vu au téléphone", force: true), season)
        try announce(
            try service.reject(
                complete, exercise: season.exercise,
                reason: "Le relevé est celui de juin : merci d'envoyer celui d'août.",
                force: true), season)
        // 075-0002 lacks its statement: rejected twice with the same motif.
        let incomplete = CooperativeNumber(parsing: "075-0002")!
        try announce(try service.reject(incomplete, exercise: season.exercise, reason: "Il manque le relevé."), season)
        #expect(throws: DossierError.self) {
            try service.reject(incomplete, exercise: season.exercise, reason: "Il manque le relevé.")
        }

        let report = try Pipeline(store: season.store, config: season.config).notify()
        #expect(report.exitCode == 0, "\(report.lines)")
        let f = try mailbox(env, season.boxes["f"]!, atLeast: 1)
        #expect(f.count == 1, "only the rejection leaves: \(f.count) mails")
        #expect(
            f.first?.contains("Il doit être corrigé avant d'être validé") == true
                && f.first?.contains("celui d'août") == true, "\(f)")
        #expect(f.first?.contains("Bonjour Fanny Noir,") == true, "\(f)")
        let b = try mailbox(env, season.boxes["b"]!, atLeast: 1)
        #expect(b.count == 1, "rejected twice, one mail")
        #expect(b.first?.contains("le relevé de compte BRED") == true, "the mail names the missing statement: \(b)")
    }
}

import CoopmailApp
import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

/// #12 over the real Postfix and Dovecot: an address that fails (refused at once by Postfix, « User unknown », or
/// named by a bounce that arrives in the mailbox) is marked, and the next reminder does not go there.
@Suite("Adresses en échec : envoi réel", .serialized)
struct AddressFailureMailTests {
    let exercise = Exercise("2020-2021")!

    @Test func anUnknownUserRefusedByPostfixIsMarkedAndNotRemindedAgain() throws {
        let env = try MailServers.require()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("echec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try Store(path: root.appendingPathComponent("data").path)
        let config = ReminderCampaignTests.Season.sendingConfig(env, exercise: exercise)
        let unknown =
            "personne-\(UUID().uuidString.prefix(8).lowercased())@\(env.value("COOPMAIL_TEST_DOMAIN_SCHOOLS"))"
        _ = try RegistryImporter(store: store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0901;École Inconnue;Paris;Mme Irène Vide;\(unknown);
                """)
        let templates = try TemplateLibrary(directory: ReminderCampaignTests.templates)
        let campaign = ReminderCampaign(store: store, config: config, actor: "test")
        let first = try campaign.queue(
            try campaign.candidates(exercise: exercise), exercise: exercise, templates: templates)
        #expect(first.queued.count == 1)
        let report = try Pipeline(store: store, config: config).notify()
        #expect(report.exitCode == 1, "a refused answer needs a human: \(report.lines)")
        let marks = try store.addressFailures()
        #expect(marks.map(\.address) == [unknown], "\(report.lines)")
        #expect(marks.first?.reason == "User unknown", "\(marks)")
        // A fortnight later, nothing is queued to it; staff are told why.
        let later = Date().addingTimeInterval(15 * 86_400)
        let again = ReminderCampaign(store: store, config: config, actor: "test", clock: { later })
        let summary = try again.queue(
            try again.candidates(exercise: exercise), exercise: exercise, templates: templates)
        #expect(summary.queued.isEmpty)
        #expect(
            summary.held.first?.1.contains("adresse en échec : \(unknown) (User unknown") == true, "\(summary.held)")
    }

    @Test(arguments: [BounceGenerator.Shape.postfix, .exim, .gmail])
    func aBounceArrivingInTheMailboxMarksTheAddress(shape: BounceGenerator.Shape) async throws {
        let sandbox = try PollSandbox("rebond")
        defer { sandbox.cleanUp() }
        let env = sandbox.env
        let store = try sandbox.openStore()
        let failing = "ancienne.adresse@ac-paris.fr"
        _ = try RegistryImporter(store: store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0902;École Rebond;Paris;M. Rémi Rebond;\(failing)|\(env.address("mandataire2"));
                """)
        let campaign = ReminderCampaign(store: store, config: try sandbox.config(), actor: "test")
        let templates = try TemplateLibrary(directory: ReminderCampaignTests.templates)
        _ = try campaign.queue(try campaign.candidates(exercise: exercise), exercise: exercise, templates: templates)
        let ours = try store.waitingMails()
        #expect(ours.count == 1)
        // The remote server's notice, carried by Postfix into the association's mailbox.
        let bounce = BounceGenerator.mail(
            shape: shape, failed: [failing], diagnostic: 0, ourMessageID: ours.first?.messageId ?? "<x@y>",
            seed: 7)
        _ = try MailFixtures.smtpClient(env).send(
            rawMessage: Data(bounce.utf8), from: env.address("mandataire1"),
            recipients: [env.address("ad75", detail: sandbox.box)])
        _ = try MailFixtures.waitForMessages(try MailFixtures.imapClient(env), mailbox: sandbox.box, count: 1)
        let pipeline = try sandbox.pipeline()
        var report = pipeline.poll()
        report.merge(await pipeline.process())
        #expect(report.exitCode == 0, "\(report.lines)")
        let marks = try store.addressFailures()
        #expect(marks.map(\.address) == [failing], "\(shape): \(report.lines)")
        // The next answer goes to the other registered address only.
        let outbox = Outbox(store: store, config: try sandbox.config(), templates: templates)
        guard
            case .success(let row) = try outbox.announceDecision(
                .toCorrect, cooperative: CooperativeNumber(parsing: "075-0902")!,
                exercise: exercise, checks: [], motif: "Relevé illisible.",
                decisionKey: "rebond:\(shape)")
        else {
            Issue.record("not queued")
            return
        }
        #expect(JSON.decode([String].self, row.recipients) == [env.address("mandataire2")])
    }
}

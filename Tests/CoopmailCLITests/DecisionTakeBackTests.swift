import CoopmailStore
import Foundation
import GRDB
import Testing

/// #12: decisions can be taken back, and a waiting mail can be read and stopped before it leaves.
@Suite(.serialized) struct DecisionTakeBackTests {
    func outbox(_ cli: CLI) throws -> [(kind: String, state: String, coop: String?)] {
        try cli.store().db.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, state, cooperative FROM outbox ORDER BY id").map {
                ($0["kind"], $0["state"], $0["cooperative"])
            }
        }
    }

    @Test func aNewerDecisionCancelsTheWaitingMailOfTheOlderOne() throws {
        let cli = try season()
        #expect(try cli.run(["approve", "075-0124"]).status == 0)
        #expect(try outbox(cli).map(\.kind) == ["validated"])
        // Rejecting a validated dossier needs confirmation: without a terminal, --force.
        let refused = try cli.run(["reject", "075-0124", "--motif", "relevé illisible"])
        #expect(refused.status != 0 && refused.stderr.contains("annule la validation"), "\(refused.stderr)")
        let asked = try cli.runInTerminal(["reject", "075-0124", "--motif", "relevé illisible"], input: "n\n")
        #expect(asked.status != 0 && asked.stdout.contains("Dossier laissé validé."), "\(asked.stdout)")
        #expect(try cli.run(["reject", "075-0124", "--motif", "relevé illisible", "--force"]).status == 0)
        #expect(try outbox(cli).map { "\($0.kind) \($0.state)" } == ["validated cancelled", "to_correct queued"])
        // The same rejection again: nothing new for the mandataire.
        let twice = try cli.run(["reject", "075-0124", "--motif", "relevé illisible"])
        #expect(twice.status != 0 && twice.stderr.contains("déjà rejeté"), "\(twice.stderr)")
        #expect(try outbox(cli).count == 2)
        // Reopening takes the rejection back and stops its mail.
        let reopened = try cli.run(["rouvrir", "075-0124", "--motif", "erreur de dossier"])
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stdout.contains("1 message au mandataire annulé"), "\(reopened.stdout)")
        #expect(try outbox(cli).map(\.state) == ["cancelled", "cancelled"])
        #expect(try cli.run(["history", "075-0124"]).stdout.contains("rouvert"))
        #expect(try cli.run(["rouvrir", "075-0124"]).status != 0, "nothing to reopen any more")
    }

    @Test func staffReadAWaitingMailAsItWillLeaveAndCancelIt() throws {
        let cli = try season()
        #expect(
            try cli.run(["reject", "075-0123", "--motif", "Merci de vérifier les frais bancaires de septembre."]).status
                == 0)
        let list = try cli.run(["courriers"])
        #expect(
            list.stdout.contains("075-0123") && list.stdout.contains("dossier à corriger → marie@ecole.test"),
            "\(list.stdout)")
        let id = try #require(try cli.store().waitingMails().first?.id)
        let shown = try cli.run(["courriers", String(id)])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("À : marie@ecole.test"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Objet : Dossier à corriger – coopérative 075-0123"), "\(shown.stdout)")
        #expect(
            shown.stdout.contains("Merci de vérifier les frais bancaires de septembre."),
            "decoded body: \(shown.stdout)")
        #expect(!shown.stdout.contains("=C3=A9"), "quoted-printable decoded")
        #expect(!shown.stdout.contains("\\u000d"), "line ends shown as line ends: \(shown.stdout)")
        let cancelled = try cli.run(["courriers", String(id), "--annuler", "--par", "Claire"])
        #expect(cancelled.status == 0 && cancelled.stdout.contains("ne partira pas"), "\(cancelled.stdout)")
        #expect(try cli.store().waitingMails().isEmpty)
        #expect(
            try cli.run(["courriers", String(id), "--annuler"]).status != 0,
            "a cancelled mail cannot be cancelled again")
        #expect(try cli.run(["show", "075-0123"]).stdout.contains("annulé avant l'envoi"))
    }

    @Test func movingADocumentOffAValidatedDossierStopsItsValidatedMail() throws {
        let cli = try season()
        #expect(try cli.run(["approve", "075-0124"]).status == 0)
        let statement = try cli.store().db.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT d.id FROM document d JOIN message m ON m.id = d.message
                    WHERE m.cooperative = '075-0124' AND d.kind = 'bank_statement'
                    """)
        }
        let doc = try #require(statement)
        #expect(try cli.run(["reassign", String(doc), "--coop", "075-0125"]).status == 0)
        #expect(try cli.run(["review", "--tous"]).stdout.contains("075-0124"))
        #expect(try outbox(cli).first.map { "\($0.kind) \($0.state)" } == "validated cancelled")
    }
}

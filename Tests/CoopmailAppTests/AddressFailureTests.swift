import CoopmailApp
import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// A bounce of one of our mails marks the failed registered address: no answer or reminder is queued to it, the
/// other registered addresses are used, a cooperative left without any is held for staff with why; a later mail from
/// the address, or a registry import changing it, clears the mark; the bounce opens no dossier.
@Suite struct AddressFailureTests {
    let templates = try! TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)
    let exercise = Exercise("2021-2022")!

    func registry(_ t: TempStore, c: String) throws {
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie.dupont@ecole.test|direction.keller@ecole.test;
                075-0456;École Merri;Paris;Paul Durand;\(c);
                """)
    }

    func ingest(_ t: TempStore, _ raw: String) async throws {
        let outcome = try Ingestor(store: t.store, config: Config()).ingest(
            .init(content: .bytes(Data(raw.utf8)), source: "t"))
        guard case .ingested = outcome else {
            Issue.record("not ingested: \(outcome)")
            return
        }
        _ = await Pipeline(store: t.store, config: Config()).process()
    }

    @Test(arguments: 0..<8) func aBounceMarksTheAddressAndAnswersAvoidIt(seed: UInt64) async throws {
        let t = try TempStore()
        try registry(t, c: "paul.durand@ecole.test")
        let day = Date(timeIntervalSince1970: 1_635_000_000)  // 23 October 2021
        let campaign = ReminderCampaign(store: t.store, config: Config(), actor: "test", clock: { day })
        let first = try campaign.queue(
            try campaign.candidates(exercise: exercise), exercise: exercise, templates: templates)
        #expect(first.queued.count == 2)
        let ours = try await t.store.db.read { try OutboxRecord.fetchAll($0) }
        let shape = BounceGenerator.Shape.allCases[Int(seed) % BounceGenerator.Shape.allCases.count]
        // A stranger that we never wrote to is named too: it is not marked.
        let bounce = BounceGenerator.mail(
            shape: shape, failed: ["marie.dupont@ecole.test", "paul.durand@ecole.test", "inconnu@ailleurs.test"],
            diagnostic: Int(seed % 2), ourMessageID: ours[0].messageId, seed: seed)
        try await ingest(t, bounce)
        let marks = try t.store.addressFailures()
        #expect(marks.map(\.address) == ["marie.dupont@ecole.test", "paul.durand@ecole.test"], "\(shape)")
        #expect(marks.allSatisfy { $0.reason == "User unknown" }, "\(marks)")
        // The bounce changed no dossier.
        #expect(try DossierServiceProbe.dossierCount(t.store) == 0)

        // Reminders a fortnight later: 075-0123 only to its other address; 075-0456 to nobody, held with why.
        let later = day.addingTimeInterval(15 * 86_400)
        let again = ReminderCampaign(store: t.store, config: Config(), actor: "test", clock: { later })
        let candidates = try again.candidates(exercise: exercise)
        #expect(
            candidates.first { $0.cooperative.description == "075-0123" }?.addresses == ["direction.keller@ecole.test"])
        let paul = candidates.first { $0.cooperative.description == "075-0456" }
        #expect(paul?.addresses == [])
        #expect(
            paul?.failing.first?.contains("paul.durand@ecole.test (User unknown") == true, "\(String(describing: paul))"
        )
        let summary = try again.queue(candidates, exercise: exercise, templates: templates)
        #expect(summary.queued.map(\.cooperative.description) == ["075-0123"])
        #expect(summary.held.first?.1.hasPrefix("adresse en échec : paul.durand@ecole.test") == true)
        let queued = try await t.store.db.read {
            try OutboxRecord.filter(Column("created_at") > Timestamp.iso(day)).fetchAll($0)
        }
        #expect(queued.map { JSON.decode([String].self, $0.recipients) ?? [] } == [["direction.keller@ecole.test"]])
        // A decision mail to 075-0456 is not queued either, and says why.
        let outbox = Outbox(store: t.store, config: Config(), templates: templates, clock: { later })
        let decision = try outbox.announceDecision(
            .toCorrect, cooperative: CooperativeNumber(parsing: "075-0456")!, exercise: exercise,
            checks: [], motif: "Relevé manquant", decisionKey: "d:\(seed)")
        guard case .failure(let skip) = decision, case .addressesFailing(let why) = skip.skip else {
            Issue.record("queued to a failing address: \(decision)")
            return
        }
        #expect(why.count == 1 && why[0].hasPrefix("paul.durand@ecole.test"))

        // Marie writes again after the bounce: her mark is cleared. The registry gives Paul a new address: cleared.
        try await ingest(
            t,
            "From: Marie Dupont <marie.dupont@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: Question\r\n"
                + "Message-ID: <later.\(seed)@ecole.test>\r\nDate: Mon, 13 Dec 2021 09:00:00 +0100\r\n\r\nMon adresse fonctionne.\r\n"
        )
        #expect(try t.store.addressFailures().map(\.address) == ["paul.durand@ecole.test"])
        try registry(t, c: "p.durand@ecole.test")
        #expect(try t.store.addressFailures().isEmpty)
    }

    @Test func aBounceOfSomeoneElsesMailMarksNothing() async throws {
        let t = try TempStore()
        try registry(t, c: "paul.durand@ecole.test")
        try await ingest(
            t,
            BounceGenerator.mail(
                shape: .postfix, failed: ["paul.durand@ecole.test"], diagnostic: 0,
                ourMessageID: "<x@elsewhere.test>", seed: 3))
        #expect(try t.store.addressFailures().isEmpty)
    }
}

/// Counting dossiers without going through the staff service.
enum DossierServiceProbe {
    static func dossierCount(_ store: Store) throws -> Int {
        try store.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM dossier") ?? 0 }
    }
}

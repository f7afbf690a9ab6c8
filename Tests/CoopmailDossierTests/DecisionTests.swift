import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import Foundation
import Testing

@Suite struct DecisionTests {
    let coop = CooperativeNumber(parsing: "075-0123")!

    func failing() throws -> Fixture {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        try f.declare("075-0123", bank: 100_000)
        let m = try f.message(coop: "075-0123")
        try f.document(message: m, kind: .quitus, content: "quitus")
        try f.document(message: m, kind: .bankStatement, content: "releve", statement: augustStatement(94_000))
        return f
    }

    @Test func approvingWithFailedChecksNeedsForceAndAReason() throws {
        let f = try failing()
        #expect { try f.service.approve(coop, exercise: exercise) } throws: { e in
            guard case DossierError.failedChecks(_, let checks) = e else { return false }
            return checks.map(\.rule) == [.bankStatementMatches]
        }
        #expect { try f.service.approve(coop, exercise: exercise, force: true) } throws: { e in
            if case DossierError.reasonRequired = e { return true }
            return false
        }
        #expect(try f.status("075-0123") == .toCorrect)
        #expect(try f.service.history(coop, exercise: exercise).isEmpty)
        let outcome = try f.service.approve(
            coop, exercise: exercise, reason: "écart expliqué par téléphone", force: true)
        #expect(outcome.forced && outcome.status == .validated)
        #expect(outcome.decision.actor == "testeur" && outcome.decision.reason == "écart expliqué par téléphone")
        #expect(outcome.failedChecks.count == 1)
        #expect(try f.status("075-0123") == .validated)
    }

    @Test func rejectingNeedsAMotifAndReturnsWhatWasDecided() throws {
        let f = try failing()
        for blank in ["", "   \n"] {
            #expect(throws: DossierError.self) { try f.service.reject(coop, exercise: exercise, reason: blank) }
        }
        let outcome = try f.service.decide(
            coop, exercise: exercise, verdict: .reject(reason: "Merci d'envoyer le relevé d'août."))
        #expect(outcome.status == .rejected)
        #expect(outcome.cooperative?.mandataire.emails == ["m@ecole.test"])
        #expect(outcome.failedChecks.map(\.rule) == [.bankStatementMatches])
        #expect(try f.status("075-0123") == .rejected)
    }

    @Test func historyListsDecisionsWithTheirUserInOrder() throws {
        let f = try failing()
        try f.service.note(coop, exercise: exercise, text: "appelé la directrice")
        _ = try f.service.reject(coop, exercise: exercise, reason: "relevé illisible")
        var other = f.service
        other.actor = "claire"
        _ = try other.approve(coop, exercise: exercise, reason: "relevé reçu par courrier", force: true)
        let h = try f.service.history(coop, exercise: exercise)
        #expect(h.map(\.action) == [.note, .reject, .approve])
        #expect(h.map(\.actor) == ["testeur", "testeur", "claire"])
        #expect(h.map(\.reason) == ["appelé la directrice", "relevé illisible", "relevé reçu par courrier"])
        #expect(try f.status("075-0123") == .validated)
    }

    @Test func aDossierWithoutSubmissionCannotBeDecided() throws {
        let f = try Fixture()
        try f.register("075-0123", school: "École Keller")
        #expect { try f.service.reject(coop, exercise: exercise, reason: "x") } throws: { e in
            if case DossierError.noDossier = e { return true }
            return false
        }
    }
}

import CoopmailDomain
import Testing

@testable import CoopmailOutcome

@Suite("Recipient policy (privacy)")
struct RecipientPolicyTests {
    let policy = RecipientPolicy()
    let registered = ["Directrice.Ecole@ac-paris.fr", "h.lefevre@example.org", "h.lefevre@example.org"]

    @Test("A registered sender gets everything; financial mail goes to registered addresses only")
    func registeredSender() {
        let plan = policy.plan(registered: registered, sender: "<H.Lefevre@Example.org>")
        #expect(plan.senderIsRegistered)
        #expect(plan.financialRecipients == ["h.lefevre@example.org", "directrice.ecole@ac-paris.fr"])
        #expect(plan.senderReply == .acknowledgment)
        for kind in OutcomeKind.allCases where kind.carriesFigures {
            #expect(plan.recipients(for: kind) == plan.financialRecipients)
        }
        #expect(plan.recipients(for: .senderUnknown).isEmpty)
    }

    @Test("An unregistered sender of a known cooperative gets only the generic sender_unknown mail, never the figures")
    func unregisteredSender() {
        let plan = policy.plan(registered: registered, sender: "parent.curieux@example.org")
        #expect(!plan.senderIsRegistered)
        #expect(plan.senderReply == .senderUnknown)
        #expect(!OutcomeKind.acknowledgment.carriesFigures)
        for kind in OutcomeKind.allCases where kind.carriesFigures {
            #expect(!plan.mayReceive(kind, address: "parent.curieux@example.org"), "\(kind)")
            #expect(!plan.recipients(for: kind).contains("parent.curieux@example.org"))
        }
        #expect(!plan.mayReceive(.acknowledgment, address: "parent.curieux@example.org"))
        #expect(plan.mayReceive(.senderUnknown, address: "parent.curieux@example.org"))
    }

    @Test("With no cooperative matched, the sender gets sender_unknown and nobody gets figures")
    func noCooperative() {
        let plan = policy.plan(cooperative: nil, sender: "quelquun@example.org")
        #expect(plan.senderReply == .senderUnknown)
        #expect(plan.financialRecipients.isEmpty)
        #expect(plan.recipients(for: .senderUnknown) == ["quelquun@example.org"])
        #expect(plan.recipients(for: .toCorrect).isEmpty)
    }

    @Test("Registry addresses come from the cooperative; unsafe addresses are ignored")
    func fromCooperative() {
        let coop = Cooperative(
            number: CooperativeNumber(parsing: "075-0123")!, school: "École", town: "Paris 11e",
            mandataire: Mandataire(name: "H. Lefèvre", emails: ["h.lefevre@example.org", "bad\r\nBcc: x@y.org"]),
            iban: nil)
        let plan = policy.plan(cooperative: coop, sender: "evil@example.org\r\nBcc: x@y.org")
        #expect(plan.financialRecipients == ["h.lefevre@example.org"])
        #expect(plan.sender == nil && !plan.senderIsRegistered)
        #expect(plan.recipients(for: .senderUnknown).isEmpty)
        // No valid sender: no answer at all, and never the cooperative's addresses in its place.
        #expect(plan.recipients(for: .acknowledgment).isEmpty)
    }
}

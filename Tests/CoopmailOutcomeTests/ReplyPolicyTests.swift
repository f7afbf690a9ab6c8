import Testing

@testable import CoopmailOutcome

@Suite("Reply policy (RFC 3834 loop prevention)")
struct ReplyPolicyTests {
    let policy = ReplyPolicy(maxRepliesPerDay: 3, ownAddresses: ["AD75@occe.coop"])
    let human: [(name: String, value: String)] = [
        ("From", "Hélène Lefèvre <h.lefevre@example.org>"), ("Subject", "CRF"),
        ("Content-Type", "multipart/mixed; boundary=x"),
    ]

    func decide(_ extra: [(name: String, value: String)], sender: String? = "h.lefevre@example.org", count: Int = 0)
        -> ReplyDecision
    {
        policy.decide(headers: human + extra, envelopeSender: sender, repliesSentToday: count)
    }

    @Test("A mandataire's own mail may be answered")
    func humanMail() {
        #expect(decide([]).isAllowed)
        #expect(decide([("Auto-Submitted", "no")]).isAllowed)
        #expect(decide([], sender: nil).isAllowed)
        #expect(decide([]).reason == nil)
    }

    @Test(
        "Refusals, each with a French reason",
        arguments: [
            ("Auto-Submitted", "auto-replied"), ("auto-submitted", "auto-generated (vacation)"),
            ("AUTO-SUBMITTED", "auto-notified"),
            ("List-Id", "<parents.ecole.example.org>"), ("List-Unsubscribe", "<mailto:leave@example.org>"),
            ("Precedence", "bulk"), ("Precedence", "list"), ("precedence", "JUNK"),
            ("X-Auto-Response-Suppress", "All"), ("X-Auto-Response-Suppress", "OOF, AutoReply"),
            ("Content-Type", "multipart/report; report-type=delivery-status"), ("Return-Path", "<>"),
        ])
    func refused(name: String, value: String) {
        let headers =
            human.filter { name.lowercased() != "content-type" || $0.name != "Content-Type" } + [
                (name: name, value: value)
            ]
        let decision = policy.decide(headers: headers, envelopeSender: nil, repliesSentToday: 0)
        #expect(!decision.isAllowed, "\(name): \(value)")
        #expect(decision.reason?.contains("automatique") == true || decision.reason?.contains("réponse") == true)
    }

    @Test("Bounces: empty envelope sender")
    func bounce() {
        #expect(decide([], sender: "<>") == .refused(.bounce))
        #expect(decide([], sender: "") == .refused(.bounce))
    }

    @Test(
        "Robot senders",
        arguments: [
            "no-reply@example.org", "noreply@ent.paris.fr", "NoReply+abc@x.org", "do-not-reply@x.org",
            "MAILER-DAEMON@mx.example.org", "postmaster@example.org", "notifications-noreply@x.org",
        ])
    func robots(address: String) {
        let viaEnvelope = decide([], sender: address)
        #expect(viaEnvelope == .refused(.robotSender(address.lowercased())))
        let viaFrom = policy.decide(headers: [("From", "Robot <\(address)>")], envelopeSender: nil, repliesSentToday: 0)
        #expect(!viaFrom.isAllowed)
        #expect(!ReplyPolicy.isRobot("noreen@example.org") && !ReplyPolicy.isRobot("h.lefevre@example.org"))
    }

    @Test("Never answer our own address")
    func own() {
        #expect(decide([], sender: "ad75@occe.coop") == .refused(.ownAddress))
    }

    @Test("At most N automatic mails per address per day")
    func rate() {
        #expect(decide([], count: 2).isAllowed)
        #expect(decide([], count: 3) == .refused(.rateLimit(limit: 3)))
        #expect(decide([], count: 3).reason?.contains("3") == true)
        #expect(
            ReplyPolicy(maxRepliesPerDay: 0).decide(headers: human, envelopeSender: nil, repliesSentToday: 0)
                == .refused(.rateLimit(limit: 0)))
    }
}

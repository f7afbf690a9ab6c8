import CoopmailClassification
import CoopmailTestSupport
import Testing

/// The failed recipients of a bounce are read from every common shape, with a reason staff understand; delayed
/// recipients and the quoted original mail's addresses are not failures.
@Suite struct BounceReportTests {
    @Test(arguments: 1...24) func generatedBouncesNameTheFailedRecipients(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let shape = BounceGenerator.Shape.allCases[Int(seed) % BounceGenerator.Shape.allCases.count]
        let count = 1 + Int(g.next() % 3)
        let failed = (0..<count).map { i in "mandataire\(g.next() % 1000)x\(i)@ecole\(g.next() % 50).ac-paris.fr" }
        let delayed = shape == .postfix || shape == .gmail ? ["lent\(g.next() % 100)@ac-creteil.fr"] : []
        let diagnostic = shape == .gmail ? 2 : Int(g.next() % UInt64(BounceGenerator.diagnostics.count))
        let mail = BounceGenerator.mail(
            shape: shape, failed: failed, delayed: delayed, diagnostic: diagnostic,
            ourMessageID: "<outcome.\(seed)@occe.coop>", seed: seed)
        let found = BounceReport.failures(in: mail)
        #expect(found.map(\.address) == failed, "\(shape) seed \(seed)")
        let expected =
            shape == .gmail && diagnostic == 2 ? "User unknown" : BounceGenerator.diagnostics[diagnostic].reason
        for f in found { #expect(f.reason == expected, "\(shape) seed \(seed): \(f)") }
        #expect(!found.contains { $0.address.hasPrefix("lent") })
        #expect(!found.contains { $0.address == "ad75@occe.coop" })
    }

    @Test func aTemporaryFailureIsNoFailure() {
        let report = """
            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; claire@ecole.test
            Action: delayed
            Status: 4.2.2
            Diagnostic-Code: smtp; 452 4.2.2 mailbox full

            """
        #expect(BounceReport.failures(in: report).isEmpty)
        let failed = report.replacingOccurrences(of: "delayed", with: "failed").replacingOccurrences(
            of: "4.2.2", with: "5.2.2")
        #expect(BounceReport.failures(in: failed).map(\.reason) == ["boîte pleine"])
    }

    @Test func aHumanMailNamesNoFailure() {
        #expect(
            BounceReport.failures(in: "Bonjour,\nmon adresse est claire@ecole.test\nMerci : voir <claire@ecole.test>\n")
                .isEmpty)
    }
}

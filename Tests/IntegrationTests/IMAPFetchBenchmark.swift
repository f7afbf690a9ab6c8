import CoopmailIntake
import Foundation
import Testing

/// Opt-in measurement (not a check): after `Benchmarks/imap.sh` loaded the `bench` INBOX,
/// `COOPMAIL_BENCH_IMAP=1 swift test --filter IMAPFetchBenchmark` prints how long IMAPClient takes to list
/// and fetch every message over one connection.
@Suite("Mesure IMAP (sur demande)")
struct IMAPFetchBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["COOPMAIL_BENCH_IMAP"] != nil))
    func fetchWholeBenchInbox() throws {
        let env = try MailServers.require()
        let client = try MailFixtures.imapClient(env, user: "bench")
        let start = Date()
        try client.select("INBOX")
        let listing = try client.uids(after: 0)
        var bytes = 0
        try client.fetch(listing.map(\.uid)) { _, data in bytes += data.count }
        let seconds = Date().timeIntervalSince(start)
        print(
            "coopmail IMAPClient : \(listing.count) messages, \(bytes / 1_000_000) Mo en \(String(format: "%.2f", seconds)) s"
        )
        #expect(listing.count > 0)
    }
}

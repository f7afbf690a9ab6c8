import CoopmailApp
import CoopmailIntake
import CoopmailStore
import Foundation
import Testing

/// `coopmail poll` against the loopback Dovecot: each test has its own mailbox, processed mailbox and data folder.
@Suite("Relève IMAP (poll)")
struct PollTests {
    @Test func newMailIsStoredThenMovedToCreatedProcessedMailbox() throws {
        let s = try PollSandbox("releve")
        defer { s.cleanUp() }
        let ids = try s.deliver(3)
        #expect(try s.exists(s.processed) == false)

        let summary = try s.poller().poll()
        #expect(summary.fetched == 3)
        #expect(summary.ingest.ingested == 3)
        #expect(summary.moved == 3)
        #expect(summary.line.hasPrefix("3 messages relevés : 3 messages enregistrés"))
        #expect(try s.storedKeys() == ids.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())

        // Nothing new: nothing fetched, nothing to say.
        let again = try s.poller().poll()
        #expect(again.nothingHappened)
        #expect(try s.pipeline().poll().lines.isEmpty)

        // A later mail is fetched alone.
        let later = try s.deliver(1, first: 4)
        let third = try s.poller().poll()
        #expect(third.fetched == 1)
        #expect(try s.storedKeys() == (ids + later).sorted())
        #expect(try s.contents(of: s.processed).count == 4)
    }

    @Test func binaryPollsThenStaysQuietOnRerun() throws {
        let s = try PollSandbox("cron")
        defer { s.cleanUp() }
        let ids = try s.deliver(2)

        let first = try s.coopmail(["poll"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 messages relevés : 2 messages enregistrés"), "\(first.stdout)")
        #expect(first.stdout.contains("2 déplacés dans le dossier des traités"))
        #expect(try s.storedKeys() == ids.sorted())
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())

        let rerun = try s.coopmail(["poll"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.isEmpty, "cron attend le silence : \(rerun.stdout)")
        #expect(rerun.stderr.isEmpty, "\(rerun.stderr)")
        #expect(try s.storedKeys() == ids.sorted())
    }

    @Test func unseenMailStaysUnseenAndSeenMailStaysSeen() throws {
        let s = try PollSandbox("nonlu")
        defer { s.cleanUp() }
        let ids = try s.deliver(3)
        // Staff read the second one.
        let imap = try MailFixtures.imapClient(s.env)
        try imap.select(s.box)
        let listing = try imap.uids(after: 0)
        try #require(listing.count == 3)
        let readOne = listing[1]
        let readText = String(decoding: try imap.fetch(readOne), as: UTF8.self)
        try imap.addFlags(["\\Seen"], to: [readOne.uid])
        let readID = try #require(ids.first { readText.contains("Message-ID: \($0)") })

        let summary = try s.poller().poll()
        #expect(summary.moved == 3)
        let moved = try s.contents(of: s.processed)
        #expect(moved.count == 3)
        for m in moved {
            #expect(m.flags.contains("\\Seen") == (m.id == readID), "\(m.id) : \(m.flags)")
        }
    }

    @Test func uidValidityChangeRefetchesWithoutDuplicates() throws {
        let s = try PollSandbox("uidvalidity")
        defer { s.cleanUp() }
        let ids = try s.deliver(2)
        let imap = try MailFixtures.imapClient(s.env)
        let before = try imap.select(s.box)
        let raws = try imap.uids(after: 0).map { try imap.fetch($0) }
        #expect(try s.poller().poll().fetched == 2)

        // The mailbox is recreated (new UIDVALIDITY) and the same two mails come back, with a new one.
        try MailFixtures.imapClient(s.env).deleteMailbox(s.box)  // Dovecot drops sessions that had it selected
        Thread.sleep(forTimeInterval: 1.1)  // Dovecot's UIDVALIDITY is a time in seconds
        let fresh = try MailFixtures.imapClient(s.env)
        try fresh.createMailbox(s.box)
        for raw in raws { try fresh.append(raw, to: s.box) }
        try fresh.append(PollSandbox.message(id: s.newID(3), subject: "CRF 3"), to: s.box)
        let after = try fresh.status(of: s.box)
        try #require(after.uidValidity != before.uidValidity)

        let summary = try s.poller().poll()
        #expect(summary.resynchronised)
        #expect(summary.fetched == 3)
        #expect(summary.ingest.duplicates == 2)
        #expect(summary.ingest.ingested == 1)
        #expect(summary.line.contains("UIDVALIDITY"))
        #expect(try s.storedKeys() == (ids + [s.newID(3)]).sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.poller().poll().nothingHappened)
    }

    @Test func oversizedMailIsLeftOnServerAndTheOthersProcessed() throws {
        let s = try PollSandbox("volumineux")
        defer { s.cleanUp() }
        try s.writeConfig(maxMessageBytes: 8_000)
        let ids = try s.deliver(3, padding: { $0 == 2 ? 20_000 : 0 })

        let result = try s.coopmail(["poll"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 messages relevés"), "\(result.stdout)")
        #expect(result.stdout.contains("1 trop volumineux laissé sur le serveur"), "\(result.stdout)")
        #expect(try s.storedKeys() == [ids[0], ids[2]].sorted())
        #expect(try s.contents(of: s.box).map(\.id) == [ids[1]])
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == [ids[0], ids[2]].sorted())

        // Staff are told on every review, not only by the first poll's line (F12/F13), until the mail is gone.
        for _ in 0..<2 {
            #expect(try s.coopmail(["poll"]).stdout.isEmpty, "nothing new: a quiet poll")
            let review = try s.coopmail(["review"])
            #expect(review.stdout.contains("1 courriel trop volumineux laissé sur le serveur IMAP"), "\(review.stdout)")
        }
        _ = try CoopmailBinary.run([
            "/usr/bin/doveadm", "-c", s.env.value("COOPMAIL_TEST_DOVECOT_CONF"), "expunge",
            "-u", s.env.user("ad75"), "mailbox", s.box, "all",
        ])
        #expect(try s.count(s.box) == 0)
        _ = try s.coopmail(["poll"])
        #expect(
            !(try s.coopmail(["review"]).stdout.contains("trop volumineux")), "forgotten once removed from the server")
    }

    @Test func starttlsURLWorks() throws {
        let s = try PollSandbox("starttls")
        defer { s.cleanUp() }
        try s.writeConfig(url: s.env.imapURL + "/" + s.box, tls: "starttls")
        let ids = try s.deliver(1)
        let report = try s.pipeline().poll()
        #expect(report.exitCode == 0)
        #expect(report.lines.first?.hasPrefix("1 message relevé : 1 message enregistré") == true, "\(report.lines)")
        #expect(try s.storedKeys() == ids)
        #expect(try s.contents(of: s.processed).map(\.id) == ids)
    }

    /// Staff move a mail elsewhere while the poll runs, between the listing and the batch's fetch: the second or the
    /// third (the server then announces EXPUNGEs around the FETCH data).
    @Test(arguments: [1, 2])
    func mailMovedAwayByStaffDuringThePollIsSkipped(moved index: Int) throws {
        let s = try PollSandbox("disparu")
        let elsewhere = "Ailleurs-" + s.box
        defer {
            s.cleanUp()
            MailFixtures.cleanUp(s.env, mailboxes: [elsewhere])
        }
        let ids = try s.deliver(3)
        let staff = try MailFixtures.imapClient(s.env)
        try staff.createMailbox(elsewhere)
        try staff.select(s.box)
        let listing = try staff.uids(after: 0)
        try #require(listing.count == 3)

        let poller = try s.poller()
        poller.willFetch = { batch in
            if batch.contains(where: { $0.uid == listing[1].uid }) {
                try? staff.move([listing[index].uid], to: elsewhere)
            }
        }
        let summary = try poller.poll()
        #expect(summary.vanished == 1)
        #expect(summary.fetched == 2)
        #expect(summary.moved == 2)
        #expect(summary.line.contains("1 disparu du serveur avant la relève"), "\(summary.line)")
        let gone = try s.contents(of: elsewhere).map(\.id)
        try #require(gone.count == 1)
        #expect(try s.storedKeys() == ids.filter { $0 != gone[0] }.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.poller().poll().nothingHappened)
    }
}

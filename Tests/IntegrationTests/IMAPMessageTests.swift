import CoopmailIntake
import CoopmailOutcome
import Foundation
import Testing

@Suite("IMAP : messages")
struct IMAPMessageTests {
    @Test func messageSentBySMTPIsFetchedBackByteForByte() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("livraison")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let original = MailFixtures.message(
            from: env.address("mandataire1"), to: env.address("ad75"), subject: "CRF \(box)")
        let smtp = try MailFixtures.smtpClient(env)
        try smtp.send(
            rawMessage: original, from: "Mandataire <\(env.address("mandataire1"))>",
            recipients: [env.address("ad75", detail: box)])

        let imap = try MailFixtures.imapClient(env)
        _ = try MailFixtures.waitForMessages(imap, mailbox: box)
        let status = try imap.select(box)
        #expect(status.exists == 1)
        let listing = try imap.uids(after: 0)
        try #require(listing.count == 1)
        let fetched = try imap.fetch(listing[0])
        #expect(fetched.count == listing[0].size)
        // Postfix and Dovecot put Return-Path, Delivered-To and Received on top; the rest is the message sent.
        #expect(fetched.suffix(MailFixtures.crlf(original).count) == MailFixtures.crlf(original))
        let head = String(decoding: fetched.prefix(200), as: UTF8.self)
        #expect(head.hasPrefix("Return-Path: <\(env.address("mandataire1"))>"))

        // And it is what Dovecot stored on disk, CRLF-normalised.
        let maildir = URL(fileURLWithPath: env.mailHome).appendingPathComponent("ad75/Maildir/.\(box)")
        var stored: [Data] = []
        for sub in ["new", "cur"] {
            let dir = maildir.appendingPathComponent(sub)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                    stored.append(data)
                }
            }
        }
        if !stored.isEmpty {
            #expect(stored.map(MailFixtures.crlf) == [fetched])
        }
    }

    @Test func fetchLeavesUnseenMessageUnseen() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("nonlu")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        let smtp = try MailFixtures.smtpClient(env, url: env.smtpsURL, user: "mandataire2")
        for i in 1...2 {
            let message = MailFixtures.message(
                from: env.address("mandataire2"), to: env.address("ad75"), subject: "Non lu \(i)")
            try smtp.send(
                rawMessage: message, from: env.address("mandataire2"), recipients: [env.address("ad75", detail: box)])
        }
        let imap = try MailFixtures.imapClient(env)
        _ = try MailFixtures.waitForMessages(imap, mailbox: box, count: 2)
        try imap.select(box)
        let before = try imap.uids(after: 0)
        try #require(before.count == 2)
        #expect(before.allSatisfy { !$0.isSeen })

        let first = try imap.fetch(before[0].uid)  // flags asked first
        let second = try imap.fetch(before[1])  // flags from the listing
        // Postfix may deliver the two in either order.
        let subjects = Set(
            [first, second].map { String(decoding: $0, as: UTF8.self) }.compactMap { text in
                ["Subject: Non lu 1", "Subject: Non lu 2"].first { text.contains($0) }
            })
        #expect(subjects.count == 2)
        let after = try imap.uids(after: 0)
        #expect(after.map(\.uid) == before.map(\.uid))
        #expect(after.allSatisfy { !$0.isSeen })

        // Batch variant: one UID FETCH for both, flags untouched too.
        var batch: [UInt32: Data] = [:]
        try imap.fetch(before.map(\.uid)) { uid, data in batch[uid] = data }
        #expect(batch[before[0].uid] == first && batch[before[1].uid] == second)
        #expect(try imap.uids(after: 0).allSatisfy { !$0.isSeen })

        // A message already seen stays seen.
        let seenUID = try imap.append(
            MailFixtures.message(from: "a@ecole.test", to: "b@occe.test", subject: "Lu"), to: box, flags: ["\\Seen"])
        let seen = try #require(try imap.uids(after: before[1].uid).first)
        if let seenUID { #expect(seen.uid == seenUID) }
        #expect(seen.isSeen)
        _ = try imap.fetch(seen.uid)
        #expect(try imap.uids(after: before[1].uid).first?.isSeen == true)
        // Listing after the last UID is empty, even though `n:*` matches the last message.
        #expect(try imap.uids(after: seen.uid).isEmpty)
        let poll = try imap.newMessages(after: seen.uid)
        #expect(poll.messages.isEmpty)
        #expect(poll.status.exists == 3)
        #expect(try imap.newMessages(after: before[0].uid).messages.map(\.uid) == [before[1].uid, seen.uid])
    }

    @Test(arguments: [true, false])
    func moveToNonASCIIMailboxCreatedIfMissing(useMove: Bool) throws {
        let env = try MailServers.require()
        let source = MailServers.uniqueName("source")
        let target = MailServers.uniqueName("Traités")
        defer { MailFixtures.cleanUp(env, mailboxes: [source, target]) }
        let imap = try MailFixtures.imapClient(env, useMove: useMove)
        #expect(try imap.createMailbox(source))
        var uids: [UInt32] = []
        for i in 1...3 {
            let message = MailFixtures.message(from: "m@ecole.test", to: "ad75@occe.test", subject: "À déplacer \(i)")
            if let uid = try imap.append(message, to: source) { uids.append(uid) }
        }
        try #require(uids.count == 3)

        #expect(try imap.createMailbox(target) == true)
        #expect(try imap.createMailbox(target) == false)  // already there: fine
        try imap.select(source)
        try imap.move([uids[0], uids[2]], to: target)

        #expect(try imap.uids(after: 0).map(\.uid) == [uids[1]])
        let moved = try imap.status(of: target)
        #expect(moved.exists == 2)
        // Stored under its modified UTF-7 name.
        let folder = URL(fileURLWithPath: env.mailHome)
            .appendingPathComponent("ad75/Maildir/.\(ModifiedUTF7.encode(target))").path
        if FileManager.default.fileExists(
            atPath: URL(fileURLWithPath: env.mailHome).appendingPathComponent("ad75").path)
        {
            #expect(FileManager.default.fileExists(atPath: folder))
        }
        try imap.select(target)
        let inTarget = try imap.uids(after: 0)
        #expect(inTarget.count == 2)
        let body = try imap.fetch(inTarget[0])
        #expect(String(decoding: body, as: UTF8.self).contains("À déplacer 1"))
    }

    @Test func largeMessageRoundTripsExactly() throws {
        let env = try MailServers.require()
        let box = MailServers.uniqueName("gros")
        defer { MailFixtures.cleanUp(env, mailboxes: [box]) }
        var random = SystemRandomNumberGenerator()
        let payload = Data((0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString(
            options: .lineLength76Characters)
        let message = MailFixtures.crlf(
            Data(
                ("Subject: gros\r\nMIME-Version: 1.0\r\nContent-Type: application/pdf\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + payload + "\r\n").utf8))
        let imap = try MailFixtures.imapClient(env)
        try imap.createMailbox(box)
        let uid = try #require(try imap.append(message, to: box))
        try imap.select(box)
        let listing = try imap.uids(after: 0)
        #expect(listing.map(\.uid) == [uid])
        #expect(listing.first?.size == message.count)
        let fetched = try imap.fetch(uid)
        #expect(fetched == message)
    }

    @Test func moveToMissingMailboxSaysSo() throws {
        let env = try MailServers.require()
        let source = MailServers.uniqueName("source")
        let missing = MailServers.uniqueName("Traités-absent")
        defer { MailFixtures.cleanUp(env, mailboxes: [source]) }
        let imap = try MailFixtures.imapClient(env)
        try imap.createMailbox(source)
        let uid = try #require(
            try imap.append(MailFixtures.message(from: "m@ecole.test", to: "ad75@occe.test", subject: "x"), to: source))
        try imap.select(source)
        let error = #expect(throws: IMAPError.self) { try imap.move([uid], to: missing) }
        guard case .mailboxNotFound(let name, _) = error else {
            Issue.record("attendu mailboxNotFound, reçu \(String(describing: error))")
            return
        }
        #expect(name == missing)
        #expect(try imap.uids(after: 0).map(\.uid) == [uid])
    }
}

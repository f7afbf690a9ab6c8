import CoopmailStore
import Foundation
import GRDB
import Testing

/// A mail whose reading kills coopmail (SIGKILL) on every run: the first run after each death counts it, the second
/// death sets it aside, and from then on every run completes and the other mails are read and answered.
@Suite(.serialized) struct PoisonKillTests {
    @Test func aMailThatKillsTheReaderIsSetAsideAfterTwoDeaths() throws {
        let cli = try CLI()
        // An OCR worker that kills its parent — coopmail — as soon as it is asked about a page.
        let worker = try cli.file(
            "coopmail-ocr", "#!/bin/sh\necho 'ready 0'\nread request\nkill -KILL $PPID\nsleep 5\n")
        chmod(worker, 0o755)
        let photo = try Data(contentsOf: repoRoot.appendingPathComponent("Fixtures/documents/photo-quitus-0456.jpg"))
        let mails = cli.root.appendingPathComponent("courriels")
        try FileManager.default.createDirectory(at: mails, withIntermediateDirectories: true)
        func mail(_ name: String, subject: String, attachment: Data?) throws {
            var text =
                "From: Marie <marie@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: \(subject)\r\n"
                + "Message-ID: <\(name)@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\nMIME-Version: 1.0\r\n"
            if let attachment {
                text +=
                    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nci-joint\r\n"
                    + "--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"photo.jpg\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + attachment.base64EncodedString(options: .lineLength76Characters)
                    + "\r\n--b--\r\n"
            } else {
                text += "Content-Type: text/plain\r\n\r\nbonjour\r\n"
            }
            try Data(text.utf8).write(to: mails.appendingPathComponent(name + ".eml"))
        }
        try mail("a-texte", subject: "premier", attachment: nil)
        try mail("b-photo", subject: "la photo qui tue", attachment: photo)
        try mail("c-texte", subject: "dernier", attachment: nil)
        let env = ["COOPMAIL_OCR_WORKER": worker]

        let first = try cli.run(["ingest", mails.path], env: env)
        #expect(first.status == SIGKILL, "\(first.status) \(first.stderr)")
        let second = try cli.run(["ingest", mails.path], env: env)
        #expect(second.status == SIGKILL, "\(second.status) \(second.stderr)")
        let third = try cli.run(["ingest", mails.path], env: env)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.contains("mis de côté"), "\(third.stdout)")

        let store = try cli.store()
        let statuses = try store.db.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, status, processing_attempts FROM message ORDER BY message_id")
                .map { ($0["message_id"] as String, $0["status"] as String, $0["processing_attempts"] as Int) }
        }
        #expect(statuses.map(\.1) == ["processed", "set_aside", "processed"], "\(statuses)")
        #expect(statuses[1].2 == 2)
        let review = try cli.run(["review"])
        #expect(
            review.stdout.contains("la photo qui tue") && review.stdout.contains("lecture interrompue"),
            "\(review.stdout)")
        // A fourth run has nothing left to do and does not die.
        #expect(try cli.run(["ingest", mails.path], env: env).status == 0)
    }
}

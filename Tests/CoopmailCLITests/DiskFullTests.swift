import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The data folder on a tiny file system (a tmpfs of 4 MB, mounted by the test: we run as root): `ingest` fails with a
/// clear French error, loses nothing, and completes once there is room.
@Suite(.serialized) struct DiskFullTests {
    static let mountable: Bool = TinyDisk.mountable

    /// `count` mails with a pseudo-random attachment of about `kilobytes` KB each (base64), varied by `seed`.
    static func mails(in folder: URL, count: Int, kilobytes: Int, seed: UInt64) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var state = seed
        for i in 0..<count {
            var bytes = [UInt8](repeating: 0, count: kilobytes * 1024)
            for j in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[j] = UInt8(truncatingIfNeeded: state >> 33)
            }
            let body = Data(bytes).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(
                of: "\r\n", with: "\n")
            let mail = """
                From: Mandataire \(i) <m\(i)@ecole.test>
                To: ad75@occe.coop
                Subject: envoi \(i)
                Message-ID: <disk-\(seed)-\(i)@ecole.test>
                Date: Mon, 04 Oct 2021 09:15:00 +0200
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                bonjour
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="piece\(i).bin"
                Content-Transfer-Encoding: base64

                \(body)
                --b--

                """
            try Data(mail.utf8).write(to: folder.appendingPathComponent("m\(i).eml"))
        }
    }

    @Test(
        .enabled(if: DiskFullTests.mountable, "mount -t tmpfs refusé : ce test demande les droits root"),
        arguments: [UInt64(7), 8])
    func ingestOnAFullDiskFailsInFrenchLosesNothingAndCompletesLater(seed: UInt64) throws {
        let cli = try CLI()
        guard let disk = TinyDisk(megabytes: 4) else {
            Issue.record("mount refusé")
            return
        }
        let mails = cli.root.appendingPathComponent("courriels")
        let count = 30 + Int(seed % 5)
        try Self.mails(in: mails, count: count, kilobytes: 200, seed: seed)  // about twice the disk, stored
        let data = disk.mountPoint.appendingPathComponent("data").path

        let full = try cli.run(["ingest", "--sans-lecture", mails.path], dataDir: data)
        #expect(full.status == 1, "\(full.stdout)\n\(full.stderr)")
        #expect(
            full.stderr.contains("disque plein : plus de place") && full.stderr.contains("Rien n'a été perdu"),
            "\(full.stderr)")
        #expect(!full.stderr.contains("Fatal error") && !full.stderr.contains("SQLITE"))

        // Room again: the same command stores every mail, once.
        #expect(disk.grow(megabytes: 64))
        let again = try cli.run(["ingest", "--sans-lecture", mails.path], dataDir: data)
        #expect(again.status == 0, "\(again.stderr)")
        let store = try Store(path: data)
        let stored = try store.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message")! }
        let documents = try store.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document")! }
        #expect(stored == count && documents == count)
        // Every stored mail's bytes are whole.
        let digests = try store.db.read {
            try String.fetchAll($0, sql: "SELECT raw_sha256 FROM message UNION SELECT sha256 FROM document")
        }
        for d in digests { #expect(SHA256.hex(try store.blobs.get(d)) == d) }
        withExtendedLifetime(disk) {}
    }
}

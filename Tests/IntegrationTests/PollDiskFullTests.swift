import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

/// `poll` with the data folder on a full disk: a French error, nothing moved on the server, and every mail stored and
/// moved by the first poll once there is room.
@Suite("Relève IMAP sur disque plein")
struct PollDiskFullTests {
    @Test(.enabled(if: TinyDisk.mountable, "mount -t tmpfs refusé : ce test demande les droits root"))
    func aFullDiskMovesNothingAndTheNextPollCatchesUp() throws {
        let s = try PollSandbox("plein")
        defer { s.cleanUp() }
        guard let disk = TinyDisk(megabytes: 4) else {
            Issue.record("mount refusé")
            return
        }
        let ids = try s.deliver(3, padding: { $0 * 20_000 })
        let store = try Store(path: disk.mountPoint.appendingPathComponent("data").path)
        let pipeline = Pipeline(store: store, config: try s.config())

        let filler = disk.fill()
        let full = pipeline.poll()
        #expect(full.exitCode == 1)
        #expect(
            full.lines.joined().contains("aucun courriel déplacé") && full.lines.joined().contains("disque plein"),
            "\(full.lines)")
        #expect(try s.count(s.box) == 3)
        #expect(try s.count(s.processed) == 0)

        unlink(filler)
        let after = pipeline.poll()
        #expect(after.exitCode == 0, "\(after.lines)")
        let stored = try store.db.read { try String.fetchAll($0, sql: "SELECT key FROM message ORDER BY key") }
        #expect(stored == ids.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())
        withExtendedLifetime(disk) {}
    }
}

import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// `notify` on a full disk: it cannot record that a send starts, so it sends nothing, says so in French, and sends the
/// answer once there is room again.
@Suite(.serialized) struct DiskFullNotifyTests {
    @Test(.enabled(if: TinyDisk.mountable, "mount -t tmpfs refusé : ce test demande les droits root"))
    func notifyOnAFullDiskSendsNothingAndSendsOnceThereIsRoom() throws {
        guard let disk = TinyDisk(megabytes: 4) else {
            Issue.record("mount refusé")
            return
        }
        let store = try Store(path: disk.mountPoint.appendingPathComponent("data").path)
        _ = try RegistryImporter(store: store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie.dupont@ecole.test;
                """)
        let raw =
            "From: Marie Dupont <marie.dupont@ecole.test>\r\nTo: ad75@occe.coop\r\nSubject: quitus coop 075-0123\r\n"
            + "Message-ID: <full@ecole.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nci-joint\r\n"
        guard
            case .ingested(let id) = try Ingestor(store: store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: "t"))
        else {
            Issue.record("not ingested")
            return
        }
        try store.db.write {
            try $0.execute(
                sql: "UPDATE message SET cooperative = '075-0123', status = 'processed' WHERE id = ?", arguments: [id])
        }
        _ = try Outbox(store: store, config: Config(), templates: OutboxTests().templates).acknowledge(message: id)

        let filler = disk.fill()
        let transport = RecordingTransport()
        let pipeline = Pipeline(store: store, config: Config())
        let report = pipeline.notify(transport: transport)
        #expect(report.exitCode == 1)
        #expect(report.lines.joined().contains("disque plein : plus de place"), "\(report.lines)")
        #expect(transport.sent.isEmpty)

        unlink(filler)
        let after = pipeline.notify(transport: transport)
        #expect(after.exitCode == 0, "\(after.lines)")
        #expect(transport.sent.count == 1)
        #expect(
            try store.db.read { try String.fetchOne($0, sql: "SELECT state FROM outbox") } == OutboxState.sent.rawValue)
        withExtendedLifetime(disk) {}
    }

    @Test func sqliteFullAndENOSPCAreOneFrenchError() {
        #expect(StoreError.diskFull(from: DatabaseError(resultCode: .SQLITE_FULL)) != nil)
        #expect(StoreError.diskFull(from: POSIXError(.ENOSPC)) != nil)
        #expect(StoreError.diskFull(from: NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT))) != nil)
        #expect(StoreError.diskFull(from: DatabaseError(resultCode: .SQLITE_BUSY)) == nil)
        #expect(StoreError.diskFull(from: StoreError.lockFailed(path: "x")) == nil)
    }
}

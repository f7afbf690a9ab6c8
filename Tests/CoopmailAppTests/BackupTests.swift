import CoopmailApp
import CoopmailDomain
import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite struct BackupTests {
    /// A thread ingests generated mails while backups are taken. The first backup's snapshot is taken after the
    /// first half; the thread then goes on committing while that backup holds its snapshot and copies its files.
    /// Every backup opens as a store, and every blob its database refers to is there with its digest.
    @Test func backupWhileIngestingIsConsistent() throws {
        let seed = testSeed()
        let t = try TempStore()
        let total = 80
        let half = 40
        final class Flag: @unchecked Sendable {
            let lock = NSLock()
            var done = false
            var error: Error?
        }
        let flag = Flag()
        let halfDone = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        var mails = GeneratedMails(seed: seed)
        let raws = (0..<total).map { mails.raw(index: $0) }
        let store = t.store
        let thread = Thread {
            let ingestor = Ingestor(store: store, config: Config())
            do {
                for (i, raw) in raws.enumerated() {
                    if i == half {
                        halfDone.signal()
                        go.wait()
                    }
                    _ = try ingestor.ingest(raw)
                }
            } catch {
                flag.lock.lock()
                flag.error = error
                flag.lock.unlock()
                halfDone.signal()
            }
            flag.lock.lock()
            flag.done = true
            flag.lock.unlock()
        }
        thread.start()
        // Counted through another connection: the backup's own pool is busy copying.
        let observer = try Store(folder: store.folder)
        func stored() throws -> Int {
            try observer.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message") ?? 0 }
        }
        halfDone.wait()
        var counts: [Int] = []
        var round = 0
        repeat {
            let dest = t.root.appendingPathComponent("backup-\(round)")
            let report = try StoreBackup.backup(
                store, to: dest.path,
                whileSnapshotHeld: round > 0
                    ? nil
                    : {
                        // Let the ingest go on and wait until it has committed past the snapshot.
                        go.signal()
                        while try stored() <= half {
                            flag.lock.lock()
                            let finished = flag.done
                            flag.lock.unlock()
                            if finished { break }
                            usleep(500)
                        }
                    })
            let copy = try Store(path: dest.path)
            let check = try StoreVerifier.verify(copy, repair: false)
            #expect(check.isHealthy, "seed \(seed): missing \(check.missing.count), corrupted \(check.corrupted.count)")
            #expect(check.orphans.isEmpty && check.temporaries.isEmpty, "seed \(seed)")
            #expect(check.referenced == report.blobs, "seed \(seed)")
            let messages = try copy.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message") ?? 0 }
            let documents = try copy.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") ?? 0 }
            #expect(documents == messages, "seed \(seed): one attachment per mail")
            counts.append(messages)
            var st = stat()
            #expect(stat(dest.path, &st) == 0 && st.st_mode & 0o777 == 0o700)
            round += 1
            flag.lock.lock()
            let finished = flag.done
            flag.lock.unlock()
            if finished { break }
        } while true
        flag.lock.lock()
        let error = flag.error
        flag.lock.unlock()
        #expect(error == nil)
        // The first backup is the snapshot of the first half, though more mails were stored while it ran.
        #expect(counts.first == half, "seed \(seed): counts \(counts)")
        #expect(try stored() == total)
        #expect(counts == counts.sorted())
    }

    @Test func backupRefusesAFolderInUse() throws {
        let t = try TempStore()
        let dest = t.root.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: dest.appendingPathComponent("old"))
        #expect(throws: StoreError.self) { try StoreBackup.backup(t.store, to: dest.path) }
    }

    /// Restoring is copying the backup back: the export is the same as when the backup was taken, even after the
    /// original folder changed.
    @Test func restoreGivesBackTheExport() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        _ = try ingestor.ingest(paths: [mailFixtures.path])
        let exporter = Exporter(store: t.store, config: Config())
        let exercise = try #require(try exporter.defaultExercise())
        let before = try exporter.json(exercise: exercise)
        let dest = t.root.appendingPathComponent("sauvegarde")
        _ = try StoreBackup.backup(t.store, to: dest.path)
        var mails = GeneratedMails(seed: testSeed())
        _ = try ingestor.ingest(mails.raw(index: 1, arrivedAt: Date()))
        #expect(try exporter.json(exercise: exercise) != before || (try exporter.defaultExercise()) != exercise)

        let restored = t.root.appendingPathComponent("restaure")
        try FileManager.default.copyItem(at: dest, to: restored)
        let store = try Store(path: restored.path)
        #expect(try Exporter(store: store, config: Config()).json(exercise: exercise) == before)
        #expect(try StoreVerifier.verify(store, repair: false).isHealthy)
        for digest in try store.db.read({ try String.fetchAll($0, sql: "SELECT sha256 FROM document") }) {
            #expect(SHA256.hex(try store.blobs.get(digest)) == digest)
        }
    }
}

@Suite struct VerifyTests {
    @Test func findsCorruptedMissingOrphanAndTemporaryAndRepairsOnlyTheSuperfluous() throws {
        let seed = testSeed()
        let t = try TempStore()
        var mails = GeneratedMails(seed: seed)
        let ingestor = Ingestor(store: t.store, config: Config())
        for i in 0..<8 { _ = try ingestor.ingest(mails.raw(index: i)) }
        #expect(try StoreVerifier.verify(t.store, repair: false).isHealthy)
        var digests = try t.store.db.read { try String.fetchAll($0, sql: "SELECT sha256 FROM document ORDER BY id") }
        digests.shuffle(using: &mails.generator)
        let corrupted = digests[0]
        let missing = digests[1]
        // One byte changed somewhere in the file; another file gone.
        var bytes = try t.store.blobs.get(corrupted)
        let at = Int.random(in: 0..<bytes.count, using: &mails.generator)
        bytes[at] ^= UInt8.random(in: 1...255, using: &mails.generator)
        try bytes.write(to: t.store.blobs.url(for: corrupted))
        try FileManager.default.removeItem(at: t.store.blobs.url(for: missing))
        // An orphan and a leftover temporary file, old; another orphan, fresh.
        let orphan = try t.store.blobs.put(mails.attachment())
        let fresh = try t.store.blobs.put(mails.attachment())
        let tmp = t.store.blobs.url(for: orphan).deletingLastPathComponent().appendingPathComponent(
            ".\(orphan).4242.7.tmp")
        try Data("partial".utf8).write(to: tmp)
        let old = Date().addingTimeInterval(-2 * StoreVerifier.repairGrace)
        for url in [t.store.blobs.url(for: orphan), tmp, t.store.blobs.url(for: corrupted)] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }

        let report = try StoreVerifier.verify(t.store, repair: false)
        #expect(report.corrupted == [corrupted], "seed \(seed)")
        #expect(report.missing == [missing], "seed \(seed)")
        #expect(
            Set(report.orphans) == [String(orphan.prefix(2)) + "/" + orphan, String(fresh.prefix(2)) + "/" + fresh])
        #expect(report.temporaries == [String(orphan.prefix(2)) + "/.\(orphan).4242.7.tmp"])
        #expect(!report.isHealthy)
        #expect(t.store.blobs.contains(orphan))

        let repaired = try StoreVerifier.verify(t.store, repair: true)
        #expect(repaired.removed.count == 2)
        #expect(repaired.keptRecent == [String(fresh.prefix(2)) + "/" + fresh])
        #expect(!t.store.blobs.contains(orphan) && !FileManager.default.fileExists(atPath: tmp.path))
        // The corrupted blob is referenced and old: never removed.
        #expect(t.store.blobs.contains(corrupted) && t.store.blobs.contains(fresh))
        let after = try StoreVerifier.verify(t.store, repair: false)
        #expect(after.orphans == [String(fresh.prefix(2)) + "/" + fresh] && after.temporaries.isEmpty)
        #expect(after.corrupted == [corrupted] && after.missing == [missing])
    }
}

@Suite struct ConcurrentOpenTests {
    /// Cron and a staff command opening a new data folder at once: both must migrate it without error (the
    /// migrations lock), whichever comes first.
    @Test func severalOpeningsOfANewFolderAtOnceAllSucceed() throws {
        for _ in 0..<8 {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "coopmail-open-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let path = root.appendingPathComponent("data").path
            final class Errors: @unchecked Sendable {
                let lock = NSLock()
                var list: [String] = []
            }
            let errors = Errors()
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try Store(path: path) } catch {
                    errors.lock.lock()
                    errors.list.append("\(error)")
                    errors.lock.unlock()
                }
            }
            #expect(errors.list.isEmpty, "\(errors.list.first ?? "")")
        }
    }
}

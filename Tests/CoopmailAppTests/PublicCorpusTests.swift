import CoopmailApp
import CoopmailIntake
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Mail written by others: CPython's own e-mail test corpus (`Lib/test/test_email/data`), found through the `python3`
/// of this machine. Odd, old and broken mails; several share a Message-ID; some files are not mails at all.
@Suite struct PublicCorpusTests {
    /// The corpus folder, asked of python3 (nil with the reason when python3 or its test package is missing).
    static func corpusFolder() -> (URL?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import test, os; print(os.path.dirname(test.__file__))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (nil, "python3 introuvable : \(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else {
            return (
                nil, "python3 n'a pas de paquet « test » (paquet libpython3.11-testsuite ou sources de Python absents)"
            )
        }
        let folder = URL(fileURLWithPath: path).appendingPathComponent("test_email/data")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            return (
                nil, "dossier absent : \(folder.path) (paquet libpython3.11-testsuite à installer : scripts/setup.sh)"
            )
        }
        return (folder, "")
    }

    @Test func everyDistinctMailIsStoredOrQuarantinedAndRead() async throws {
        let (found, why) = Self.corpusFolder()
        guard let folder = found else {
            // scripts/setup.sh installs it (libpython3.11-testsuite): a machine without it fails here, loudly, rather than pass.
            Issue.record("corpus de CPython introuvable, test non exécuté : \(why)")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        try #require(names.count >= 40, "corpus trop petit : \(names.count) fichiers dans \(folder.path)")
        var digests: [String: [String]] = [:]
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            digests[SHA256.hex(data), default: []].append(name)
        }

        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        var stored: [String: Int64] = [:]  // file → message row
        var quarantined = 0
        var ingested = 0
        var duplicates: [(String, Int64)] = []
        for name in names {
            let raw = RawMessage(content: .file(folder.appendingPathComponent(name).path), source: "file:" + name)
            switch try ingestor.ingest(raw) {
            case .ingested(let id):
                ingested += 1
                stored[name] = id
            case .quarantined(let id, let reason):
                quarantined += 1
                stored[name] = id
                #expect(
                    !reason.isEmpty && reason.unicodeScalars.allSatisfy { $0.value >= 0x20 }, "\(name) : « \(reason) »")
            case .duplicate(let id): duplicates.append((name, id))
            }
        }
        // Every distinct input has its row; only identical bytes were taken for a duplicate.
        #expect(
            ingested + quarantined == digests.count,
            "\(ingested) + \(quarantined) ≠ \(digests.count) fichiers distincts")
        let rows = try await t.store.db.read { try MessageRecord.fetchAll($0) }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0) })
        #expect(Set(rows.map(\.rawSha256)) == Set(digests.keys))
        for (name, id) in duplicates {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(
                byID[id]?.rawSha256 == SHA256.hex(data),
                "\(name) pris pour un doublon du message \(id) sans être identique")
        }
        // Mails sharing a Message-ID are all there, the later ones flagged.
        let byMessageID = Dictionary(grouping: rows.filter { $0.messageId != nil }, by: { $0.messageId! })
        for (_, group) in byMessageID where group.count > 1 {
            let sorted = group.sorted { $0.id! < $1.id! }
            #expect(sorted.dropFirst().allSatisfy { $0.collidesWith == sorted[0].id })
        }
        for q in rows where q.status == MessageStatus.quarantined {
            #expect(!(q.quarantineReason ?? "").isEmpty, "\(q.source) en quarantaine sans motif")
        }

        // Reading and matching: every stored mail is processed, the quarantined ones stay as they are.
        _ = try await Processor(store: t.store, config: Config()).run()
        let after = try await t.store.db.read { try MessageRecord.fetchAll($0) }
        #expect(after.count == rows.count)
        #expect(
            after.allSatisfy { $0.status == MessageStatus.processed || $0.status == MessageStatus.quarantined },
            "\(after.filter { $0.status == MessageStatus.received }.map(\.source))")
    }
}

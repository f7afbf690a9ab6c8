import CoopmailApp
import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite struct IngestTests {
    @Test func ingestingTheCorpusTwiceGivesTheSameCounts() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        let first = try ingestor.ingest(paths: [mailFixtures.path])
        // 11-path-traversal is salvaged (its PDF kept as « evil.pdf »); 08 and 09 keep nothing, so stay quarantined.
        #expect(first.ingested == 14)
        #expect(first.quarantined == 7)
        #expect(first.duplicates == 0)
        let second = try ingestor.ingest(paths: [mailFixtures.path])
        #expect(second.ingested == 0 && second.quarantined == 0)
        #expect(second.duplicates == first.total)
        let rows = try t.store.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message") }
        #expect(rows == first.total)
    }

    @Test func aDamagedMailKeepsItsWholePartsAndNotesTheLostOne() throws {
        // A quitus and a statement arrive whole; a third PDF has invalid base64: the mail is kept, not quarantined.
        let t = try TempStore()
        let pdf = { (s: String) in Data("%PDF-1.4\n% \(s)\ntrailer << >>\n%%EOF\n".utf8).base64EncodedString() }
        func part(_ name: String, _ body: String) -> String {
            "--B\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"\(name)\"\r\n\r\n\(body)\r\n"
        }
        let mail =
            "From: m@ecole.test\r\nMessage-ID: <salvage-ingest@ecole.test>\r\nSubject: docs\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            + part("quitus.pdf", pdf("quitus")) + part("../../releve.pdf", pdf("releve"))
            + part("autre.pdf", "JVBERi0x!!!***")
            + "--B--\r\n"
        let o = try Ingestor(store: t.store, config: Config()).ingest(
            .init(content: .bytes(Data(mail.utf8)), source: "t"))
        guard case .ingested(let id) = o else {
            Issue.record("not ingested: \(o)")
            return
        }
        let names = try t.store.db.read {
            try String.fetchAll(
                $0, sql: "SELECT filename FROM document WHERE message = ? ORDER BY position", arguments: [id])
        }
        #expect(names == ["quitus.pdf", "releve.pdf"])
        let notes = try t.store.db.read {
            try String.fetchOne($0, sql: "SELECT salvage_notes FROM message WHERE id = ?", arguments: [id])
        }
        let list = JSON.decode([String].self, notes ?? "") ?? []
        #expect(list.contains { $0.contains("« autre.pdf »") && $0.hasSuffix("à renvoyer") })
        #expect(list.contains { $0.contains("nom de fichier dangereux") })
    }

    @Test func sameMessageIDWithOtherBytesIsADuplicate() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        let a = "From: x@ecole.test\r\nMessage-ID: <same@ecole.test>\r\nSubject: a\r\n\r\nbody\r\n"
        let b = "Received: by relay\r\n" + a
        #expect(
            try {
                if case .ingested = try ingestor.ingest(.init(content: .bytes(Data(a.utf8)), source: "t")) {
                    return true
                }
                return false
            }())
        #expect(
            try {
                if case .duplicate = try ingestor.ingest(.init(content: .bytes(Data(b.utf8)), source: "t")) {
                    return true
                }
                return false
            }())
    }

    @Test func storesFilesByDigestOnlyAndPrivately() throws {
        let t = try TempStore()
        _ = try Ingestor(store: t.store, config: Config()).ingest(paths: [mailFixtures.path])
        let data = t.root.appendingPathComponent("data")
        var st = stat()
        #expect(stat(data.path, &st) == 0 && st.st_mode & 0o777 == 0o700)
        let files =
            FileManager.default.enumerator(atPath: data.appendingPathComponent("blobs").path)!.allObjects as! [String]
        let names = files.map { ($0 as NSString).lastPathComponent }.filter { $0.count > 2 }
        #expect(!names.isEmpty)
        #expect(names.allSatisfy(SHA256.isDigest))
        for f in files where f.count > 3 {
            #expect(stat(data.appendingPathComponent("blobs/" + f).path, &st) == 0 && st.st_mode & 0o077 == 0, "\(f)")
        }
        // The traversal attempt wrote nothing outside and no file carries its name.
        #expect(!files.contains { $0.contains("evil") })
        // Every stored blob's name is the digest of its bytes.
        for name in names.prefix(10) {
            let bytes = try t.store.blobs.get(name)
            #expect(SHA256.hex(bytes) == name)
        }
    }

    @Test func expandsZipAttachmentsAndSniffsMediaTypes() throws {
        let t = try TempStore()
        _ = try Ingestor(store: t.store, config: Config()).ingest(paths: [
            mailFixtures.appendingPathComponent("06-zip.eml").path,
            mailFixtures.appendingPathComponent("05-inline-and-misnamed.eml").path,
        ])
        let docs = try t.store.db.read { try DocumentRecord.order(Column("message"), Column("position")).fetchAll($0) }
        let byName = Dictionary(docs.map { ($0.filename, $0.mediaType) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["pieces.zip"] == "application/zip")
        #expect(byName["pieces.zip/releve.pdf"] == "application/pdf")
        #expect(byName["pieces.zip/quitus.jpg"] == "image/jpeg")
        #expect(byName["scan.jpg"] == "application/pdf")
        #expect(byName["piece-1.jpg"] == "image/jpeg")
    }

    @Test func quarantinesAZipBombWithoutExpandingIt() throws {
        let t = try TempStore()
        let o = try Ingestor(store: t.store, config: Config()).ingest(
            .init(content: .file(mailFixtures.appendingPathComponent("07-zip-bomb.eml").path), source: "t"))
        guard case .quarantined(_, let reason) = o else {
            Issue.record("not quarantined: \(o)")
            return
        }
        #expect(reason.contains("bombe"))
        let docs = try t.store.db.read { try DocumentRecord.fetchCount($0) }
        #expect(docs == 0)
    }

    @Test func quarantinesAFiftyMegabyteAttachmentAndGoesOn() throws {
        let t = try TempStore()
        let dir = t.root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var big =
            "From: a@ecole.test\r\nMessage-ID: <fifty@ecole.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"Q\"\r\n\r\n"
        big +=
            "--Q\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=gros.pdf\r\n\r\n"
        let line = String(repeating: "QUFB", count: 19) + "\r\n"
        big += String(repeating: line, count: 51 * 1024 * 1024 / 57) + "--Q--\r\n"
        try Data(big.utf8).write(to: dir.appendingPathComponent("a-big.eml"))
        try FileManager.default.copyItem(
            at: mailFixtures.appendingPathComponent("01-simple-pdf.eml"), to: dir.appendingPathComponent("b-ok.eml"))
        let s = try Ingestor(store: t.store, config: Config()).ingest(paths: [dir.path])
        #expect(s.quarantined == 1 && s.ingested == 1)
        let reason = try t.store.db.read {
            try String.fetchOne($0, sql: "SELECT quarantine_reason FROM message WHERE key = '<fifty@ecole.test>'")
        }
        #expect(reason?.contains("trop volumineuse") == true)
    }
}

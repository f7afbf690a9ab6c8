import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailApp

@Suite struct ExportTests {
    @Test func exportFollowsTheContractShape() throws {
        let t = try TempStore()
        _ = try Ingestor(store: t.store, config: Config()).ingest(paths: [mailFixtures.path])
        let text = try Exporter(store: t.store, config: Config()).json(exercise: Exercise("2020-2021")!)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["exercise"] as? String == "2020-2021")
        let submissions = try #require(root["submissions"] as? [[String: Any]])
        // 18 of the 21 mails are dated October 2021; the 3 undated ones (empty, NUL bytes, garbage) belong to the
        // exercise of the day they were ingested.
        #expect(submissions.count == 18)
        let keys: Set<String> = [
            "message_id", "from", "subject", "received_at", "cooperative", "match", "status", "nature", "documents",
        ]
        for s in submissions {
            #expect(keys.isSubset(of: Set(s.keys)), "\(s.keys)")
            let match = try #require(s["match"] as? [String: Any])
            let confidence = try #require(match["confidence"] as? Double)
            #expect((0...1).contains(confidence))
            #expect(match["evidence"] is [Any])
            #expect(ISO8601DateFormatter().date(from: s["received_at"] as? String ?? "") != nil)
            for d in try #require(s["documents"] as? [[String: Any]]) {
                #expect(
                    Set(["filename", "sha256", "media_type", "kind", "pages", "cooperative", "statement"]).isSubset(
                        of: Set(d.keys)))
                #expect(["quitus", "bank_statement", "other"].contains(d["kind"] as? String ?? ""))
                #expect((d["sha256"] as? String).map { $0.count == 64 } == true)
            }
        }
        let quarantined = submissions.filter { $0["status"] as? String == "quarantined" }
        // 11-path-traversal is no longer quarantined: its PDF is kept under a safe label, with a note (salvage).
        #expect(quarantined.count == 4)
        let salvaged = submissions.filter {
            ($0["notes"] as? [String])?.contains { $0.contains("nom de fichier dangereux") } == true
        }
        #expect(salvaged.count == 1 && salvaged.first?["status"] as? String != "quarantined")
        #expect(quarantined.allSatisfy { ($0["quarantine_reason"] as? String)?.isEmpty == false })
        #expect(root["dossiers"] is [Any])
        let today = Config().exercise(forMailAt: Date())
        let undated = try Exporter(store: t.store, config: Config()).build(exercise: today).submissions
        #expect(undated.count == 3 && undated.allSatisfy { $0.status == "quarantined" })
    }

    @Test func csvHasOneRowPerDocumentAndNeutralisesFormulas() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        _ = try ingestor.ingest(paths: [mailFixtures.appendingPathComponent("06-zip.eml").path])
        _ = try ingestor.ingest(
            .init(
                content: .bytes(
                    Data(
                        "From: a@b.test\r\nMessage-ID: <f@b.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\nSubject: =cmd|' /C calc'!A0\r\n\r\nx\r\n"
                            .utf8)), source: "t"))
        let csv = try Exporter(store: t.store, config: Config()).csv(exercise: Exercise("2020-2021")!)
        #expect(
            csv.hasPrefix("\u{FEFF}identifiant_courriel;expediteur;objet;recu_le;"),
            "a byte order mark for spreadsheets, French headers")
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 3 + 1)
        #expect(lines.contains { $0.contains("'=cmd") })
        #expect(!lines.contains { $0.contains(";=cmd") })
        #expect(lines.contains { $0.contains(";04/10/2021 09:15;") }, "dates in Paris time, French order: \(lines)")
        #expect(
            !lines.dropFirst().contains { $0.contains(";processed;") || $0.contains(";bank_statement;") },
            "no raw codes: \(lines)")
    }
}

/// The streamed export writes exactly what encoding the whole document at once wrote before.
@Suite struct StreamedExportTests {
    /// An OCR'd statement whose movements do not reconcile: its balance line at 31/08 is exported only when it equals
    /// the cooperative's declared expected balance to the cent.
    @Test func anUnvouchedBalanceLineIsExportedOnlyWhenTheDeclarationConfirmsIt() throws {
        let exercise = Exercise("2020-2021")!
        var statement = BankStatement(
            periodStart: CalendarDate(iso: "2021-08-01"), periodEnd: CalendarDate(iso: "2021-08-31"),
            balances: [
                .init(date: CalendarDate(iso: "2021-07-31")!, amount: Money(cents: 100_000), label: "ANCIEN SOLDE"),
                .init(date: CalendarDate(iso: "2021-08-31")!, amount: Money(cents: 129_456), label: "NOUVEAU SOLDE"),
            ],
            movementsReconciled: false)
        for i in statement.balances.indices { statement.balances[i].readByOCR = true }
        let document = DocumentRecord(
            id: 1, message: 1, position: 0, filename: "releve.jpg", sha256: String(repeating: "0", count: 64),
            size: 1, mediaType: "image/jpeg", kind: .bankStatement, cooperative: "075-0123", statement: statement)
        #expect(Exporter.statement(document, exercise: exercise)?.balanceCents == nil)
        #expect(Exporter.statement(document, exercise: exercise, expected: Money(cents: 129_455))?.balanceCents == nil)
        let confirmed = Exporter.statement(document, exercise: exercise, expected: Money(cents: 129_456))
        #expect(confirmed?.balanceCents == 129_456 && confirmed?.balanceSource == "read")
    }

    @Test func streamedJSONIsTheEncodedDocument() throws {
        let t = try TempStore()
        _ = try Ingestor(store: t.store, config: Config()).ingest(paths: [mailFixtures.path])
        let exporter = Exporter(store: t.store, config: Config())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for e in [Exercise("2020-2021")!, Exercise("1999-2000")!] {  // a full season, and an empty one
            let whole = String(decoding: try encoder.encode(exporter.build(exercise: e)), as: UTF8.self)
            var pieces = 0
            var streamed = ""
            try exporter.writeJSON(exercise: e) {
                streamed += $0
                pieces += 1
            }
            #expect(streamed == whole)
            #expect(pieces > 3)
        }
    }

    /// The export indents each element on its bytes; the old way, splitting the text by character, is the oracle:
    /// random texts of JSON's characters, empty lines, lines of spaces, accents and emoji, a final newline or not.
    @Test(arguments: [UInt64(1), 2, 3])
    func elementsAreIndentedAsWhenSplitByCharacter(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let pieces = ["\n", "\n", "{", "}", "[", "]", " ", "  ", "\"é\"", "\\n", "👩‍👩‍👧", ":", ",", "0", "a"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined()
            for first in [true, false] {
                let old =
                    (first ? "\n" : ",\n")
                    + text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
                #expect(Exporter.arrayElement(Data(text.utf8), first: first) == old, "\(text.debugDescription)")
            }
        }
    }
}

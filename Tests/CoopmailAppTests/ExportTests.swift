import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import CoopmailText
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
            var streamed = ""
            try exporter.writeJSON(exercise: e) { streamed += $0 }
            #expect(streamed == whole)
        }
    }

    static let alphabet: [String] = [
        "a", "é", "€", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1B}", "\u{1F}",
        "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{202E}", "😀", "👩‍👩‍👧", "𝄞", "\r\n", "«", "{", "]", ":",
    ]

    static func text(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "" }.joined()
    }

    static func maybe<T>(_ rng: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    static func cents(_ rng: inout SeededGenerator) -> Int64 {
        [0, -1, 1, Int64.max, Int64.min, Int64.random(in: -9_999_999...9_999_999, using: &rng)].randomElement(
            using: &rng) ?? 0
    }

    static func double(_ rng: inout SeededGenerator) -> Double {
        [
            0, 1, 0.87, 0.1 + 0.2, 1e-7, 1e16, 1e21, 5e-324, 123_456_789.125, -0.0, 1.5e300,
            Double.random(in: 0...1, using: &rng), Double(Int.random(in: -1000...1000, using: &rng)),
        ].randomElement(using: &rng) ?? 0
    }

    static func submission(_ rng: inout SeededGenerator) -> ExportDocument.Submission {
        let documents = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
            var d = ExportDocument.Document(
                id: cents(&rng), filename: text(&rng), sha256: text(&rng), mediaType: text(&rng), kind: text(&rng),
                pages: maybe(&rng) { r in (0..<Int.random(in: 0...3, using: &r)).map { $0 } },
                cooperative: maybe(&rng, text),
                statement: maybe(&rng) { r in
                    ExportDocument.Statement(
                        date: maybe(&r, text), balanceCents: maybe(&r, cents), iban: maybe(&r, text),
                        balanceSource: maybe(&r, text))
                })
            d.signatures = maybe(&rng) { r in
                (0..<Int.random(in: 0...3, using: &r)).map { _ in
                    var s = ExportDocument.Signature(SignatureReading(place: .parent, verdict: .signed, measure: 0))
                    s.place = text(&r)
                    s.verdict = text(&r)
                    s.measure = double(&r)
                    return s
                }
            }
            return d
        }
        return ExportDocument.Submission(
            messageID: maybe(&rng, text), from: maybe(&rng, text), subject: maybe(&rng, text), receivedAt: text(&rng),
            cooperative: maybe(&rng, text),
            match: .init(
                confidence: double(&rng), evidence: (0..<Int.random(in: 0...2, using: &rng)).map { _ in text(&rng) }),
            status: text(&rng), quarantineReason: maybe(&rng, text), nature: text(&rng), documents: documents,
            notes: (0..<Int.random(in: 0...2, using: &rng)).map { _ in text(&rng) })
    }

    static func dossier(_ rng: inout SeededGenerator) -> ExportDocument.Dossier {
        let checks = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
            var c = ExportDocument.CheckRow(Check(rule: .crfBalanced, verdict: .pass, detail: ""))
            c.rule = text(&rng)
            c.verdict = text(&rng)
            c.expectedCents = maybe(&rng, cents)
            c.foundCents = maybe(&rng, cents)
            c.differenceCents = maybe(&rng, cents)
            c.detail = text(&rng)
            return c
        }
        return ExportDocument.Dossier(cooperative: text(&rng), status: text(&rng), checks: checks)
    }

    /// The hand-written elements give `JSONEncoder`'s bytes (sorted keys, pretty-printed) on random values with
    /// hostile strings and awkward doubles, at the top level and as an indented element.
    @Test(arguments: [UInt64(1), 2, 3])
    func elementsAreWrittenAsJSONEncoderWritesThem(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func encoded<T: Encodable>(_ value: T) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        for _ in 0..<200 {
            let s = Self.submission(&rng)
            var w = PrettyJSON()
            try s.write(to: &w)
            #expect(w.text == (try encoded(s)))
            let d = Self.dossier(&rng)
            w = PrettyJSON()
            d.writeContractFields(to: &w)
            #expect(w.text == (try encoded(d)))
            // As an element of a top-level array: every line of the encoder's text indented by two levels.
            w = PrettyJSON(level: 2)
            d.writeContractFields(to: &w)
            let indented = try encoded(d).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            #expect("    " + w.text == indented)
        }
    }
}

import CoopmailApp
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// F4/F5: a sender not registered for a cooperative learns nothing about it, and nothing of its own mail is echoed
/// back; the daily limit counts answers; a forged sender earns no match weight; no sender, no answer.
@Suite struct StrangerTests {
    let templates = try! TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)

    /// A registry of `count` cooperatives 075-0101…, all with `email`.
    func registry(_ t: TempStore, count: Int, email: String) throws {
        var csv = "numero;ecole;commune;mandataire;email;iban\n"
        for i in 0..<count { csv += "075-0\(101 + i);École Numéro\(i);Paris;Mandataire\(i);\(email);\n" }
        _ = try RegistryImporter(store: t.store).importCooperatives(csv: csv)
    }

    /// A processed mail from `from` (raw From line), with one document per cooperative of `coops`.
    func processed(_ t: TempStore, from: String, subject: String, coops: [String], extraHeaders: String = "") throws
        -> Int64
    {
        let raw =
            "From: \(from)\r\nTo: ad75@occe.coop\r\nSubject: \(subject)\r\n\(extraHeaders)"
            + "Message-ID: <\(UUID().uuidString)@ailleurs.test>\r\nDate: Mon, 04 Oct 2021 09:15:00 +0200\r\n\r\nbonjour\r\n"
        guard
            case .ingested(let id) = try Ingestor(store: t.store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: "t"))
        else {
            throw SkipError(.noRecipient)
        }
        try t.store.db.write { db in
            for (i, coop) in coops.enumerated() {
                let sha = try t.store.blobs.put(Data("piece \(coop)".utf8))
                var d = DocumentRecord(
                    message: id, position: i + 1, filename: "FICHIER-SECRET-\(coop).pdf", sha256: sha, size: 9,
                    mediaType: "application/pdf", kind: .quitus, cooperative: coop, readStatus: .text)
                try d.insert(db)
            }
            try db.execute(
                sql: "UPDATE message SET status = 'processed', cooperative = ? WHERE id = ?",
                arguments: [coops.count == 1 ? coops[0] : nil, id])
        }
        return id
    }

    func bodies(_ t: TempStore) throws -> [(kind: String, recipients: [String], text: String)] {
        try t.store.db.read { try OutboxRecord.order(Column("id")).fetchAll($0) }.map {
            (
                $0.kind.rawValue, JSON.decode([String].self, $0.recipients) ?? [],
                String(decoding: try t.store.blobs.get($0.rawSha256), as: UTF8.self)
            )
        }
    }

    @Test(arguments: [1, 2, 3]) func aStrangerNamingCooperativesGetsOneGenericAnswerThatEchoesNothing(seed: UInt64)
        throws
    {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        try registry(t, count: 10, email: "marie@ecole.test")
        let named = Array(
            (0..<10).map { "075-0\(101 + $0)" }.shuffled(using: &rng).prefix(Int.random(in: 1...10, using: &rng)))
        let marker = "SUJET\(UInt32.random(in: 1000...9999, using: &rng))"
        let id = try processed(
            t, from: "Curieux <curieux@ailleurs.test>", subject: "documents \(named.joined(separator: " ")) \(marker)",
            coops: named)
        _ = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
        let sent = try bodies(t)
        #expect(sent.count == 1)
        #expect(sent.first?.kind == "sender_unknown" && sent.first?.recipients == ["curieux@ailleurs.test"])
        let text = sent.first?.text ?? ""
        for coop in named { #expect(!text.contains(coop)) }
        for forbidden in [marker, "Numéro", "Num=C3=A9ro", "Mandataire", "FICHIER-SECRET", "Il nous manque", "quitus"] {
            #expect(!text.contains(forbidden), "« \(forbidden) » dans :\n\(text)")
        }
    }

    @Test func oneMailNamingTenCooperativesQueuesAtMostTheDailyLimit() throws {
        let t = try TempStore()
        try registry(t, count: 10, email: "marie@ecole.test")
        let id = try processed(
            t, from: "Marie <marie@ecole.test>", subject: "tout", coops: (0..<10).map { "075-0\(101 + $0)" })
        let results = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
        let sent = try bodies(t)
        #expect(sent.count == 3 && sent.allSatisfy { $0.kind == "acknowledgment" }, "\(sent.map(\.kind)) \(results)")
        #expect(
            results.filter {
                if case .failure(let s) = $0, case .refused = s.skip { return true }
                return false
            }.count == 7)
        // A later mail the same day gets nothing more.
        let next = try processed(t, from: "marie@ecole.test", subject: "encore", coops: ["075-0101"])
        _ = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: next)
        #expect(try bodies(t).count == 3)
    }

    @Test func aMailWithNoParseableSenderGetsNoAnswer() throws {
        let t = try TempStore()
        try registry(t, count: 1, email: "marie@ecole.test")
        for from in ["", "pas une adresse", "<>", "\"Marie\" <marie@>"] {
            let id = try processed(t, from: from, subject: "quitus 075-0101", coops: ["075-0101"])
            let r = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
            #expect(r == [.failure(SkipError(.noRecipient))], "From: \(from)")
        }
        #expect(try bodies(t).isEmpty)
    }

    @Test func aRegisteredSenderStillGetsItsAcknowledgment() throws {
        let t = try TempStore()
        try registry(t, count: 2, email: "marie@ecole.test")
        let id = try processed(t, from: "Marie <Marie@Ecole.test>", subject: "quitus", coops: ["075-0101"])
        _ = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
        let sent = try bodies(t)
        #expect(sent.map(\.kind) == ["acknowledgment"])
        #expect(sent.first?.text.contains("075-0101") == true)
    }

    @Test(arguments: [
        "dmarc=fail (p=reject) header.from=ecole.test", "spf=fail smtp.mailfrom=ecole.test; dkim=none",
        "spf=pass; dmarc = fail header.from=ecole.test",
    ])
    func aSenderThatFailedAuthenticationEarnsNoMatchWeightAndIsFlagged(result: String) async throws {
        let t = try TempStore()
        try registry(t, count: 1, email: "marie@ecole.test")
        let raw =
            "Authentication-Results: mx.occe.coop; \(result)\r\nFrom: Marie <marie@ecole.test>\r\nTo: ad75@occe.coop\r\n"
            + "Subject: documents de la coopérative 101\r\nMessage-ID: <forged@ecole.test>\r\n\r\nbonjour\r\n"
        let honest = raw.replacingOccurrences(of: "Authentication-Results: mx.occe.coop; \(result)\r\n", with: "")
            .replacingOccurrences(of: "<forged@", with: "<honest@")
        let ingestor = Ingestor(store: t.store, config: Config())
        guard case .ingested(let forged) = try ingestor.ingest(.init(content: .bytes(Data(raw.utf8)), source: "t")),
            case .ingested(let real) = try ingestor.ingest(.init(content: .bytes(Data(honest.utf8)), source: "t"))
        else {
            Issue.record("not ingested")
            return
        }
        _ = try await Processor(store: t.store, config: Config()).run()
        let coops = try await t.store.db.read { db in
            try [forged, real].map {
                try String.fetchOne(db, sql: "SELECT cooperative FROM message WHERE id = ?", arguments: [$0])
            }
        }
        #expect(coops[1] == "075-0101")  // the same mail, authenticated, is matched by its sender
        #expect(coops[0] == nil)
        let flagged = try t.store.messagesWithAuthenticationResults().compactMap {
            SenderAuthentication.failure(headersJSON: $0.headers)
        }
        #expect(flagged.count == 1 && flagged[0].contains("non authentifié"))
    }

    @Test func authenticationResultsThatPassOrSoftFailAreNotFlagged() {
        for value in [
            "mx; spf=pass; dkim=pass; dmarc=pass", "mx; spf=softfail", "mx; dmarc=pass (not dmarc=fail)",
            "mx; spf=failed",
        ] {
            #expect(SenderAuthentication.failure(headers: [("Authentication-Results", value)]) == nil, "\(value)")
        }
        #expect(SenderAuthentication.failure(headers: [("authentication-results", "mx; SPF=FAIL")]) != nil)
        #expect(SenderAuthentication.failure(headers: [("X-Other", "dmarc=fail")]) == nil)
    }
}

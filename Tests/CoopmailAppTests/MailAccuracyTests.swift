import CoopmailApp
import CoopmailDomain
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Accuracy of the whole reading chain on mails, by case: each labelled document of Fixtures/documents is sent in a
/// realistic mail (registered sender, forwarded mail, unregistered sender, a mandataire with two cooperatives, scans,
/// phone photos), ingested and processed; every document's kind, cooperative and 31/08 balance is compared with
/// labels.json. Prints a report (`make accuracy`) and holds the targets: 0 wrong cooperative, ≥ 95 % cooperatives
/// found, ≥ 95 % kinds right, ≥ 90 % balances exact to the cent.
@Suite struct MailAccuracyTests {
    static let documents = repoRoot.appendingPathComponent("Fixtures/documents")

    struct Case {
        var name: String
        var from: String
        var subject: String
        var files: [String]
        var forwarded = false
        /// Documents whose mail contradicts them (another coop's mandataire sent them): abstaining is the right answer.
        var conflicting: Set<String> = []
    }

    static let cases: [Case] = [
        Case(
            name: "PDF texte, expéditeur enregistré", from: "claire.martin@ac-paris.fr",
            subject: "Coop 075-0123 documents",
            files: ["quitus-0123.pdf", "releve-2021-08-0123.pdf"]),
        Case(
            name: "relevé de juin (sans le 31/08)", from: "claire.martin@ac-paris.fr", subject: "relevé",
            files: ["releve-2021-06-0123.pdf"]),
        Case(
            name: "photos de téléphone", from: "paul.durand@ac-paris.fr", subject: "photos",
            files: ["photo-quitus-0456.jpg", "scan-releve-2021-09-0456.png"]),
        Case(
            name: "document d'une autre coopérative que l'expéditeur", from: "paul.durand@ac-paris.fr",
            subject: "relevé",
            files: ["photo-releve-2021-08-0123.jpg"], conflicting: ["photo-releve-2021-08-0123.jpg"]),
        Case(
            name: "message transféré", from: "coop.roquette@gmail.com", subject: "TR: relevé septembre",
            files: ["releve-2021-09-0456.pdf", "quitus-0456.pdf"], forwarded: true),
        Case(
            name: "expéditeur inconnu", from: "parent.eleve@gmail.com", subject: "documents de l'école",
            files: ["releve-2021-09-0042.pdf", "lettre-0456.pdf"]),
        Case(
            name: "deux coopératives dans un message", from: "sophie.bernard@ac-paris.fr", subject: "mes deux coops",
            files: ["quitus-0789.pdf", "releve-straddle-0789.pdf", "quitus-0790.pdf", "releve-debiteur-0790.pdf"]),
        Case(
            name: "scans (PDF, rotation, 2 documents en 1)", from: "sophie.bernard@ac-paris.fr", subject: "scans",
            files: ["scan-quitus-releve-0790.pdf", "scan-releve-2021-08-0123-rot180.pdf", "scan-quitus-0123-rot90.jpg"]),
    ]

    static func mail(_ c: Case, index: Int) -> Data {
        let boundary = "b\(index)"
        var parts = ""
        for f in c.files {
            let data = try! Data(contentsOf: documents.appendingPathComponent(f))
            let type = f.hasSuffix(".pdf") ? "application/pdf" : f.hasSuffix(".png") ? "image/png" : "image/jpeg"
            parts +=
                "--\(boundary)\r\nContent-Type: \(type)\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"\(f)\"\r\n\r\n"
                + data.base64EncodedString(options: .lineLength76Characters) + "\r\n"
        }
        let inner =
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n--\(boundary)\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, voici les documents.\r\n" + parts
            + "--\(boundary)--\r\n"
        var head =
            "From: \(c.from)\r\nTo: ad75@occe.coop\r\nSubject: \(c.subject)\r\nMessage-ID: <accuracy-\(index)@test>\r\n"
            + "Date: Mon, 04 Oct 2021 09:15:00 +0200\r\n"
        if c.forwarded {
            let forwarded =
                "From: tresorier@famille.test\r\nSubject: relevé\r\nMessage-ID: <inner-\(index)@test>\r\n" + inner
            head +=
                "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\nContent-Type: text/plain\r\n\r\n"
                + "Je vous transfère le message du trésorier.\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                + forwarded + "\r\n--outer--\r\n"
            return Data(head.utf8)
        }
        return Data((head + inner).utf8)
    }

    struct Label: Decodable {
        var coop: String?
        var kind: String
        var pages: [Int]
        var balance0831Cents: Int64?

        enum CodingKeys: String, CodingKey {
            case coop, kind, pages
            case balance0831Cents = "balance_0831_cents"
        }
    }

    @Test func reportByCase() async throws {
        let t = try TempStore()
        let config = Config()
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: String(contentsOf: Self.documents.appendingPathComponent("registry.csv"), encoding: .utf8))
        let labels =
            try JSONDecoder().decode(
                [String: [String: [Label]]].self,
                from: Data(contentsOf: Self.documents.appendingPathComponent("labels.json"))
                    .replacingLabelsRoot())["files"] ?? [:]
        let ingestor = Ingestor(store: t.store, config: config)
        for (i, c) in Self.cases.enumerated() {
            _ = try ingestor.ingest(.init(content: .bytes(Self.mail(c, index: i)), source: "accuracy"))
        }
        _ = try await Processor(store: t.store, config: config).run()
        let export = try Exporter(store: t.store, config: config).build(exercise: Exercise("2020-2021")!)

        var total = (docs: 0, kinds: 0, coopsExpected: 0, coopsFound: 0, wrong: 0, balances: 0, balancesRight: 0)
        var report = ["== Exactitude par cas (message entier : lecture + rattachement)"]
        for (i, c) in Self.cases.enumerated() {
            guard let s = export.submissions.first(where: { $0.messageID == "<accuracy-\(i)@test>" }) else {
                Issue.record("case \(c.name) not exported")
                continue
            }
            var line = (docs: 0, kinds: 0, found: 0, expected: 0, wrong: 0, balances: 0, right: 0)
            for d in s.documents {
                guard let expected = labels[d.filename]?.first(where: { ($0.pages == (d.pages ?? $0.pages)) }) else {
                    continue
                }
                line.docs += 1
                if d.kind == expected.kind { line.kinds += 1 }
                if let coop = expected.coop, !c.conflicting.contains(d.filename) {
                    line.expected += 1
                    if d.cooperative == coop { line.found += 1 }
                }
                if let got = d.cooperative, got != expected.coop { line.wrong += 1 }
                if expected.kind == "bank_statement" {
                    line.balances += 1
                    if d.statement?.balanceCents == expected.balance0831Cents { line.right += 1 }
                }
            }
            report.append(
                "  \(c.name) : \(line.docs) documents, nature \(line.kinds)/\(line.docs), coopérative \(line.found)/\(line.expected)"
                    + ", erronées \(line.wrong), solde 31/08 \(line.right)/\(line.balances)")
            total.docs += line.docs
            total.kinds += line.kinds
            total.coopsExpected += line.expected
            total.coopsFound += line.found
            total.wrong += line.wrong
            total.balances += line.balances
            total.balancesRight += line.right
        }
        func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "–" : "\(a * 100 / b) %" }
        report.append(
            "  TOTAL : nature \(total.kinds)/\(total.docs) (\(pct(total.kinds, total.docs))), coopérative trouvée "
                + "\(total.coopsFound)/\(total.coopsExpected) (\(pct(total.coopsFound, total.coopsExpected))), rattachements erronés \(total.wrong), "
                + "solde au 31/08 exact \(total.balancesRight)/\(total.balances) (\(pct(total.balancesRight, total.balances)))"
        )
        print(report.joined(separator: "\n"))
        #expect(total.docs >= 17)
        #expect(total.wrong == 0)
        #expect(total.kinds * 100 >= total.docs * 95)
        #expect(total.coopsFound * 100 >= total.coopsExpected * 95)
        #expect(total.balancesRight * 100 >= total.balances * 90)
    }
}

extension Data {
    /// labels.json holds `coops` (objects) beside `files`; keep only `files` for decoding.
    func replacingLabelsRoot() throws -> Data {
        let root = try JSONSerialization.jsonObject(with: self) as? [String: Any] ?? [:]
        return try JSONSerialization.data(withJSONObject: ["files": root["files"] ?? [:]])
    }
}

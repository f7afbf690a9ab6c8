import CoopmailApp
import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// « a écrit, rien de rattaché » against « sans envoi » (#16): the one query of `MailOverview.load` splits the
/// cooperatives without a dossier exactly as a plain scan of every mail and every registered address does, on
/// generated seasons (one seed each).
@Suite struct MailOverviewWritersTests {
    @Test(arguments: [UInt64(21), 22, 23, 24, 25, 26])
    func splitIsThatOfAPlainScan(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        let count = Int.random(in: 6...30, using: &rng)
        let numbers = (1...count).map { String(format: "075-%04d", $0) }
        var emails: [String: [String]] = [:]
        try t.store.db.write { db in
            for n in numbers {
                let list = (0..<Int.random(in: 0...2, using: &rng)).map { "m\(n)-\($0)@ecole.test" }
                emails[n] = list
                let c = Cooperative(
                    number: CooperativeNumber(parsing: n)!, school: "École \(n)", town: "Paris",
                    mandataire: Mandataire(name: "M", emails: list), iban: nil)
                try CooperativeRecord(c, updatedAt: "2021-01-01T00:00:00Z").insert(db)
            }
        }
        struct Sent {
            var from: String?
            var nature: String
            var exercise: String
            var cooperative: String?
            var documentCooperative: String?
        }
        var sent: [Sent] = []
        for i in 0..<Int.random(in: 0...40, using: &rng) {
            let owner = numbers.randomElement(using: &rng)!
            var from = emails[owner]?.randomElement(using: &rng) ?? "inconnu\(i)@ailleurs.test"
            if Bool.random(using: &rng) { from = from.uppercased() }
            let s = Sent(
                from: Int.random(in: 0..<8, using: &rng) == 0 ? nil : from,
                nature: ["documents", "message", "automatic"][Int.random(in: 0..<3, using: &rng)],
                exercise: Int.random(in: 0..<5, using: &rng) == 0 ? "2019-2020" : "2020-2021",
                cooperative: Int.random(in: 0..<4, using: &rng) == 0 ? numbers.randomElement(using: &rng) : nil,
                documentCooperative: Int.random(in: 0..<5, using: &rng) == 0 ? numbers.randomElement(using: &rng) : nil)
            sent.append(s)
            try t.store.db.write { db in
                var m = MessageRecord(
                    key: "<m\(i)@t>", messageId: "<m\(i)@t>", rawSha256: String(repeating: "0", count: 64),
                    rawSize: 1, fromAddress: s.from, fromName: nil, returnPath: nil, subject: "s", sentAt: nil,
                    receivedAt: "2021-09-10T10:00:00Z", inReplyTo: nil, references: nil, headers: "[]", bodyText: "",
                    source: "test", exercise: s.exercise, status: MessageStatus.processed, quarantineReason: nil,
                    cooperative: s.cooperative, createdAt: "2021-09-10T10:00:00Z", nature: s.nature)
                try m.insert(db)
                if let coop = s.documentCooperative {
                    var d = DocumentRecord(
                        message: m.id!, position: 1, filename: "q.pdf", sha256: "\(i)", size: 1,
                        mediaType: "application/pdf", kind: .quitus, readStatus: .read)
                    d.cooperative = coop
                    try d.insert(db)
                }
            }
        }
        // Any subset of the registry stands for the cooperatives without a dossier.
        let withoutDossier = numbers.filter { _ in Bool.random(using: &rng) }.compactMap {
            CooperativeNumber(parsing: $0)
        }
        let o = try MailOverview.load(t.store, exercise: Exercise("2020-2021")!, withoutDossier: withoutDossier)

        // The plain scan: a human mail of the exercise from a registered address, or anything attached.
        let season = sent.filter { $0.exercise == "2020-2021" }
        let senders = Set(season.filter { $0.nature != "automatic" }.compactMap { $0.from?.lowercased() })
        let attached = Set(season.flatMap { [$0.cooperative, $0.documentCooperative].compactMap { $0 } })
        func wrote(_ n: String) -> Bool {
            attached.contains(n) || (emails[n] ?? []).contains(where: senders.contains)
        }
        #expect(o.wroteNothingAttached == withoutDossier.filter { wrote($0.description) }, "seed \(seed)")
        #expect(o.silent == withoutDossier.filter { !wrote($0.description) }, "seed \(seed)")
    }
}

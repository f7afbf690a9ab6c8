import CoopmailApp
import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// `status` and `review` read only the mails they show (#16): with a limit, each kind holds at most that many mails,
/// the newest, the same as the first ones of the whole list, and the counts are those of the whole exercise.
@Suite struct MailOverviewLimitTests {
    @Test(arguments: [UInt64(31), 32, 33, 34, 35])
    func limitedOverviewShowsTheNewestAndCountsAll(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        try t.store.db.write { db in
            for i in 0..<Int.random(in: 20...60, using: &rng) {
                let status = [
                    MessageStatus.processed, MessageStatus.processed, MessageStatus.quarantined, MessageStatus.setAside,
                ][Int.random(in: 0..<4, using: &rng)]
                let day = String(format: "%02d", Int.random(in: 1...28, using: &rng))
                var m = MessageRecord(
                    key: "<m\(i)@t>", messageId: "<m\(i)@t>", rawSha256: String(repeating: "0", count: 64),
                    rawSize: 1, fromAddress: "m\(i)@ecole.test", fromName: nil, returnPath: nil, subject: "s\(i)",
                    sentAt: nil, receivedAt: "2021-09-\(day)T10:00:00Z", inReplyTo: nil, references: nil,
                    headers: "[]", bodyText: "", source: "test",
                    exercise: Int.random(in: 0..<6, using: &rng) == 0 ? "2019-2020" : "2020-2021", status: status,
                    quarantineReason: status == MessageStatus.quarantined ? "trop gros" : nil,
                    cooperative: Int.random(in: 0..<3, using: &rng) == 0 ? "075-0001" : nil,
                    createdAt: "2021-09-\(day)T10:00:00Z",
                    nature: ["documents", "message", "automatic"][Int.random(in: 0..<3, using: &rng)])
                try m.insert(db)
            }
        }
        let exercise = Exercise("2020-2021")!
        let all = try MailOverview.load(t.store, exercise: exercise)
        let lists = [all.unattached, all.quarantined, all.setAside, all.automatic]
        #expect(
            [all.counts.unattached, all.counts.quarantined, all.counts.setAside, all.counts.automatic]
                == lists.map(\.count))
        #expect(lists.map(\.count).reduce(0, +) > 0)
        for limit in [0, 1, 3, 5, 10] {
            let some = try MailOverview.load(t.store, exercise: exercise, limit: limit)
            #expect(some.counts == all.counts, "limite \(limit)")
            let limited = [some.unattached, some.quarantined, some.setAside, some.automatic]
            for (few, every) in zip(limited, lists) {
                #expect(few.count == min(limit, every.count), "limite \(limit)")
                #expect(few == Array(every.prefix(limit)), "limite \(limit)")
            }
        }
    }

    /// The same for the questions waiting and the automatic mails `review` lists.
    @Test(arguments: [UInt64(41), 42, 43])
    func limitedNatureListShowsTheNewestAndCountsAll(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        try t.store.db.write { db in
            for i in 0..<Int.random(in: 20...60, using: &rng) {
                let day = String(format: "%02d", Int.random(in: 1...28, using: &rng))
                var m = MessageRecord(
                    key: "<m\(i)@t>", messageId: "<m\(i)@t>", rawSha256: String(repeating: "0", count: 64),
                    rawSize: 1, fromAddress: "m\(i)@ecole.test", fromName: nil, returnPath: nil, subject: "s\(i)",
                    sentAt: nil, receivedAt: "2021-09-\(day)T10:00:00Z", inReplyTo: nil, references: nil,
                    headers: "[]", bodyText: "Bonjour \(i)", source: "test", exercise: "2020-2021",
                    status: MessageStatus.processed, quarantineReason: nil, cooperative: nil,
                    createdAt: "2021-09-\(day)T10:00:00Z",
                    nature: ["documents", "message", "automatic"][Int.random(in: 0..<3, using: &rng)])
                try m.insert(db)
            }
        }
        let exercise = Exercise("2020-2021")!
        let all = try MailNatureList.load(t.store, exercise: exercise)
        #expect(all.automaticCount == all.automatic.count && all.questionCount == all.questions.count)
        #expect(all.automaticCount > 0 && all.questionCount > 0)
        for limit in [0, 1, 3, 10] {
            let some = try MailNatureList.load(t.store, exercise: exercise, limit: limit)
            #expect(some.automaticCount == all.automaticCount && some.questionCount == all.questionCount)
            #expect(some.automatic.map(\.id) == all.automatic.prefix(limit).map(\.id), "limite \(limit)")
            #expect(some.questions.map(\.id) == all.questions.prefix(limit).map(\.id), "limite \(limit)")
        }
    }
}

import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The review queue filtered, ordered and cut by the database (`queuePage`) gives exactly what filtering and sorting
/// the whole queue in memory gives (the way `coopmail review` worked before), on random seasons.
@Suite struct QueuePageTests {
    /// The in-memory reference: the former `ReviewQueue.filter` and `ReviewQueue.sort`.
    static func reference(_ queue: [DossierSummary], _ q: QueueQuery) -> [DossierSummary] {
        let shown = queue.filter { s in
            if !q.statuses.isEmpty {
                guard q.statuses.contains(s.status) else { return false }
            } else if !q.includeDecided && (s.status == .validated || s.status == .rejected) {
                return false
            }
            if let days = q.olderThan { guard let age = s.ageDays(now: q.now), age > days else { return false } }
            if q.problemsOnly && !s.hasProblems { return false }
            return true
        }
        let rank = Dictionary(uniqueKeysWithValues: DossierStatus.allCases.enumerated().map { ($1, $0) })
        func oldestFirst(_ a: DossierSummary, _ b: DossierSummary) -> Bool {
            let la = a.lastSubmissionAt ?? "9999"
            let lb = b.lastSubmissionAt ?? "9999"
            return la != lb ? la < lb : a.key.cooperative < b.key.cooperative
        }
        let sorted: [DossierSummary]
        switch q.order {
        case .age: sorted = shown.sorted(by: oldestFirst)
        case .cooperative: sorted = shown.sorted { $0.key.cooperative < $1.key.cooperative }
        case .status:
            sorted = shown.sorted {
                rank[$0.status] != rank[$1.status] ? rank[$0.status]! < rank[$1.status]! : oldestFirst($0, $1)
            }
        }
        return q.limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func databasePageMatchesTheInMemoryQueue(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let f = try Fixture()
        let now = Date(timeIntervalSince1970: 1_634_000_000.5)
        let checks = [Check(rule: .bankStatementMatches, verdict: .fail, detail: "écart")]
        let unchecked = [Check(rule: .bankStatementMatches, verdict: .unknown, detail: "illisible")]
        let count = Int.random(in: 20...60, using: &rng)
        try f.store.db.write { db in
            for i in 0..<count {
                let c = CooperativeNumber(department: Int.random(in: 1...99, using: &rng), number: i)!.description
                let status = DossierStatus.allCases.randomElement(using: &rng)!
                // Ages on and around whole days, so that the « plus vieux que » boundary is exercised.
                let seconds =
                    Double(Int.random(in: 0...12, using: &rng)) * 86_400 + [0, 1, -1, 3_600].randomElement(using: &rng)!
                let last: String? =
                    Int.random(in: 0..<8, using: &rng) == 0
                    ? nil
                    : Timestamp.iso(Date(timeIntervalSince1970: (now.timeIntervalSince1970 - seconds).rounded(.down)))
                let failed = Bool.random(using: &rng) ? checks : []
                var r = DossierRecord(
                    cooperative: c, exercise: exercise.description, status: status,
                    automaticStatus: status,
                    checks: failed, failedChecks: failed, failedCount: failed.count,
                    documents: [], documentCount: 1, submissionCount: 1, lastSubmissionAt: last,
                    matchConfidence: 0.9, updatedAt: Timestamp.iso(now))
                if Int.random(in: 0..<4, using: &rng) == 0 { r.uncheckedChecks = unchecked }
                try r.insert(db)
            }
        }
        let queue = try f.service.queue(exercise: exercise)
        #expect(queue.count == count)
        for _ in 0..<60 {
            let statuses = Set(DossierStatus.allCases.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 })
            let q = QueueQuery(
                statuses: statuses, olderThan: Bool.random(using: &rng) ? Int.random(in: -1...10, using: &rng) : nil,
                problemsOnly: Bool.random(using: &rng), includeDecided: Bool.random(using: &rng),
                order: [QueueQuery.Order.age, .cooperative, .status].randomElement(using: &rng)!,
                limit: Bool.random(using: &rng) ? Int.random(in: 1...10, using: &rng) : nil, now: now)
            let page = try f.service.queuePage(exercise: exercise, query: q)
            let expected = Self.reference(queue, q)
            #expect(page.lines.map(\.key.cooperative) == expected.map(\.key.cooperative), "seed \(seed) \(q)")
            var all = q
            all.limit = nil
            #expect(page.matching == Self.reference(queue, all).count, "seed \(seed)")
            #expect(page.total == count)
            #expect(page.decided == queue.filter { $0.status == .validated || $0.status == .rejected }.count)
        }
    }
}

import CoopmailApp
import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// The season chart of `status` (#15): weekly counts made by grouped SQL, checked against a plain count of generated
/// seasons (one seed each).
@Suite struct SeasonChartTests {
    struct Oracle {
        var weeks: [Int: [Int]] = [:]  // week → received, complete, validated, rejected, reminders
        mutating func add(_ week: Int, _ series: Int, _ n: Int = 1) {
            weeks[week, default: [0, 0, 0, 0, 0]][series] += n
        }
    }

    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func weeklyCountsAreThoseOfAPlainCount(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let t = try TempStore()
        let start = try #require(Timestamp.parse("2021-09-01T00:00:00Z"))
        func at(_ day: Int) -> String {
            Timestamp.iso(
                start.addingTimeInterval(
                    Double(day) * 86_400 + Double(Int.random(in: 0..<23, using: &rng)) * 3_600
                        + Double(Int.random(in: 0..<3_600, using: &rng))))
        }
        var oracle = Oracle()
        var serial = 0
        func mail(_ coop: String?, day: Int, nature: String, exercise: String = "2020-2021", kinds: [String] = [])
            throws
        {
            serial += 1
            let received = at(day)
            try t.store.db.write { db in
                var m = MessageRecord(
                    key: "<m\(serial)@t>", messageId: "<m\(serial)@t>", rawSha256: String(repeating: "0", count: 64),
                    rawSize: 1, fromAddress: "x@ecole.test", fromName: nil, returnPath: nil, subject: "s",
                    sentAt: nil, receivedAt: received, inReplyTo: nil, references: nil, headers: "[]", bodyText: "",
                    source: "test", exercise: exercise, status: MessageStatus.processed, quarantineReason: nil,
                    cooperative: coop, createdAt: received, nature: nature)
                try m.insert(db)
                for (i, kind) in kinds.enumerated() {
                    var d = DocumentRecord(
                        message: m.id!, position: i + 1, filename: "\(kind).pdf", sha256: "\(serial)-\(i)", size: 1,
                        mediaType: "application/pdf", kind: DocumentKind(rawValue: kind) ?? .other, readStatus: .read)
                    d.cooperative = coop
                    try d.insert(db)
                }
            }
        }
        let coops = (1...Int.random(in: 4...18, using: &rng)).map { String(format: "075-%04d", $0) }
        for coop in coops {
            var firstQuitus: Int?
            var firstStatement: Int?
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let day = Int.random(in: 0...300, using: &rng)
                let kinds = [["quitus"], ["bank_statement"], ["quitus", "bank_statement"], [], ["other"]][
                    Int.random(in: 0..<5, using: &rng)]
                try mail(coop, day: day, nature: kinds.isEmpty ? "message" : "documents", kinds: kinds)
                oracle.add(day / 7, 0)
                if kinds.contains("quitus") { firstQuitus = min(firstQuitus ?? day, day) }
                if kinds.contains("bank_statement") { firstStatement = min(firstStatement ?? day, day) }
            }
            if let q = firstQuitus, let s = firstStatement { oracle.add(max(q, s) / 7, 1) }
            // Decisions: a dossier validated twice in one week counts once that week.
            var decided: Set<String> = []
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let day = Int.random(in: 0...300, using: &rng)
                let approve = Bool.random(using: &rng)
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    try t.store.db.write { db in
                        var r = DecisionRecord(
                            cooperative: coop, exercise: "2020-2021", action: approve ? .approve : .reject,
                            actor: "t", createdAt: at(day))
                        try r.insert(db)
                    }
                }
                if decided.insert("\(approve) \(day / 7)").inserted { oracle.add(day / 7, approve ? 2 : 3) }
            }
            for r in 0..<Int.random(in: 0...2, using: &rng) {
                let day = Int.random(in: 0...300, using: &rng)
                let state = [OutboxState.sent, OutboxState.queued, OutboxState.cancelled][
                    Int.random(in: 0..<3, using: &rng)]
                let kind: OutcomeKind = Bool.random(using: &rng) ? .reminderNothingReceived : .acknowledgment
                try t.store.db.write { db in
                    var row = OutboxRecord(
                        dedupeKey: "\(coop)-\(r)-\(day)", kind: kind, cooperative: coop, exercise: "2020-2021",
                        message: nil, envelopeFrom: "a@t", recipients: "[]", subject: "s", rawSha256: "0",
                        messageId: "<o-\(coop)-\(r)@t>", state: state, nextAttemptAt: at(day), createdAt: at(day))
                    if state == OutboxState.sent { row.sentAt = at(day) }
                    try row.insert(db)
                }
                if state == OutboxState.sent && kind.rawValue.hasPrefix("reminder") { oracle.add(day / 7, 4) }
            }
        }
        // Never counted: automatic mails, and mails of another exercise.
        try mail(nil, day: 3, nature: "automatic")
        try mail(coops[0], day: 3, nature: "message", exercise: "2019-2020")
        try mail(coops[0], day: 0, nature: "message")  // so that the season is 2021-2022 whatever the draw
        oracle.add(0, 0)

        let todayOffset = Int.random(in: 20...400, using: &rng)
        let today = try #require(
            CalendarDate(parisDayOf: start.addingTimeInterval(Double(todayOffset) * 86_400 + 43_200)))
        var config = Config()
        config.submissionDeadline = CalendarDate(year: 2021, month: 10, day: 31)
        config.reminderDates = [CalendarDate(year: 2021, month: 10, day: 15)!]
        let chart = try SeasonChart.load(t.store, config: config, exercise: Exercise("2020-2021")!, today: today)
        #expect(chart.start == "2021-09-01" && chart.end == "2022-08-31")
        let shown = min(todayOffset, 364) / 7 + 1
        #expect(chart.weeks.count == shown)
        for (i, w) in chart.weeks.enumerated() {
            let want = oracle.weeks[i] ?? [0, 0, 0, 0, 0]
            #expect(
                [w.received, w.complete, w.validated, w.rejected, w.remindersSent] == want, "week \(i) (seed \(seed))")
            #expect(w.start == CalendarDate(parisDayOf: start.addingTimeInterval(Double(7 * i) * 86_400 + 43_200))?.iso)
        }
        let outside = oracle.weeks.filter { $0.key >= shown }.values.reduce(0) { $0 + $1.reduce(0, +) }
        #expect(chart.outside == outside)
        #expect(chart.deadlines.map(\.date) == ["2021-10-15", "2021-10-31"])
        #expect(chart.deadlines.map(\.week) == [6, 8])
        // The CSV: BOM, `;`, French headers, one line per week shown.
        let csv = chart.csv()
        #expect(
            csv.hasPrefix(
                "\u{FEFF}Semaine du;Au;Courriels reçus;Dossiers complets;Validés;Rejetés;Relances envoyées\r\n"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == shown + 1)
        #expect(csv.contains("\r\n01/09/2021;07/09/2021;"))
    }
}

import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

/// The outbox's named requests (what the notifier, the pipeline, the reminders and staff ask of it) give the same
/// rows as a plain filter over random outboxes.
@Suite struct OutboxRequestTests {
    static let states = [
        OutboxState.queued, OutboxState.retry, OutboxState.committing, OutboxState.sent, OutboxState.failed,
        OutboxState.uncertain, OutboxState.refused, OutboxState.cancelled,
    ]
    static let kinds: [OutcomeKind] = [.acknowledgment, .validated, .reminderNothingReceived, .reminderIncomplete]

    @Test(arguments: [21, 22, 23] as [UInt64])
    func requestsAgreeWithAPlainFilter(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        var rows: [OutboxRecord] = []
        for i in 0..<50 {
            let at = String(
                format: "2021-10-%02dT%02d:00:00Z", Int.random(in: 1...4, using: &rng),
                Int.random(in: 0...23, using: &rng))
            var r = OutboxRecord(
                dedupeKey: "k\(i)", kind: Self.kinds.randomElement(using: &rng)!,
                cooperative: Bool.random(using: &rng)
                    ? String(format: "075-%04d", Int.random(in: 1...6, using: &rng)) : nil,
                exercise: ["2020-2021", "2021-2022"].randomElement(using: &rng)!, message: nil,
                envelopeFrom: "coopmail@ad75.test", recipients: "[\"m@ecole.test\"]", subject: "s", rawSha256: "0",
                messageId: "<\(i)@t>", state: Self.states.randomElement(using: &rng)!, nextAttemptAt: at, createdAt: at)
            #expect(try store.queueAnswer(&r))
            rows.append(r)
            // The same key again is never queued twice.
            var again = r
            again.id = nil
            #expect(try !store.queueAnswer(&again))
        }
        #expect(
            try store.answersNeedingStaff().map(\.id)
                == rows.filter { [OutboxState.failed, OutboxState.uncertain].contains($0.state) }.map(\.id))
        let pending = rows.filter {
            [OutboxState.queued, OutboxState.retry, OutboxState.committing].contains($0.state)
        }
        #expect(try store.pendingAnswerCount() == pending.count)
        for now in ["2021-10-01T12:00:00Z", "2021-10-03T00:00:00Z", "2021-10-05T00:00:00Z"] {
            let due = rows.filter {
                [OutboxState.queued, OutboxState.retry].contains($0.state) && $0.nextAttemptAt <= now
            }
            #expect(try store.dueAnswers(at: now).map(\.id) == due.map(\.id), "\(now)")
            for exercise in ["2020-2021", "2021-2022"] {
                let reminded = Set(
                    rows.filter {
                        $0.exercise == exercise && $0.kind.rawValue.hasPrefix("reminder_") && $0.createdAt >= now
                            && $0.state != OutboxState.cancelled
                    }.compactMap(\.cooperative))
                #expect(try Set(store.remindedCooperatives(exercise: exercise, since: now)) == reminded)
            }
        }
        for coop in (1...6).map({ String(format: "075-%04d", $0) }) {
            #expect(
                try store.answers(cooperative: coop, exercise: "2020-2021").map(\.id)
                    == rows.filter { $0.cooperative == coop && $0.exercise == "2020-2021" }.map(\.id))
        }
        // A send interrupted at the last byte becomes uncertain, with the reason.
        let committing = rows.filter { $0.state == OutboxState.committing }.count
        #expect(try store.markInterruptedSends(reason: "interrompu") == committing)
        #expect(try store.answersNeedingStaff().filter { $0.lastError == "interrompu" }.count == committing)
    }
}

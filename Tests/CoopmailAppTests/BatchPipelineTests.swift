import CoopmailTestSupport
import Testing

@testable import CoopmailApp

/// The poller's three batches in flight, on fake stages that record the order of events.
@Suite("Batch pipeline (IMAP batches in flight)")
struct BatchPipelineTests {
    enum Step: String, CaseIterable { case send, read, prepare, commit, committed, finish }
    struct Event: Equatable, CustomStringConvertible {
        var step: String
        var index: Int
        var description: String { "\(step) \(index)" }
    }
    struct Injected: Error, Equatable {
        var step: Step
        var index: Int
    }

    final class FakeStages: BatchStages {
        var events: [Event] = []
        let failure: Injected?
        init(failure: Injected? = nil) { self.failure = failure }

        private func record(_ step: Step, _ index: Int) throws {
            if let failure, failure.step == step, failure.index == index { throw failure }
            events.append(Event(step: step.rawValue, index: index))
        }
        func startFetch(_ index: Int) throws { try record(.send, index) }
        func finishFetch(_ index: Int) throws -> Int {
            try record(.read, index)
            return index
        }
        func startPreparing(_ index: Int, _ received: Int) -> Int {
            events.append(Event(step: Step.prepare.rawValue, index: index))
            return received
        }
        func startCommitting(_ index: Int, _ preparing: Int) throws -> Int {
            try record(.commit, index)
            return preparing
        }
        func finishCommitting(_ index: Int, _ committing: Int) throws { try record(.committed, index) }
        func abandon(_ committing: Int) { events.append(Event(step: "abandon", index: committing)) }
        func finish(_ index: Int, _ received: Int) throws { try record(.finish, index) }
    }

    /// The order the pipeline promises, written out for `count` batches.
    static func expected(count: Int) -> [Event] {
        guard count > 0 else { return [] }
        var events: [Event] = []
        func receive(_ i: Int) {
            events.append(Event(step: "read", index: i))
            if i + 1 < count { events.append(Event(step: "send", index: i + 1)) }
            events.append(Event(step: "prepare", index: i))
        }
        events.append(Event(step: "send", index: 0))
        receive(0)
        for k in 0..<count {
            events.append(Event(step: "commit", index: k))
            if k + 1 < count { receive(k + 1) }
            events.append(Event(step: "committed", index: k))
            events.append(Event(step: "finish", index: k))
        }
        return events
    }

    @Test("Without failures: each batch's steps in order, the next batch read while this one commits", arguments: 0...7)
    func order(count: Int) throws {
        let stages = FakeStages()
        try BatchPipeline(stages: stages, count: count).run()
        #expect(stages.events == Self.expected(count: count))
        #expect(stages.events.filter { $0.step == "finish" }.map(\.index) == Array(0..<count))
    }

    @Test("Never more than three batches between their fetch and their finish", arguments: 1...7)
    func inFlight(count: Int) throws {
        let stages = FakeStages()
        try BatchPipeline(stages: stages, count: count).run()
        var alive = Set<Int>()
        var most = 0
        for e in stages.events {
            if e.step == "send" { alive.insert(e.index) }
            if e.step == "finish" { alive.remove(e.index) }
            most = max(most, alive.count)
        }
        #expect(most == min(count, 3))
        #expect(alive.isEmpty)
    }

    @Test(
        "A failure anywhere: nothing is finished unless committed, a started commit is waited for, the error is rethrown",
        arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func failures(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            let count = Int.random(in: 1...6, using: &rng)
            let steps: [Step] = [.send, .read, .commit, .committed, .finish]
            let failure = Injected(
                step: steps[Int.random(in: 0..<steps.count, using: &rng)],
                index: Int.random(in: 0..<count, using: &rng))
            let stages = FakeStages(failure: failure)
            #expect(throws: failure) { try BatchPipeline(stages: stages, count: count).run() }
            let events = stages.events
            let position = { (step: String, index: Int) in events.firstIndex(of: Event(step: step, index: index)) }
            for e in events where e.step == "finish" {
                let committed = position("committed", e.index)
                let commit = position("commit", e.index)
                let read = position("read", e.index)
                let send = position("send", e.index)
                #expect(send != nil && read != nil && commit != nil && committed != nil)
                if let send, let read, let commit, let committed, let finish = position("finish", e.index) {
                    #expect(send < read && read < commit && commit < committed && committed < finish, "\(events)")
                }
            }
            #expect(!events.contains(Event(step: "finish", index: failure.index)), "\(events)")
            #expect(events.filter { $0.step == "finish" }.allSatisfy { $0.index < failure.index }, "\(events)")
            // A commit started and left unfinished is waited for (abandoned) exactly when reading the next batch failed.
            let abandoned = events.filter { $0.step == "abandon" }.map(\.index)
            let readingNextFailed =
                (failure.step == .read || failure.step == .send) && failure.index >= 1
                && events.contains(
                    Event(step: "commit", index: failure.step == .read ? failure.index - 1 : failure.index - 2))
            #expect(abandoned.count == (readingNextFailed ? 1 : 0), "\(failure) \(events)")
            if let last = events.last, last.step == "abandon" { #expect(last.index < failure.index) }
        }
    }
}

import CoopmailDomain
import CoopmailTestSupport
import CoopmailText
import Foundation
import Testing

@testable import CoopmailApp

/// `review --json` is written by hand and streamed: the same bytes as `JSONEncoder` gave for the whole queue (pretty,
/// sorted keys, snake_case keys, nil fields left out), on random queues with hostile strings.
@Suite struct ReviewQueueJSONTests {
    typealias G = StreamedExportTests

    static func line(_ rng: inout SeededGenerator) -> ReviewQueueJSON.QueueLine {
        func checks(_ r: inout SeededGenerator) -> [ExportDocument.CheckRow] {
            (0..<Int.random(in: 0...2, using: &r)).map { _ in
                var c = ExportDocument.CheckRow(Check(rule: .statementDate, verdict: .fail, detail: ""))
                c.detail = G.text(&r)
                c.expectedCents = G.maybe(&r, G.cents)
                c.differenceCents = G.maybe(&r, G.cents)
                return c
            }
        }
        return ReviewQueueJSON.QueueLine(
            cooperative: G.text(&rng), school: G.maybe(&rng, G.text), exercise: G.text(&rng), status: G.text(&rng),
            statusLabel: G.text(&rng), automaticStatus: G.text(&rng),
            ageDays: G.maybe(&rng) { r in Int.random(in: 0...400, using: &r) }, lastSubmissionAt: G.maybe(&rng, G.text),
            matchConfidence: G.maybe(&rng, G.double), documents: Int.random(in: 0...9, using: &rng),
            submissions: Int.random(in: 0...9, using: &rng), failedChecks: checks(&rng), uncheckedChecks: checks(&rng))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func streamedQueueIsTheEncodedQueue(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        for size in [0, 1, 2, 30, 400] {
            let lines = (0..<size).map { _ in Self.line(&rng) }
            let mails = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                ReviewQueueJSON.AutomaticMail(
                    message: G.cents(&rng), receivedAt: G.text(&rng), from: G.maybe(&rng, G.text),
                    subject: G.maybe(&rng, G.text), reason: G.text(&rng))
            }
            let total = Int.random(in: 0...100_000, using: &rng)
            let questions = Int.random(in: 0...50, using: &rng)
            let queue = ReviewQueueJSON.Queue(
                exercise: G.text(&rng), total: total, dossiers: lines, questionsWaiting: questions,
                automaticMails: mails)
            var streamed = ""
            var pieces = 0
            try ReviewQueueJSON.write(
                exercise: queue.exercise, automaticMails: mails, questionsWaiting: questions,
                lines: { body in
                    for l in lines { try body(l) }
                    return total
                },
                to: {
                    streamed += $0
                    pieces += 1
                })
            #expect(streamed == String(decoding: try encoder.encode(queue), as: UTF8.self))
            // A large queue goes out in several pieces (about 64 KiB each), a small one in one.
            #expect(size == 400 ? pieces > 1 : pieces == 1)
        }
    }
}

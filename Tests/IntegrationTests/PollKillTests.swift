import CoopmailTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `coopmail poll` SIGKILLed at random moments never loses a mail, never stores one twice, and never moves
/// a mail on the server before it is stored. Not timed: each kill waits for a random amount of progress (a number
/// of mails committed by this run), then a few random milliseconds, so kills land inside the work whatever the
/// machine's speed — often just after a batch's commit, before its move.
/// COOPMAIL_KILL_SEED and COOPMAIL_KILL_ROUNDS change the defaults (75, 24).
@Suite("Relève IMAP : arrêts brutaux")
struct PollKillTests {
    @Test func killedPollsLoseNothingAndDuplicateNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["COOPMAIL_KILL_SEED"].flatMap { UInt64($0) } ?? 75
        let rounds = environment["COOPMAIL_KILL_ROUNDS"].flatMap { Int($0) } ?? 24
        var random = SeededGenerator(seed: seed)

        let s = try PollSandbox("kill")
        defer { s.cleanUp() }
        // Batches of 20: a run crosses several overlapping batches (fetch k+1 while k is committed and moved).
        try s.writeConfig(batchMessages: 20)
        let ids = try s.drop(200, attachment: true)
        try #require(try s.count(s.box) == 200)

        var interrupted = 0
        var storedNotMoved = 0
        var progress: [Int] = []
        for round in 1...rounds {
            let storedBefore = try s.storedCount()
            guard storedBefore < 200 else { break }
            // Kill once this run has committed at least `target` mails (or has ended by itself).
            let target = storedBefore + Int.random(in: 1...max(1, min(30, 200 - storedBefore - 1)), using: &random)
            let run = try CoopmailBinary.Running([
                CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir,
            ])
            while run.process.isRunning, try s.storedCount() < target { Thread.sleep(forTimeInterval: 0.005) }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.05, using: &random))
            if run.kill() { interrupted += 1 }
            let result = run.wait()
            if !result.killed { #expect(result.status == 0, "tour \(round) : \(result.stdout) \(result.stderr)") }

            // Everything on the server's processed side is already in the store, once.
            let stored = try s.storedKeys()
            #expect(Set(stored).count == stored.count, "tour \(round) : doublon dans le stockage")
            let moved = try s.contents(of: s.processed).map(\.id)
            let movedNotStored = Set(moved).subtracting(stored)
            #expect(
                movedNotStored.isEmpty, "tour \(round) : déplacés avant d'être enregistrés : \(movedNotStored.sorted())"
            )
            #expect(Set(stored).isSubset(of: Set(ids)))
            if stored.count > moved.count { storedNotMoved += 1 }
            progress.append(stored.count)
        }
        print(
            "arrêts brutaux : graine \(seed), \(progress.count) tours, \(interrupted) processus tués en cours de route, "
                + "\(storedNotMoved) fois tués entre l'enregistrement et le déplacement ; messages enregistrés après chaque tour : \(progress)"
        )

        let last = try CoopmailBinary.run([
            CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir,
        ])
        #expect(last.status == 0, "\(last.stdout) \(last.stderr)")
        let stored = try s.storedKeys()
        #expect(stored.count == 200)
        #expect(stored == ids.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())
        // Documents too: each mail's attachment is stored once, never twice after a refetch.
        let documents = try s.documentCounts()
        #expect(
            documents.count == 200 && documents.values.allSatisfy { $0 == 1 }, "\(documents.filter { $0.value != 1 })")
        #expect(interrupted > 1, "les arrêts doivent tomber pendant le travail")
        #expect(progress.count > 1, "plusieurs tours ont eu du travail")
    }

    /// A kill exactly between a batch's commit and its move (the poll is held there by fault injection): the mails
    /// are stored but still in the INBOX; the next run recognises them, stores nothing twice and moves them.
    @Test func killedBetweenCommitAndMoveIsMovedOnceByTheNextRun() throws {
        let s = try PollSandbox("entre")
        defer { s.cleanUp() }
        try s.writeConfig(batchMessages: 5)
        let ids = try s.drop(12, attachment: true)
        let marker = s.root.appendingPathComponent("pause-avant-deplacement").path
        let run = try CoopmailBinary.Running(
            [CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir],
            environment: ["COOPMAIL_FAULT_PAUSE_BEFORE_MOVE": marker])
        var waited = 0
        while !FileManager.default.fileExists(atPath: marker), waited < 600 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }
        try #require(FileManager.default.fileExists(atPath: marker), "the poll never reached its first move")
        #expect(run.kill(), "killed while held between commit and move")
        #expect(run.wait().killed)

        let stored = try s.storedKeys()
        #expect(stored.count == 5, "the first batch is committed: \(stored)")
        #expect(try s.count(s.processed) == 0, "nothing moved before the kill")
        #expect(try s.count(s.box) == 12)

        let next = try CoopmailBinary.run([
            CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir,
        ])
        #expect(next.status == 0, "\(next.stdout) \(next.stderr)")
        #expect(try s.storedKeys() == ids.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())
        #expect(try s.documentCounts().values.allSatisfy { $0 == 1 })
    }
}

import Foundation
import CoopmailTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif


/// `coopmail poll` SIGKILLed at random moments never loses a mail, never stores one twice, and never moves
/// a mail on the server before it is stored. Not timed: delays only spread the kills over a run.
/// COOPMAIL_KILL_SEED, COOPMAIL_KILL_ROUNDS and COOPMAIL_KILL_MAX_DELAY (seconds) change the defaults (75, 24, and a delay calibrated on this machine).
@Suite("Relève IMAP : arrêts brutaux")
struct PollKillTests {
    @Test func killedPollsLoseNothingAndDuplicateNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["COOPMAIL_KILL_SEED"].flatMap { UInt64($0) } ?? 75
        let rounds = environment["COOPMAIL_KILL_ROUNDS"].flatMap { Int($0) } ?? 24
        let fixedDelay = environment["COOPMAIL_KILL_MAX_DELAY"].flatMap { Double($0) }
        var maxDelay = try fixedDelay ?? Self.calibratedMaxDelay()
        let firstMaxDelay = maxDelay
        var random = SeededGenerator(seed: seed)

        let s = try PollSandbox("kill")
        defer { s.cleanUp() }
        let ids = try s.drop(200)
        try #require(try s.count(s.box) == 200)

        var interrupted = 0
        var storedNotMoved = 0
        var progress: [Int] = []
        for round in 1...rounds {
            let delay = Double.random(in: 0...maxDelay, using: &random)
            let movedBefore = progress.last ?? 0
            let run = try CoopmailBinary.Running([CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir])
            Thread.sleep(forTimeInterval: delay)
            if run.kill() { interrupted += 1 }
            let result = run.wait()
            if !result.killed { #expect(result.status == 0, "tour \(round) : \(result.stdout) \(result.stderr)") }

            // Everything on the server's processed side is already in the store, once.
            let stored = try s.storedKeys()
            #expect(Set(stored).count == stored.count, "tour \(round) : doublon dans le stockage")
            let moved = try s.contents(of: s.processed).map(\.id)
            let movedNotStored = Set(moved).subtracting(stored)
            #expect(movedNotStored.isEmpty, "tour \(round) (\(delay) s) : déplacés avant d'être enregistrés : \(movedNotStored.sorted())")
            #expect(Set(stored).isSubset(of: Set(ids)))
            if stored.count > moved.count { storedNotMoved += 1 }
            progress.append(moved.count)
            // Keep the kills inside runs that still have work: about 200 / rounds mails per round on average
            // (a shared machine's speed drifts from the calibration). Only the delays adapt; nothing is timed.
            if fixedDelay == nil, moved.count < 200 {
                let step = moved.count - movedBefore
                if step > 2 * 200 / rounds || !result.killed { maxDelay *= 0.7 }
                else if step == 0 { maxDelay *= 1.15 }
            }
        }
        print("arrêts brutaux : graine \(seed), \(rounds) tours, délais entre 0 et \(String(format: "%.2f", firstMaxDelay)) s au départ, "
              + "\(interrupted) processus tués en cours de route, \(storedNotMoved) fois tués entre l'enregistrement et le déplacement ; "
              + "messages traités après chaque tour : \(progress)")

        let last = try CoopmailBinary.run([CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir])
        #expect(last.status == 0, "\(last.stdout) \(last.stderr)")
        let stored = try s.storedKeys()
        #expect(stored.count == 200)
        #expect(stored == ids.sorted())
        #expect(try s.count(s.box) == 0)
        #expect(try s.contents(of: s.processed).map(\.id).sorted() == ids.sorted())
        #expect(interrupted > 0, "aucun processus n'a été tué en cours de route : augmenter COOPMAIL_KILL_MAX_DELAY ?")
    }

    /// Delays that spread kills over startup, listing and a couple of batch cycles (fetch, store, move, last UID):
    /// an idle poll's duration plus the time of 1.5 batches of 20, measured on a 40-mail mailbox of its own.
    static func calibratedMaxDelay() throws -> Double {
        let s = try PollSandbox("kill-etalon")
        defer { s.cleanUp() }
        _ = try s.drop(40)
        let arguments = [CoopmailBinary.path, "poll", "--config", s.configPath, "--data-dir", s.dataDir]
        var start = Date()
        _ = try CoopmailBinary.run(arguments)
        let full = Date().timeIntervalSince(start)
        start = Date()
        _ = try CoopmailBinary.run(arguments)
        let idle = Date().timeIntervalSince(start)
        let perMessage = max(0.001, (full - idle) / 40)
        return idle + 1.5 * 20 * perMessage
    }
}

import Foundation
import Testing

/// A short seeded campaign of the whole-pipeline fuzzer (`make fuzz` runs 20,000 mails): mutated mails through
/// ingest, reading, matching, the ledger, acknowledgment and export, in a child process so that a crash is a
/// failure that names the mail, not the end of the test run.
@Suite struct PipelineFuzzTests {
    @Test func mutatedMailsNeverCrashThePipeline() throws {
        let binary = repoRoot.appendingPathComponent(".build/debug/coopmail-fuzz")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path), "swift build --build-tests builds coopmail-fuzz")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let seed = ProcessInfo.processInfo.environment["COOPMAIL_FUZZ_SEED"] ?? "20211"
        let count = ProcessInfo.processInfo.environment["COOPMAIL_FUZZ_COUNT"] ?? "300"
        let p = Process()
        p.executableURL = binary
        p.arguments = [
            "--seed", seed, "--start", "0", "--count", count, "--out", out.path, "--repository", repoRoot.path,
        ]
        let stdout = Pipe()
        let stderr = Pipe()
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let err = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            err.data = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let text = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        p.waitUntilExit()
        let errText = String(decoding: err.data, as: UTF8.self)
        let at =
            (try? String(contentsOf: out.appendingPathComponent("current.index"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        #expect(
            p.terminationReason == .exit,
            "the pipeline crashed on mutated mail \(at) (seed \(seed)): replay with coopmail-fuzz --seed \(seed) --start \(at) --count 1\n\(errText.suffix(3000))"
        )
        #expect(p.terminationStatus == 0, "\(text)\n\(errText.suffix(3000))")
        #expect(text.contains("fuzz : \(count) courriels, 0 erreur"), "\(text)")
    }
}

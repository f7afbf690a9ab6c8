import Foundation
import Testing

@testable import CoopmailReading

/// F7: the tools and OCR workers that read hostile files see an allow-listed environment, never coopmail's secrets.
@Suite(.serialized) struct ChildEnvironmentTests {
    /// Runs `body` with `names` set in coopmail's own environment, then puts them back as they were.
    func withSecrets(_ names: [String], _ body: () async throws -> Void) async rethrows {
        let before = names.map { getenv($0).map { String(cString: $0) } }
        for n in names { setenv(n, "secret-\(n)", 1) }
        defer { for (n, v) in zip(names, before) { if let v { setenv(n, v, 1) } else { unsetenv(n) } } }
        try await body()
    }

    // Names other tests never read: every test target runs in one process, which shares this environment.
    static let secrets = [
        "COOPMAIL_IMAP_PASSWORD", "COOPMAIL_SMTP_PASSWORD", "COOPMAIL_TEST_SECRET_\(UUID().uuidString.prefix(8))",
    ]

    @Test func aToolSeesOnlyTheAllowListedVariables() async throws {
        try await withSecrets(Self.secrets) {
            let output = await ToolRunner().run("env", [])
            #expect(output.succeeded)
            let names = Set(
                output.text.split(separator: "\n").compactMap {
                    $0.split(separator: "=", maxSplits: 1).first.map(String.init)
                })
            for secret in Self.secrets { #expect(!names.contains(secret), "\(secret) visible") }
            #expect(!output.text.contains("secret-"))
            #expect(
                names.isSubset(of: [
                    "PATH", "LANG", "LC_ALL", "OMP_THREAD_LIMIT", "TESSDATA_PREFIX", "HOME", "PWD", "SHLVL", "_",
                ]),
                "\(names.sorted())")
            #expect(output.text.split(separator: "\n").contains("OMP_THREAD_LIMIT=1"))
        }
    }

    @Test func anOCRWorkerSeesNoPassword() async throws {
        try await withSecrets(Self.secrets) {
            let folder = try TemporaryFolder()
            let script = "env > '\(folder.file("env"))'\necho 'ready 0'\nread request\n"
            let worker = try OCRWorkerFailureTests.script(script, in: folder)
            let started = await OCRWorker.start(executable: worker, language: "fra", runner: ToolRunner())
            let running = try #require(started)
            defer { running.stop() }
            let environment = try String(contentsOfFile: folder.file("env"), encoding: .utf8)
            #expect(!environment.contains("secret-"))
            #expect(environment.split(separator: "\n").contains("OMP_THREAD_LIMIT=1"))
        }
    }

    @Test func tessdataPrefixAndPathAreKept() {
        let env = ToolRunner.childEnvironment([
            "PATH": "/opt/bin:/usr/bin", "TESSDATA_PREFIX": "/usr/share/tessdata", "SECRET": "x",
        ])
        #expect(
            env["PATH"] == "/opt/bin:/usr/bin" && env["TESSDATA_PREFIX"] == "/usr/share/tessdata"
                && env["SECRET"] == nil)
        #expect(ToolRunner.childEnvironment([:])["PATH"] != nil)
    }
}

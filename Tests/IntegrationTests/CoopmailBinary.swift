import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs programs (the built `coopmail`, doveadm) with an argument array, output captured through files
/// (no pipe to fill up, nothing inherited by the mail daemons).
enum CoopmailBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Killed by a signal before it exited on its own.
        var killed: Bool
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// `.build/debug/coopmail` of this checkout (`swift build --build-tests` or `swift test` builds it);
    /// `COOPMAIL_TEST_BINARY` chooses another one.
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["COOPMAIL_TEST_BINARY"], !p.isEmpty { return p }
        return MailServers.repositoryRoot.appendingPathComponent(".build/debug/coopmail").path
    }

    static func requireBuilt() throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "\(path) absent : lancer « swift build --build-tests » d'abord")
        }
    }

    /// A started process, its output going to files.
    final class Running {
        let process = Process()
        let out: URL
        let err: URL

        /// `environment` is added to this process's own (for fault injection in one child only).
        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            if arguments[0] == CoopmailBinary.path { try CoopmailBinary.requireBuilt() }
            let base = FileManager.default.temporaryDirectory.appendingPathComponent(
                "coopmail-run-\(UUID().uuidString)")
            out = base.appendingPathExtension("out")
            err = base.appendingPathExtension("err")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// SIGKILL now; true when the process was still running (it had not exited yet).
        @discardableResult
        func kill() -> Bool {
            let wasRunning = process.isRunning
            _ = Glibc.kill(pid, SIGKILL)
            return wasRunning
        }

        func wait() -> Result {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(at: out)
                try? FileManager.default.removeItem(at: err)
            }
            return Result(
                status: process.terminationStatus,
                stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                killed: process.terminationReason == .uncaughtSignal)
        }
    }

    static func run(_ arguments: [String]) throws -> Result {
        try Running(arguments).wait()
    }
}

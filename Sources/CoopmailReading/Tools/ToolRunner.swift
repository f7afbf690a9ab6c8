import Foundation
import Subprocess

/// The outcome of one external tool run.
public struct ToolOutput: Sendable {
    public var status: Int32?
    public var stdout: [UInt8]
    public var timedOut: Bool
    public var succeeded: Bool { status == 0 && !timedOut }
    public var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the document tools (poppler, tesseract, ImageMagick) as subprocesses: arguments arrays only, a timeout,
/// limits through `prlimit` (address space, size of any file written, CPU time), a bounded output, and a minimal
/// environment (``childEnvironment``): nothing of coopmail's own (passwords, configuration) reaches a tool that reads
/// hostile files.
public struct ToolRunner: Sendable {
    public var timeout: Duration
    public var memoryLimitBytes: Int
    public var outputLimitBytes: Int
    /// Largest file a tool may write (`prlimit --fsize`): a page image of a bomb stops there, the disk does not fill.
    public var fileSizeLimitBytes: Int
    /// CPU seconds a tool may use (`prlimit --cpu`); nil: the timeout's seconds and a few more. The kernel kills a
    /// process past it even if the timeout's kill were lost.
    public var cpuLimitSeconds: Int?

    static let trace = ProcessInfo.processInfo.environment["COOPMAIL_TRACE"] != nil

    public init(
        timeout: Duration = .seconds(60), memoryLimitBytes: Int = 2 << 30, outputLimitBytes: Int = 32 << 20,
        fileSizeLimitBytes: Int = 512 << 20, cpuLimitSeconds: Int? = nil
    ) {
        self.timeout = timeout
        self.memoryLimitBytes = memoryLimitBytes
        self.outputLimitBytes = outputLimitBytes
        self.fileSizeLimitBytes = fileSizeLimitBytes
        self.cpuLimitSeconds = cpuLimitSeconds
    }

    /// The timeout in whole seconds, rounded up.
    var timeoutSeconds: Int { Int(timeout.components.seconds) + (timeout.components.attoseconds > 0 ? 1 : 0) }

    /// `timeout`'s arguments before `prlimit`: the wall-clock limit is kept by coreutils' `timeout`, which ends the
    /// tool at ``timeout`` whatever happens in this process (SIGTERM, then SIGKILL 5 s later). A limit kept only by a
    /// sleeping task misfired when the cooperative thread pool was starved by other work: the sleep was seen to end
    /// before the tool's own end, and a tool done in 50 ms was reported as timed out.
    var wallClockArguments: [String] {
        let millis = max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return ["--signal=TERM", "--kill-after=5s", "\(millis / 1000).\(String(format: "%03d", Int(millis % 1000)))s"]
    }

    /// Exit status of `timeout` when it ended the tool at its limit. A tool killed by its CPU limit is not a timeout:
    /// `timeout` then dies of the tool's own signal.
    static let wallClockKilledStatuses: Set<Int32> = [124]

    /// `prlimit`'s arguments before `--`: address space, file size and CPU time (`cpuSeconds`, else ``cpuLimitSeconds``,
    /// else the timeout plus five seconds).
    func prlimitArguments(cpuSeconds: Int? = nil) -> [String] {
        let cpu = max(1, cpuSeconds ?? cpuLimitSeconds ?? timeoutSeconds + 5)
        return ["--as=\(memoryLimitBytes)", "--fsize=\(max(0, fileSizeLimitBytes))", "--cpu=\(cpu)"]
    }

    /// The whole environment of a tool or OCR worker, built from an allow-list: `PATH` (to find the tools), the
    /// locale, `OMP_THREAD_LIMIT=1`, `TESSDATA_PREFIX` when set, and `HOME` set to the temporary folder.
    static func childEnvironment(_ current: [String: String] = ProcessInfo.processInfo.environment) -> [Environment.Key:
        String]
    {
        var out: [Environment.Key: String] = [
            "PATH": current["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "OMP_THREAD_LIMIT": "1",
            "HOME": FileManager.default.temporaryDirectory.path,
        ]
        if let t = current["TESSDATA_PREFIX"], !t.isEmpty { out["TESSDATA_PREFIX"] = t }
        return out
    }

    /// Runs `tool` with `arguments`; never throws: a launch failure is a nil status, a timeout kills the process.
    public func run(_ tool: String, _ arguments: [String]) async -> ToolOutput {
        let args = wallClockArguments + ["prlimit"] + prlimitArguments() + ["--", tool] + arguments
        let environment = Environment.custom(Self.childEnvironment())
        let limit = outputLimitBytes
        let timeout = self.timeout
        let started = ContinuousClock.now
        defer {
            if ToolRunner.trace {
                FileHandle.standardError.write(
                    Data(
                        "[coopmail] \(tool) \(arguments.joined(separator: " ")) \(ContinuousClock.now - started)\n".utf8
                    ))
            }
        }
        return await withTaskGroup(of: ToolOutput?.self) { group in
            group.addTask {
                do {
                    var options = PlatformOptions()
                    options.teardownSequence = []
                    let result = try await Subprocess.run(
                        .name("timeout"), arguments: Arguments(args), environment: environment,
                        platformOptions: options,
                        output: .bytes(limit: limit), error: .discarded)
                    let status: Int32?
                    if case .exited(let code) = result.terminationStatus { status = Int32(code) } else { status = nil }
                    let killed = status.map { ToolRunner.wallClockKilledStatuses.contains($0) } ?? false
                    return ToolOutput(status: status, stdout: result.standardOutput, timedOut: killed)
                } catch {
                    return ToolOutput(status: nil, stdout: [], timedOut: Task.isCancelled)
                }
            }
            group.addTask {
                // A backstop only: `timeout` ends the tool at its limit; this ends the wait should `timeout` not.
                try? await Task.sleep(for: timeout * 2 + .seconds(30))
                // A second, short wait: when other work held every thread of the cooperative pool past the first (a
                // test suite's CPU-bound tests on two cores), the tool's end became ready with it; this lets the
                // tool's task, ready first, give its own result instead of a cancelled run.
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            // The sleep finished first: the run is being cancelled (its process killed); wait for it to end. When the
            // cooperative pool was starved (other work blocking its threads), the tool may have ended long before the
            // sleep was seen to finish: a tool that exited by itself is its own result, not a timeout.
            var finished: ToolOutput?
            while let output = await group.next() {
                if let output, !output.timedOut, output.status != nil { finished = output }
            }
            return finished ?? ToolOutput(status: nil, stdout: [], timedOut: true)
        }
    }
}

import Foundation
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// One running `coopmail-ocr` process: tesseract's model loaded once, requests on its standard input, answers
/// on its standard output (Sources/coopmail-ocr/main.c describes the protocol). Started like the other tools,
/// under `prlimit` (address space, file size, and a CPU-time limit for its whole life: ``cpuSeconds(_:)``; the pool
/// retires a worker before it can reach it) with `OMP_THREAD_LIMIT=1` in its minimal environment
/// (``ToolRunner/childEnvironment(_:)``) — OpenMP reads it only
/// when a process starts, which is why tesseract runs in a worker process and not inside coopmail. A request
/// not answered by its deadline kills the worker; a dead worker answers nothing more and the pool starts another.
/// Serves one page at a time: ``OCRWorkerPool`` hands it out.
final class OCRWorker: @unchecked Sendable {
    let osdAvailable: Bool
    /// Largest text answer accepted, as the tools' output limit.
    let outputLimitBytes: Int
    private let channel: WorkerChannel
    private let processID: pid_t
    private let lock = NSLock()
    private var dead = false
    /// Time spent answering requests so far: with one thread (OMP_THREAD_LIMIT=1), at least its CPU time.
    private var busy: Duration = .zero

    private init(osdAvailable: Bool, outputLimitBytes: Int, channel: WorkerChannel, processID: pid_t) {
        self.osdAvailable = osdAvailable
        self.outputLimitBytes = outputLimitBytes
        self.channel = channel
        self.processID = processID
    }

    var isAlive: Bool { lock.withLock { !dead } }
    var busyTime: Duration { lock.withLock { busy } }

    /// CPU seconds a worker may use in its whole life (`prlimit --cpu`): ten page timeouts, at least ten minutes.
    static func cpuSeconds(_ runner: ToolRunner) -> Int { max(600, 10 * runner.timeoutSeconds) }

    /// Whether the worker should be stopped rather than given another page: one more page at its timeout could
    /// reach its CPU-time limit, and the kernel would kill it in the middle of that page.
    func isWornOut(_ runner: ToolRunner) -> Bool {
        busyTime + runner.timeout + .seconds(5) >= .seconds(Self.cpuSeconds(runner))
    }

    /// Starts `executable` for `language` and waits for it to be ready; nil when it cannot start or load.
    static func start(executable: String, language: String, runner: ToolRunner) async -> OCRWorker? {
        var sockets: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            return nil
        }
        let ours = sockets[0]
        let theirs = sockets[1]
        let theirOutput = fcntl(theirs, F_DUPFD_CLOEXEC, 0)
        guard theirOutput >= 0 else {
            close(ours)
            close(theirs)
            return nil
        }
        let arguments = runner.prlimitArguments(cpuSeconds: cpuSeconds(runner)) + ["--", executable, language]
        let environment = Environment.custom(ToolRunner.childEnvironment())
        let (launched, launch) = AsyncStream.makeStream(of: Optional<pid_t>.self)
        // Runs as long as the worker lives: Subprocess waits for the process to end and reaps it.
        Task.detached {
            do {
                var options = PlatformOptions()
                options.teardownSequence = []
                _ = try await Subprocess.run(
                    .name("prlimit"), arguments: Arguments(arguments), environment: environment,
                    platformOptions: options,
                    input: .fileDescriptor(FileDescriptor(rawValue: theirs), closeAfterSpawningProcess: true),
                    output: .fileDescriptor(FileDescriptor(rawValue: theirOutput), closeAfterSpawningProcess: true),
                    error: .discarded
                ) { execution in
                    launch.yield(execution.processIdentifier.value)
                }
            } catch {
                launch.yield(nil)
            }
            launch.finish()
        }
        var iterator = launched.makeAsyncIterator()
        let channel = WorkerChannel(socket: ours)
        guard let processID = await iterator.next() ?? nil else {
            channel.close()
            return nil
        }
        let starting = OCRWorker(
            osdAvailable: false, outputLimitBytes: runner.outputLimitBytes, channel: channel, processID: processID)
        let greeting = await starting.request(nil as String?, timeout: runner.timeout)
        guard case .ready(let osd)? = greeting else {
            starting.stop()
            return nil
        }
        return OCRWorker(
            osdAvailable: osd, outputLimitBytes: runner.outputLimitBytes, channel: channel, processID: processID)
    }

    /// Sends one request line (nil: only reads an answer) and waits for its answer at most `timeout`.
    func request(_ line: String?, timeout: Duration) async -> WorkerAnswer? {
        await request(line, deadline: ContinuousClock.now + timeout)
    }

    /// Sends one request line (nil: only reads an answer) and waits for its answer until `deadline` (the channel
    /// polls the socket, bounded by it). Nil when the worker died, broke the protocol or did not answer in time: it
    /// is then killed (the task that started it reaps it) and never used again.
    func request(_ line: String?, deadline: ContinuousClock.Instant) async -> WorkerAnswer? {
        guard isAlive, line.map({ !$0.contains("\n") }) ?? true else { return nil }
        let started = ContinuousClock.now
        let answer = await channel.exchange(line, limit: outputLimitBytes, deadline: deadline)
        if answer == nil { stop() }
        let elapsed = ContinuousClock.now - started
        lock.withLock { busy += elapsed }
        if ToolRunner.trace {
            FileHandle.standardError.write(
                Data("[coopmail] coopmail-ocr \(line ?? "(start)") \(ContinuousClock.now - started)\n".utf8))
        }
        return answer
    }

    /// Kills the process and closes our end of the channel.
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { dead = true }
            return !dead
        }
        guard first else { return }
        kill(processID, SIGKILL)
        channel.close()
    }
}

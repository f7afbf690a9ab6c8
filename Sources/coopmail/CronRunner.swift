import ArgumentParser
import CoopmailApp
import Foundation
import Logging

/// What `poll`, `notify` and `run` share: the lock, logging, and cron's rules (quiet when nothing happened,
/// one line otherwise, non-zero only when a human must act).
enum CronRunner {
    static func run(
        _ global: GlobalOptions, verbose: Bool, lockName: String = "run",
        _ body: (Pipeline) async -> Pipeline.Report
    ) async throws {
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = verbose ? .info : .critical
            return h
        }
        let config = try global.loadConfig()
        for warning in config.securityWarnings { printError(warning) }
        let store = try global.openStore()
        let lock: RunLock
        do { lock = try RunLock(folder: store.folder, name: lockName) } catch let busy as RunLock.Busy {
            printError("coopmail : " + busy.description)
            return
        }
        defer { lock.release() }
        let report = await body(Pipeline(store: store, config: config))
        for line in report.lines { print(line) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

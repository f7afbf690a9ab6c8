import CoopmailReading
import Foundation
import Testing

/// The wall-clock limit of a tool is kept outside this process (coreutils' `timeout`), so a starved cooperative thread
/// pool cannot turn a tool that ended in milliseconds into a timeout. With the limit kept by a sleeping task, the
/// sleep and the tool's end became ready together once the pool was free again, and the sleep often won.
@Suite struct ToolRunnerStarvationTests {
    @Test func aQuickToolIsNotTimedOutWhenThePoolWasBlockedLongerThanItsTimeout() async {
        let blockers = ProcessInfo.processInfo.activeProcessorCount + 1
        // Margins for a loaded machine (the whole suite runs beside it: OCR workers, image encoders): a tool that
        // needs 0.2 s is given 2 s, and the pool is blocked for 4 s.
        let runner = ToolRunner(timeout: .seconds(2))
        async let output = runner.run("sh", ["-c", "sleep 0.2; printf lu"])
        // Once the tool has started, every thread of the pool is blocked for 4 s: the tool ends (0.2 s) and its
        // timeout passes (2 s) while nothing in this process can run.
        try? await Task.sleep(for: .milliseconds(200))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<blockers { group.addTask { usleep(4_000_000) } }
        }
        let result = await output
        #expect(!result.timedOut)
        #expect(result.succeeded)
        #expect(result.text == "lu")
    }
}

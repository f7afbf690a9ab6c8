import Foundation

/// Runs `work` on a thread of its own, off Swift's cooperative pool, and returns its result. A test that computes for
/// seconds or minutes (generated pages drawn and measured in a debug build) would otherwise hold one of the pool's
/// threads (one per core) all that time: with two such tests at once, the suite's other tests, waiting on their tools
/// and OCR workers, cannot run and miss their wall-clock limits (seen on a run of the signature suites alone). `work`
/// must not record issues (no test is current on that thread): return what to check, and check it after.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}

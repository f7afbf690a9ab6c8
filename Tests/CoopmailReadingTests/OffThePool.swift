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

/// `work` applied to every case, on two threads of their own (``offThePool(_:)``), one case in two each: the
/// generated places are drawn and measured two at a time, the test's results in the cases' order.
func offThePoolInPairs<Case: Sendable, T: Sendable>(_ cases: [Case], _ work: @escaping @Sendable (Case) -> T) async
    -> [T]
{
    let halves = await withTaskGroup(of: (Int, [T]).self) { group in
        for half in 0..<2 {
            group.addTask {
                (
                    half,
                    await offThePool { cases.enumerated().filter { $0.offset % 2 == half }.map { work($0.element) } }
                )
            }
        }
        var all: [Int: [T]] = [:]
        for await (half, part) in group { all[half] = part }
        return all
    }
    let (even, odd) = (halves[0] ?? [], halves[1] ?? [])
    return (0..<(even.count + odd.count)).map { $0 % 2 == 0 ? even[$0 / 2] : odd[$0 / 2] }
}

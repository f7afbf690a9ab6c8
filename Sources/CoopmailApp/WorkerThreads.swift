import Foundation

/// The results of work done on several threads, one slot per item.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// Every value in order; throws the first failure.
    func values() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}

/// Hands out indices to worker threads, each once.
final class ManagedAtomicIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Threads of their own for CPU work. Dispatch's shared pool has one thread per core and the cron commands already
/// occupy one of them: `concurrentPerform` from there quietly ran the "two" workers one after the other.
/// 8 MB stacks, like a process's main thread: GMime recurses into nested MIME parts.
enum WorkerThreads {
    static let stackSize = 8 << 20

    /// Runs `body` on a new thread and returns at once.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = stackSize
        thread.start()
    }

    /// Runs `body` on `count` threads at once (this one and `count - 1` new ones) and returns when all are done.
    static func run(_ count: Int, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        for _ in 1..<max(1, count) {
            start {
                body()
                done.signal()
            }
        }
        body()
        for _ in 1..<max(1, count) { done.wait() }
    }
}

/// Work running on a thread of its own; ``wait()`` returns its value or throws its error.
public final class BackgroundResult<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    init(_ work: @escaping () throws -> Value) {
        let box = UncheckedWork(work)
        WorkerThreads.start {
            self.result = Result { try box.work() }
            self.done.signal()
        }
    }

    public func wait() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

/// A closure handed to another thread; whoever starts it makes sure what it touches is safe there.
private struct UncheckedWork<Value>: @unchecked Sendable {
    let work: () throws -> Value
    init(_ work: @escaping () throws -> Value) { self.work = work }
}

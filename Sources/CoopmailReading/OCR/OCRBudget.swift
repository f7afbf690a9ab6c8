import Foundation

/// The OCR time one attachment may use (``DocumentReader/ocrBudget``), counted while its pages hold OCR slots: time
/// spent waiting for a slot, behind other attachments or other readers of the same process, is not this
/// attachment's cost. Measured as a deadline from the first read, the budget ran out for attachments that waited
/// behind busy slots and their pages came back unreadable without having been tried (seen in the test suite,
/// where many readers share the process's two slots).
final class OCRBudget: @unchecked Sendable {
    private let allowed: Duration
    private let lock = NSLock()
    private var used: Duration = .zero

    init(_ allowed: Duration) { self.allowed = allowed }

    /// Whether the attachment has used its whole budget: pages not started by then stay unreadable.
    var isSpent: Bool { lock.withLock { used >= allowed } }

    /// Runs `body` (one page's work, inside a slot the caller holds) unless the budget is spent, and charges its time.
    func spending<T>(_ body: () async -> T?) async -> T? {
        guard !isSpent else { return nil }
        let started = ContinuousClock.now
        let result = await body()
        let elapsed = ContinuousClock.now - started
        lock.withLock { used += elapsed }
        return result
    }
}

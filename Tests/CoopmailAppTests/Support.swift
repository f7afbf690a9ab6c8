import CoopmailApp
import CoopmailStore
import Foundation

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let mailFixtures = repoRoot.appendingPathComponent("Fixtures/mail")

/// A fresh data folder in a private temporary place, removed when the value is dropped by the test.
final class TempStore {
    let root: URL
    let store: Store
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-test-\(UUID().uuidString)")
        store = try Store(path: root.appendingPathComponent("data").path)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
}

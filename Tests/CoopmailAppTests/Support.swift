import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation

let repoRoot = Repository.root
let mailFixtures = repoRoot.appendingPathComponent("Fixtures/mail")

/// A fresh data folder in a private temporary place, removed when the value is dropped by the test.
final class TempStore {
    let folder: TemporaryFolder
    let store: Store
    var root: URL { folder.url }
    init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.dataPath)
    }
}

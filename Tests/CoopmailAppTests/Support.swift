import CoopmailApp
import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

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

    /// Ingests each raw mail (name, bytes as text): the message id of each name ingested; one not ingested is an issue.
    func ingest(_ mails: [(name: String, raw: String)]) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for (name, raw) in mails {
            let outcome = try Ingestor(store: store, config: Config()).ingest(
                .init(content: .bytes(Data(raw.utf8)), source: name))
            guard case .ingested(let id) = outcome else {
                Issue.record("\(name) not ingested: \(outcome)")
                continue
            }
            ids[name] = id
        }
        return ids
    }
}

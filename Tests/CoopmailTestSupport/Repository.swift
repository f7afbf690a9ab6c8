import Foundation

/// The repository the tests run from: its root, and the folders tests read (Fixtures, Templates, config).
public enum Repository {
    /// The folder holding Package.swift (this file is Tests/CoopmailTestSupport/Repository.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository, e.g. `Repository.url("Fixtures/mail")`.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// A fresh folder in the system's temporary place, named `prefix-UUID`, removed with everything in it when the value
/// is dropped. Temporary stores are made inside it.
public final class TemporaryFolder {
    public let url: URL

    public init(prefix: String = "coopmail-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a store's data folder inside this folder (not created: the store creates it).
    public var dataPath: String { url.appendingPathComponent("data").path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

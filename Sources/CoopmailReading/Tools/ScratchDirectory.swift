import Foundation

/// A private temporary directory (mode 0700) for one read; removed by ``remove()``.
struct ScratchDirectory: Sendable {
    let path: String

    init(base: String? = nil) throws {
        let base = base ?? FileManager.default.temporaryDirectory.path
        let path = base + "/coopmail-read-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        self.path = path
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let p = file(name)
        guard FileManager.default.createFile(atPath: p, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        return p
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

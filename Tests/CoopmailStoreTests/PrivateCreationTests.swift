import Foundation
import Testing

@testable import CoopmailStore

@Suite struct PrivateCreationTests {
    /// Stores and data folders opened on many threads at once leave the process's umask as it was: a file the process
    /// makes afterwards (or a mail server it starts) is not private by accident, and the data folders are private.
    @Test func concurrentOpeningsRestoreTheProcessUmask() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("coopmail-umask-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = PrivateCreation.maskOutside()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            do {
                let path = root.appendingPathComponent("data-\(index)").path
                if index.isMultiple(of: 3) {
                    _ = try Store(path: path)
                } else {
                    _ = try DataFolder(path: path)
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(PrivateCreation.maskOutside() == before)
        for index in 0..<24 {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: root.appendingPathComponent("data-\(index)").path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(mode & 0o077 == 0, "data-\(index) is open to others: \(String(mode, radix: 8))")
        }
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

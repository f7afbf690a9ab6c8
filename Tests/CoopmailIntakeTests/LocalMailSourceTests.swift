import CoopmailIntake
import Foundation
import Testing

@Suite struct LocalMailSourceTests {
    @Test func splitsMboxAndUnquotesFromLines() throws {
        let mbox =
            "From a@b Mon Oct  4 09:15:00 2021\nSubject: one\n\nbody\n>From here\n\nFrom c@d Mon Oct  4 09:15:00 2021\nSubject: two\n\nx\n"
        let parts = MboxSplitter.split(Data(mbox.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(parts.count == 2)
        #expect(parts[0] == "Subject: one\n\nbody\nFrom here\n")
        #expect(parts[1] == "Subject: two\n\nx\n")
    }

    @Test func walksMaildirAndFoldersButNotLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for d in ["md/cur", "md/new", "md/tmp", "plain/sub"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(d), withIntermediateDirectories: true)
        }
        try Data("Subject: a\n\nx".utf8).write(to: root.appendingPathComponent("md/new/1"))
        try Data("Subject: b\n\nx".utf8).write(to: root.appendingPathComponent("md/cur/2:2,S"))
        try Data("Subject: c\n\nx".utf8).write(to: root.appendingPathComponent("md/tmp/3"))
        try Data("Subject: d\n\nx".utf8).write(to: root.appendingPathComponent("plain/sub/x.eml"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("plain/link.eml").path, withDestinationPath: "/etc/passwd")
        var sources: [String] = []
        try LocalMailSource(paths: [root.appendingPathComponent("md").path, root.appendingPathComponent("plain").path])
            .forEach {
                sources.append($0.source)
            }
        #expect(sources.count == 3)
        #expect(sources.filter { $0.hasPrefix("maildir:") }.count == 2)
        #expect(!sources.contains { $0.contains("tmp/3") || $0.contains("link.eml") })
    }

    @Test func reportsAMissingPath() {
        #expect(throws: LocalMailSource.SourceError.self) {
            try LocalMailSource(paths: ["/nonexistent/\(UUID().uuidString)"]).forEach { _ in }
        }
    }
}

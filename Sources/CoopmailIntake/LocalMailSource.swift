import Foundation

/// Enumerates the messages under local paths: `.eml` files, folders of them, Maildirs, mbox files.
///
/// A folder is a Maildir when it has `cur/` and `new/`; otherwise every regular file below it is a message,
/// except mbox files (recognised by their `From ` first line), which are split. Links are not followed.
public struct LocalMailSource {
    public let paths: [String]

    public init(paths: [String]) { self.paths = paths }

    /// Why the local source cannot be read, as data. CoopmailApp writes the French staff read.
    public enum SourceError: Error, Equatable, CustomStringConvertible {
        /// Nothing exists at this path.
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let p): return "path not found: \(p)"
            }
        }
    }

    /// Calls `body` for each message, in a stable order (sorted paths). Stops early if `body` returns false.
    public func forEach(_ body: (RawMessage) throws -> Void) throws {
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw SourceError.notFound(path)
            }
            if isDir.boolValue {
                try walkFolder(URL(fileURLWithPath: path), body)
            } else {
                try file(path, body)
            }
        }
    }

    func walkFolder(_ url: URL, _ body: (RawMessage) throws -> Void) throws {
        let fm = FileManager.default
        if isMaildir(url) {
            for sub in ["new", "cur"] {
                let dir = url.appendingPathComponent(sub)
                for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where !name.hasPrefix(".")
                {
                    let p = dir.appendingPathComponent(name).path
                    if isRegularFile(p) { try body(RawMessage(content: .file(p), source: "maildir:" + p)) }
                }
            }
            // Maildir++ sub-folders (.Folder)
            for name in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            where name.hasPrefix(".") && name != "." && name != ".." {
                let sub = url.appendingPathComponent(name)
                if isMaildir(sub) { try walkFolder(sub, body) }
            }
            return
        }
        let entries = ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        for name in entries where !name.hasPrefix(".") {
            let p = url.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard !isSymlink(p.path), fm.fileExists(atPath: p.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue { try walkFolder(p, body) } else { try file(p.path, body) }
        }
    }

    func file(_ path: String, _ body: (RawMessage) throws -> Void) throws {
        guard isRegularFile(path) else { return }
        if MboxSplitter.looksLikeMbox(path: path) {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            var index = 0
            for chunk in MboxSplitter.split(data) {
                index += 1
                try body(RawMessage(content: .bytes(chunk), source: "mbox:\(path)#\(index)"))
            }
        } else {
            try body(RawMessage(content: .file(path), source: "file:" + path))
        }
    }

    func isMaildir(_ url: URL) -> Bool {
        var a: ObjCBool = false
        var b: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("cur").path, isDirectory: &a)
            && a.boolValue
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("new").path, isDirectory: &b)
            && b.boolValue
    }

    func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }
}

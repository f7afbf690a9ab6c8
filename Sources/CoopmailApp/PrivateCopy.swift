import Foundation

/// Private temporary copies of stored documents: a 0700 folder made by mkdtemp, a 0600 file inside.
public enum PrivateCopy {
    public static func write(_ data: Data, name: String) throws -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((base + "coopmail-XXXXXX").utf8CString)
        guard
            let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) })
        else {
            throw ConfigError("impossible de créer un dossier temporaire dans \(base)")
        }
        chmod(dir, 0o700)
        let path = dir + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ConfigError("impossible d'écrire la copie \(path)") }
        defer { close(fd) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard ok else { throw ConfigError("impossible d'écrire la copie \(path) (disque plein ?)") }
        return path
    }

    /// The extension from the sniffed media type (what the bytes are), never from the mail's file name: a name
    /// such as `facture.desktop` or `releve.pdf.sh` would otherwise choose the program that opens it. Only types
    /// that open in a viewer get their own extension; anything else is `bin`.
    public static func fileExtension(mediaType: String) -> String {
        let viewable = [
            "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif",
            "text/plain": "txt",
        ]
        return viewable[mediaType.lowercased()] ?? "bin"
    }

    /// Private copies older than `maxAge` seconds (folders `coopmail-*` of the temporary directory that belong to
    /// this user) are removed: a copy is for looking at now, not a second store of personal data.
    public static func removeOld(maxAge: TimeInterval = 86_400, now: Date = Date()) {
        let base = NSTemporaryDirectory()
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("coopmail-") && name.count == "coopmail-XXXXXX".count {
            let dir = (base as NSString).appendingPathComponent(name)
            var st = stat()
            guard lstat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec))
            if now.timeIntervalSince(modified) > maxAge { try? fm.removeItem(atPath: dir) }
        }
    }

    /// The full path of a program found in PATH.
    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

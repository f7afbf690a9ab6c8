import ArgumentParser
import CoopmailApp
import CoopmailDossier
import CoopmailStore
import Foundation

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Ouvre une pièce reçue (copie privée dans un dossier temporaire).",
        discussion: """
        La pièce est copiée dans un dossier temporaire lisible par vous seul, puis ouverte avec l'application par défaut (xdg-open) quand un écran graphique est disponible ; sinon son chemin est affiché.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("La pièce : son numéro (coopmail show l'indique) ou le début de son empreinte sha256.", valueName: "PIECE"))
    var document: String

    func run() throws {
        let ctx = try StaffContext(global)
        try French.run {
            let doc = try ctx.resolver.document(document)
            let data = try ctx.store.blobs.get(doc.sha256)
            let path = try PrivateCopy.write(data, name: "piece-\(doc.id!).\(PrivateCopy.fileExtension(mediaType: doc.mediaType, filename: doc.filename))")
            let env = ProcessInfo.processInfo.environment
            let graphical = [env["DISPLAY"], env["WAYLAND_DISPLAY"]].contains { ($0 ?? "").isEmpty == false }
            if graphical, let opener = PrivateCopy.which("xdg-open") {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: opener)
                p.arguments = [path]
                try p.run()
                p.waitUntilExit()
                FileHandle.standardError.write(Data("Pièce n° \(doc.id!) (\(doc.filename)) ouverte.\n".utf8))
            } else {
                FileHandle.standardError.write(Data("Pièce n° \(doc.id!) (\(doc.filename)) copiée ici :\n".utf8))
            }
            print(path)
        }
    }
}

/// Private temporary copies of stored documents: a 0700 folder made by mkdtemp, a 0600 file inside.
enum PrivateCopy {
    static func write(_ data: Data, name: String) throws -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((base + "coopmail-XXXXXX").utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
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
                if n <= 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard ok else { throw ConfigError("impossible d'écrire la copie \(path) (disque plein ?)") }
        return path
    }

    /// The extension from the sniffed media type, else the filename's (letters and digits only), else `bin`.
    static func fileExtension(mediaType: String, filename: String) -> String {
        let known = ["application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif", "image/gif": "gif",
                     "image/heic": "heic", "image/webp": "webp", "application/zip": "zip", "text/plain": "txt", "text/html": "html",
                     "application/msword": "doc", "application/vnd.ms-excel": "xls",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
                     "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods"]
        if let e = known[mediaType.lowercased()] { return e }
        let ext = (filename as NSString).pathExtension.lowercased()
        if (1...5).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return ext }
        return "bin"
    }

    /// The full path of a program found in PATH.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

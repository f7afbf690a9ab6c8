import Foundation

/// Where an installed coopmail finds its files without environment variables, from the real path of the running
/// program (not `argv[0]`, which is a bare name when run through `PATH`):
/// ```
/// PREFIX/bin/coopmail
/// PREFIX/libexec/coopmail/coopmail-ocr        (found by CoopmailReading)
/// PREFIX/share/coopmail/templates/*.mustache
/// ```
/// In a build folder (`.build/debug/coopmail`) the templates are the repository's `Templates/`.
public enum InstallLayout {
    static var executableDirectory: URL? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The answer templates beside the program: `../share/coopmail/templates`, else a `Templates/` folder in one
    /// of its four parent folders (a build tree); nil when neither holds `acknowledgment.mustache`.
    public static func templatesDirectory() -> String? {
        guard let dir = executableDirectory else { return nil }
        var candidates = [dir.appendingPathComponent("../share/coopmail/templates").standardizedFileURL]
        var up = dir
        for _ in 0..<4 {
            candidates.append(up.appendingPathComponent("Templates"))
            up = up.deletingLastPathComponent()
        }
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("acknowledgment.mustache").path)
        }?.path
    }
}

import Foundation

/// Makes attachment names safe to show and to use as labels. Files are never stored under these names.
public enum FileName {
    /// True when the name tries to climb out of a folder (`../x`, `..\x`, `/etc/passwd`).
    public static func isTraversal(_ name: String) -> Bool {
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return name.hasPrefix("/") || name.hasPrefix("\\")
            || components.contains { $0.trimmingCharacters(in: .whitespaces) == ".." }
    }

    /// True when the name holds control characters (a terminal escape, a newline to forge a log line).
    public static func hasControlCharacters(_ name: String) -> Bool {
        name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value) }
    }

    /// The name as received, made printable to quote it in a note: control characters shown as `?`, at most 120 characters.
    public static func printable(_ name: String) -> String {
        let s = String(
            name.unicodeScalars.map {
                ($0.value < 0x20 || $0.value == 0x7f || (0x80...0x9f).contains($0.value)) ? "?" : Character($0)
            })
        return s.count > 120 ? String(s.prefix(117)) + "…" : s
    }

    /// The last path component, without control characters, at most 200 characters; `piece-N.ext` when empty.
    public static func safe(_ name: String?, index: Int, mediaType: String = "application/octet-stream") -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(
            last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f && !(0x80...0x9f).contains($0.value) }
                .map(Character.init))
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        if cleaned.count > 200 { cleaned = String(cleaned.suffix(200)) }
        if cleaned.isEmpty { return "piece-\(index).\(defaultExtension(mediaType))" }
        return cleaned
    }

    static func defaultExtension(_ mediaType: String) -> String {
        switch mediaType {
        case "application/pdf": return "pdf"
        case "image/jpeg": return "jpg"
        case "image/png": return "png"
        case "image/tiff": return "tif"
        case "application/zip": return "zip"
        case "message/rfc822": return "eml"
        case "text/plain": return "txt"
        default: return "bin"
        }
    }
}

import Foundation

/// The terminal staff read: its width, and whether colours may be used.
enum Terminal {
    /// COLUMNS when set, else the terminal's width (TIOCGWINSZ), else 100.
    static var width: Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c >= 20 { return c }
        var ws = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col >= 20 {
            return Int(ws.ws_col)
        }
        return 100
    }

    /// True when stdout is a terminal and NO_COLOR is not set.
    static var colours: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return isatty(STDOUT_FILENO) != 0 && !noColor
    }

    /// True when stdout is a terminal (charts are drawn; otherwise plain columns).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// True when a person can answer a question (stdin and stdout are terminals).
    static var interactive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    enum Colour: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
        case grey = "90"
        case bold = "1"
    }

    static func paint(_ s: String, _ c: Colour?, enabled: Bool) -> String {
        guard enabled, let c, !s.isEmpty else { return s }
        return "\u{1B}[\(c.rawValue)m\(s)\u{1B}[0m"
    }

    /// `s` cut to `width` characters (with « … ») and padded with spaces; right-aligned when `right`.
    static func fit(_ s: String, _ width: Int, right: Bool = false) -> String {
        guard width > 0 else { return "" }
        var t = s
        if t.count > width { t = width == 1 ? "…" : String(t.prefix(width - 1)) + "…" }
        let pad = String(repeating: " ", count: width - t.count)
        return right ? pad + t : t + pad
    }
}

/// Guards against header injection: values taken from a mail (subject, names, addresses, message-ids) never carry a
/// line break or another control character into the headers coopmail writes.
public enum HeaderSafety {
    /// C0 controls (CR and LF included), DEL, C1 controls, and the Unicode line and paragraph separators.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x85
    }

    public static func containsControl(_ s: String) -> Bool { s.unicodeScalars.contains(where: isControl) }

    /// Free text on one line: every control character becomes a space, white space runs shrink to one, ends trimmed.
    public static func singleLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in s.unicodeScalars {
            let blank = isControl(scalar) || scalar == " "
            if blank {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(scalar)
                lastWasSpace = false
            }
        }
        var result = String(out)
        while result.last == " " { result.removeLast() }
        return result
    }

    /// Free text kept as lines (a motif typed by staff): each line made safe with ``singleLine(_:)``.
    public static func paragraph(_ s: String) -> String {
        let normalized = s.replacingCRLF()
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map { singleLine(String($0)) }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    /// `<left@right>` with printable ASCII only, no white space, no other angle bracket; at most 250 characters.
    /// Accepts the form without brackets too. Nil for anything else.
    public static func normalizedMessageID(_ s: String) -> String? {
        var core = Substring(s)
        if core.hasPrefix("<") && core.hasSuffix(">") && core.count >= 2 { core = core.dropFirst().dropLast() }
        guard (3...248).contains(core.unicodeScalars.count),
            core.unicodeScalars.allSatisfy({
                (0x21...0x7E).contains($0.value) && $0 != "<" && $0 != ">" && $0 != "\"" && $0 != "\\"
            }),
            let at = core.lastIndex(of: "@"), at != core.startIndex, core.index(after: at) != core.endIndex,
            core.filter({ $0 == "@" }).count == 1
        else { return nil }
        return "<" + core + ">"
    }
}

extension String {
    /// CRLF and lone CR become LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }
}

import Foundation

/// Text on its way to the staff member's terminal, made harmless.
///
/// Subjects, sender names, file names, quarantine reasons and server replies come from mails that anyone can
/// write. Printed raw, a control character can move the cursor, clear the screen, retitle the window or hide a
/// line, and a bidirectional override (U+202E) can make `fdp.exe` read as `exe.pdf`. Every line the CLI prints
/// goes through ``safe(_:)``: the module's `print` below shadows the standard one, and ``printError(_:)`` is the
/// way to stderr.
///
/// Kept: printable text, line feeds and tabs, and exactly the colour sequences ``Terminal/paint(_:_:enabled:)``
/// writes. Anything else that is a control character (C0 but `\n` `\t`, DEL, C1) or a bidirectional control
/// becomes a visible `\u{…}` escape, so staff see that something was there. JSON output is not changed in
/// meaning: the JSON encoder already escapes C0 characters, and a bidirectional control can stand only inside
/// a JSON string, where `\u202e` is the same character.
enum TerminalText {
    /// Colour sequences the CLI itself writes (`ESC [ n m`).
    private static let ownSequences: Set<String> = Set(
        (["0"] + [Terminal.Colour.red, .green, .yellow, .blue, .magenta, .cyan, .grey, .bold].map(\.rawValue))
            .map { "\u{1B}[\($0)m" })

    /// Bidirectional formatting characters (Unicode's Bidi_Control property), and the zero-width joiners that
    /// can hide text.
    static func isBidiControl(_ v: UInt32) -> Bool {
        v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    static func isControl(_ v: UInt32) -> Bool {
        (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v)
    }

    static func escape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control or bidirectional character shown as an escape, our own colours kept.
    static func safe(_ text: String) -> String {
        // Fast path: nothing to do for the usual line (checked on the bytes: an export writes hundreds of MB).
        if !needsEscape(text) { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if v == 0x1B, let sequence = ownSequence(in: scalars, at: i) {
                out.append(contentsOf: sequence.unicodeScalars)
                i += sequence.unicodeScalars.count
                continue
            }
            if isControl(v) || isBidiControl(v) {
                out.append(contentsOf: escape(v).unicodeScalars)
            } else {
                out.append(scalars[i])
            }
            i += 1
        }
        return String(out)
    }

    /// Whether `text` holds a control or bidirectional character: a C0 byte but LF and tab, DEL, or a scalar whose
    /// UTF-8 starts with C2 (C1 controls), D8 (U+061C) or E2 (U+200E…U+2069), those looked at closely.
    /// `keepingCRLF`: a CR followed by LF is not counted (see ``safeKeepingCRLF(_:)``).
    static func needsEscape(_ text: String, keepingCRLF: Bool = false) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            for (i, b) in utf8.enumerated() {
                if b == 0x0D && keepingCRLF && i + 1 < utf8.count && utf8[i + 1] == 0x0A { continue }
                if b < 0x20 && b != 0x0A && b != 0x09 || b == 0x7F { return true }
                guard b == 0xC2 || b == 0xD8 || b == 0xE2 else { continue }
                let scalar = String(
                    decoding: UnsafeBufferPointer(rebasing: utf8[i..<min(i + 3, utf8.count)]), as: UTF8.self
                )
                .unicodeScalars.first
                if let v = scalar?.value, isControl(v) || isBidiControl(v) { return true }
            }
            return false
        }
    }

    /// ``safe(_:)`` for a CSV file's text: its CR LF line ends are kept as they are (a spreadsheet needs them; they
    /// move no cursor but to the next line), every other control or bidirectional character is shown as an escape.
    static func safeKeepingCRLF(_ text: String) -> String {
        if !needsEscape(text, keepingCRLF: true) { return text }
        // "\r\n" is one Character: a lone CR is not split on, and is escaped.
        return text.split(separator: "\r\n", omittingEmptySubsequences: false).map { safe(String($0)) }.joined(
            separator: "\r\n")
    }

    /// The colour sequence of ours that starts at `index`, if one does.
    private static func ownSequence(in scalars: [Unicode.Scalar], at index: Int) -> String? {
        // Ours are at most 5 scalars long: ESC [ 3 1 m.
        var candidate = ""
        var j = index
        while j < scalars.count, j < index + 5 {
            candidate.unicodeScalars.append(scalars[j])
            if scalars[j] == "m" { return ownSequences.contains(candidate) ? candidate : nil }
            j += 1
        }
        return nil
    }
}

/// The CLI's `print`: the standard one, through ``TerminalText/safe(_:)``.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: terminator)
}

/// One line (or more) on stderr, through ``TerminalText/safe(_:)``; a line feed is added when missing.
func printError(_ text: String) {
    let line = text.hasSuffix("\n") ? text : text + "\n"
    FileHandle.standardError.write(Data(TerminalText.safe(line).utf8))
}

import Foundation

/// Splits an mbox file (mboxo or mboxrd) into messages: a message starts at a line beginning with `From `
/// at the start of the file or after an empty line; `>From ` lines are unquoted once (mboxrd).
public enum MboxSplitter {
    public static func looksLikeMbox(path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 5)) ?? Data()
        return head == Data("From ".utf8)
    }

    public static func split(_ data: Data) -> [Data] {
        var messages: [Data] = []
        let bytes = [UInt8](data)
        var lineStart = 0
        var current: [UInt8] = []
        var previousBlank = true
        var started = false
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count && bytes[end] != 0x0a { end += 1 }
            let lineEnd = min(end + 1, bytes.count)
            let line = bytes[lineStart..<lineEnd]
            let isFrom = line.starts(with: [0x46, 0x72, 0x6f, 0x6d, 0x20])  // "From "
            if isFrom && previousBlank {
                if started { messages.append(finish(current)) }
                current = []
                started = true
            } else if started {
                if line.first == 0x3e, let idx = line.firstIndex(where: { $0 != 0x3e }),
                    bytes[idx...].starts(with: [0x46, 0x72, 0x6f, 0x6d, 0x20])
                {
                    current.append(contentsOf: line.dropFirst())
                } else {
                    current.append(contentsOf: line)
                }
            }
            let content = line.filter { $0 != 0x0a && $0 != 0x0d }
            previousBlank = content.isEmpty
            lineStart = lineEnd
        }
        if started { messages.append(finish(current)) }
        return messages
    }

    /// Drops the blank line that separates a message from the next `From ` line.
    static func finish(_ m: [UInt8]) -> Data {
        var m = m
        if m.last == 0x0a {
            m.removeLast()
            if m.last == 0x0d { m.removeLast() }
        }
        if m.last != 0x0a { m.append(0x0a) }
        return Data(m)
    }
}

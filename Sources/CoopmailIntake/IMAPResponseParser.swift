import Foundation

/// Reads IMAP response lines: the text of ``IMAPResponse``s, and the lines libcurl saw while logging in.
enum IMAPResponseParser {
    /// `* STATUS name (MESSAGES 3 UIDNEXT 5 UIDVALIDITY 17)` → the counters.
    static func status(in lines: [String]) -> (messages: Int?, uidNext: UInt32?, uidValidity: UInt32?)? {
        for line in lines.reversed() {
            guard line.hasPrefix("* STATUS "), let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"),
                open < close
            else { continue }
            let words = line[line.index(after: open)..<close].split(separator: " ")
            var values: [String: String] = [:]
            var i = 0
            while i + 1 < words.count {
                values[words[i].uppercased()] = String(words[i + 1])
                i += 2
            }
            return (
                values["MESSAGES"].flatMap { Int($0) }, values["UIDNEXT"].flatMap { UInt32($0) },
                values["UIDVALIDITY"].flatMap { UInt32($0) }
            )
        }
        return nil
    }

    /// `* 12 FETCH (UID 34 RFC822.SIZE 567 FLAGS (\Seen))` lines → summaries (lines without UID skipped).
    static func fetchSummaries(in lines: [String]) -> [IMAPMessageSummary] {
        var result: [IMAPMessageSummary] = []
        for line in lines {
            guard let items = fetchItems(line) else { continue }
            guard let uid = items["UID"]?.first.flatMap({ UInt32($0) }) else { continue }
            let size = items["RFC822.SIZE"]?.first.flatMap { Int($0) } ?? 0
            result.append(
                IMAPMessageSummary(
                    uid: uid, size: size, flags: items["FLAGS"] ?? [],
                    internalDate: items["INTERNALDATE"]?.first.flatMap(internalDate)))
        }
        return result
    }

    /// `17-Jul-1996 02:44:25 -0700` (the day may be space-padded) → the instant; nil when malformed.
    static func internalDate(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 3 else { return nil }
        let dmy = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let hms = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        let zone = Array(parts[2].utf8)
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        guard dmy.count == 3, hms.count == 3, dmy[0].count <= 2, dmy[2].count == 4, hms.allSatisfy({ $0.count == 2 }),
            let day = Int(dmy[0]), let monthIndex = months.firstIndex(of: dmy[1].uppercased()), let year = Int(dmy[2]),
            let hour = Int(hms[0]), let minute = Int(hms[1]), let second = Int(hms[2]),
            (1...31).contains(day), (1...9999).contains(year), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second),
            zone.count == 5, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
            zone.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let zh = Int(String(decoding: zone[1...2], as: UTF8.self)),
            let zm = Int(String(decoding: zone[3...4], as: UTF8.self))
        else { return nil }
        let offset = (zh * 3600 + zm * 60) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
        var components = DateComponents()
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        guard let local = calendar.date(from: components) else { return nil }
        return local.addingTimeInterval(TimeInterval(-offset))
    }

    /// The attribute/value pairs of one `* n FETCH (...)` line; list values flattened to their atoms.
    static func fetchItems(_ line: String) -> [String: [String]]? {
        let parts = line.split(separator: " ", maxSplits: 3)
        guard parts.count == 4, parts[0] == "*", Int(parts[1]) != nil, parts[2].uppercased() == "FETCH" else {
            return nil
        }
        var tokens = tokenize(String(parts[3]))[...]
        guard tokens.first == "(" else { return nil }
        tokens.removeFirst()
        var items: [String: [String]] = [:]
        while let key = tokens.popFirst(), key != ")" {
            guard let value = tokens.popFirst() else { break }
            if value == "(" {
                var list: [String] = []
                var depth = 1
                while let t = tokens.popFirst() {
                    if t == "(" {
                        depth += 1
                    } else if t == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    } else {
                        list.append(t)
                    }
                }
                items[key.uppercased()] = list
            } else {
                items[key.uppercased()] = [value]
            }
        }
        return items
    }

    /// Splits into atoms, quoted strings (unquoted) and parentheses.
    static func tokenize(_ s: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuote = false
        var escaped = false
        for ch in s {
            if inQuote {
                if escaped {
                    current.append(ch)
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    inQuote = false
                    tokens.append(current)
                    current = ""
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case "\"":
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                inQuote = true
            case "(", ")":
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                tokens.append(String(ch))
            case " ":
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            default:
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The capabilities last announced (`* CAPABILITY …` or a `[CAPABILITY …]` response code), upper-cased.
    static func capabilities(in lines: [String]) -> Set<String>? {
        for line in lines.reversed() {
            if line.hasPrefix("* CAPABILITY ") {
                return Set(line.dropFirst("* CAPABILITY ".count).split(separator: " ").map { $0.uppercased() })
            }
            if let start = line.range(of: "[CAPABILITY "), let end = line[start.upperBound...].firstIndex(of: "]") {
                return Set(line[start.upperBound..<end].split(separator: " ").map { $0.uppercased() })
            }
        }
        return nil
    }

    /// Text of the last tagged NO/BAD reply (`A004 NO [TRYCREATE] Mailbox doesn't exist: X`).
    static func taggedFailure(in lines: [String]) -> String? {
        for line in lines.reversed() {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, parts[0] != "*", parts[0] != "+" else { continue }
            let status = parts[1].uppercased()
            if status == "NO" || status == "BAD" { return parts.count == 3 ? String(parts[2]) : status }
        }
        return nil
    }

    /// `[APPENDUID 1700000000 12]` → 12.
    static func appendUID(in lines: [String]) -> UInt32? {
        for line in lines.reversed() {
            guard let start = line.range(of: "[APPENDUID "), let end = line[start.upperBound...].firstIndex(of: "]")
            else { continue }
            let words = line[start.upperBound..<end].split(separator: " ")
            if words.count == 2 { return UInt32(words[1]) }
        }
        return nil
    }

    /// `[1,2,3,7,9,10]` → `1:3,7,9:10`.
    static func uidSet(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var ranges: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            ranges.append(i == j ? "\(sorted[i])" : "\(sorted[i]):\(sorted[j])")
            i = j + 1
        }
        return ranges.joined(separator: ",")
    }

    /// An IMAP quoted string of a mailbox name already in modified UTF-7 (ASCII, no CR/LF).
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

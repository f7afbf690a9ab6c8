import CSV
import Foundation

/// A CSV file as the contract describes it: UTF-8 (a BOM is ignored), a header line, `;` or `,` as delimiter
/// (the one found in the header), double quotes around fields that need them. The fields are read by yaslab's
/// CSV.swift; coopmail adds the line number of each row, the delimiter's detection and the refusal of a quote left open.
struct CSVTable {
    let header: [String]
    /// Rows with their line number in the file (1-based, the header is line 1).
    let rows: [(line: Int, fields: [String])]

    /// A last row coopmail adds to the text: a quote left open swallows it, which is how an unclosed quote is found.
    private static let endMarker = "\u{E000}coopmail-fin-du-fichier\u{E000}"

    init(text: String) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: UnicodeScalar =
            firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        let reader = try CSVReader(
            string: text + "\n" + Self.endMarker, hasHeaderRow: false,
            trimFields: true, delimiter: delimiter)
        var records: [(line: Int, fields: [String])] = []
        var line = 1
        while let fields = reader.next() {
            records.append((line, fields))
            // A row takes one line, plus one per line break inside its quoted fields.
            line += 1 + fields.reduce(0) { n, field in field.utf8.reduce(n) { $1 == 0x0A ? $0 + 1 : $0 } }
        }
        // The record that swallowed the end marker is the one whose quote was never closed.
        if let last = records.popLast(), last.fields != [Self.endMarker] {
            throw ImportError(line: last.line, reason: "guillemet ouvrant sans guillemet fermant")
        }
        records.removeAll { $0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
        guard let first = records.first else { throw ImportError(line: 1, reason: "fichier vide") }
        header = first.fields.map { $0.trimmingSpaces.lowercased() }
        rows = Array(records.dropFirst())
    }

    /// Column index for each name; throws when one is missing.
    func columns(_ names: [String]) throws -> [String: Int] {
        var map: [String: Int] = [:]
        for name in names {
            guard let i = header.firstIndex(of: name) else {
                throw ImportError(
                    line: 1,
                    reason: "colonne « \(name) » absente de l'en-tête (attendu : \(names.joined(separator: ";")))")
            }
            map[name] = i
        }
        return map
    }
}

/// A refused import: the whole file is refused, with the line and the reason in French.
public struct ImportError: Error, CustomStringConvertible, LocalizedError {
    public let line: Int
    public let reason: String
    public var description: String { "ligne \(line) : \(reason)" }
    public var errorDescription: String? { description }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs: what `trimmingCharacters(in: .whitespaces)` removes (tab and the
    /// Unicode space separators), without going through Foundation's NSString (most of a 50,000-row import's time).
    var trimmingSpaces: String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

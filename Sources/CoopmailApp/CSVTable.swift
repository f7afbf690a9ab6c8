import Foundation

/// A CSV file as the contract describes it: UTF-8 (a BOM is ignored), a header line, `;` or `,` as delimiter
/// (the one found in the header), double quotes around fields that need them.
struct CSVTable {
    let header: [String]
    /// Rows with their line number in the file (1-based, the header is line 1).
    let rows: [(line: Int, fields: [String])]

    init(text: String) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return iterator.next() }
        while let ch = next() {
            if inQuotes {
                if ch == "\"" {
                    if let n = next() { if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n } } else { inQuotes = false }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                inQuotes = true
            } else if ch == delimiter {
                fields.append(field); field = ""
            } else if ch == "\n" || ch == "\r\n" || ch == "\r" {
                fields.append(field); field = ""
                records.append((recordLine, fields)); fields = []
                line += 1; recordLine = line
            } else {
                field.append(ch)
            }
        }
        if inQuotes { throw ImportError(line: recordLine, reason: "guillemet ouvrant sans guillemet fermant") }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((recordLine, fields)) }
        records.removeAll { $0.1.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = records.first else { throw ImportError(line: 1, reason: "fichier vide") }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }

    /// Column index for each name; throws when one is missing.
    func columns(_ names: [String]) throws -> [String: Int] {
        var map: [String: Int] = [:]
        for name in names {
            guard let i = header.firstIndex(of: name) else {
                throw ImportError(line: 1, reason: "colonne « \(name) » absente de l'en-tête (attendu : \(names.joined(separator: ";")))")
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

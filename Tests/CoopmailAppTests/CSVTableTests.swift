import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailApp

/// The CSV reading on the library keeps what the importers rely on: line numbers, the delimiter found in the header,
/// the BOM, quotes, and a refusal with its line for a quote left open. Checked against the hand-written reader it
/// replaced (kept below as the reference), over seeded generated files.
@Suite("CSV table on CSV.swift")
struct CSVTableTests {
    static let pieces = [
        "075-0123", "École Keller", "Paris 11e", "a@b.test|c@d.test", "FR76 3000", "", " espace ", "1 234,56",
        "Œuvre", "x", "12,5", "ligne\nsuivante", "guillemet \"dit\"", "a;b", "a,b", "fin\r\nCRLF",
    ]

    static func field(_ value: String, delimiter: Character, _ rng: inout SeededGenerator) -> String {
        let needsQuotes =
            value.contains(delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r")
        if needsQuotes || Int.random(in: 0..<4, using: &rng) == 0 {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    static func file(_ rng: inout SeededGenerator) -> String {
        let delimiter: Character = Bool.random(using: &rng) ? ";" : ","
        let columns = Int.random(in: 2...6, using: &rng)
        let newline = Bool.random(using: &rng) ? "\n" : "\r\n"
        var lines = [(0..<columns).map { "Col\($0)" }.joined(separator: String(delimiter))]
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            if Int.random(in: 0..<6, using: &rng) == 0 {
                lines.append("")
                continue
            }
            let count = Int.random(in: 1...columns, using: &rng)
            lines.append(
                (0..<count).map { _ in
                    field(pieces[Int.random(in: 0..<pieces.count, using: &rng)], delimiter: delimiter, &rng)
                }.joined(separator: String(delimiter)))
        }
        let bom = Bool.random(using: &rng) ? "\u{FEFF}" : ""
        return bom + lines.joined(separator: newline) + (Bool.random(using: &rng) ? newline : "")
    }

    @Test(
        "Same header, rows, line numbers and (trimmed) fields as the reader it replaced",
        arguments: 1...6 as ClosedRange<UInt64>)
    func sameAsBefore(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<60 {
            let text = Self.file(&rng)
            let new = try CSVTable(text: text)
            let old = try ReferenceCSV(text: text)
            #expect(new.header == old.header, "\(text)")
            #expect(new.rows.map(\.line) == old.rows.map(\.line), "\(text)")
            let trim = { (f: [String]) in f.map { $0.trimmingCharacters(in: .whitespaces) } }
            #expect(new.rows.map { trim($0.fields) } == old.rows.map { trim($0.fields) }, "\(text)")
        }
    }

    @Test("A quote left open is refused at the line where its row starts")
    func openQuote() {
        let text = "numero;ecole\n075-0123;École\n075-0124;\"École\nsur deux lignes\n075-0125;x\n"
        #expect(throws: ImportError(line: 3, reason: "guillemet ouvrant sans guillemet fermant")) {
            try CSVTable(text: text)
        }
        #expect(throws: ImportError(line: 1, reason: "fichier vide")) { try CSVTable(text: "\u{FEFF}\n \n;;\n") }
    }

    @Test("The header's delimiter decides; a BOM is ignored; a quoted line break counts as a line")
    func delimiterAndLines() throws {
        let table = try CSVTable(text: "\u{FEFF}Numero,Ecole,x;bis\r\n1,\"a;b\"\r\n\r\n2,\"deux\r\nlignes\"\r\n3,c\r\n")
        #expect(table.header == ["numero", "ecole", "x;bis"])
        #expect(table.rows.map(\.line) == [2, 4, 6])
        #expect(table.rows.map(\.fields) == [["1", "a;b"], ["2", "deux\r\nlignes"], ["3", "c"]])
    }
}

extension ImportError: Equatable {
    public static func == (a: ImportError, b: ImportError) -> Bool { a.line == b.line && a.reason == b.reason }
}

/// The hand-written reader coopmail used before CSV.swift, kept as the reference for the comparison above.
struct ReferenceCSV {
    let header: [String]
    let rows: [(line: Int, fields: [String])]

    init(text: String) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character =
            firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let ch = next() {
            if inQuotes {
                if ch == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = n
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                inQuotes = true
            } else if ch == delimiter {
                fields.append(field)
                field = ""
            } else if ch == "\n" || ch == "\r\n" || ch == "\r" {
                fields.append(field)
                field = ""
                records.append((recordLine, fields))
                fields = []
                line += 1
                recordLine = line
            } else {
                field.append(ch)
            }
        }
        if inQuotes { throw ImportError(line: recordLine, reason: "guillemet ouvrant sans guillemet fermant") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        records.removeAll { $0.1.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = records.first else { throw ImportError(line: 1, reason: "fichier vide") }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailStore

/// `StoredJSONDecoder` must give `JSONDecoder`'s value whenever it gives one: on the texts `JSON.encode` writes
/// (random checks, statements, quitus, lists with hostile strings) it must give it, and on hostile texts (random
/// edits of those, escapes, numbers, surrogates) it may refuse but never disagree.
@Suite struct StoredJSONDecoderTests {
    /// Quotes, backslashes, slashes, C0 controls, DEL, C1, U+2028/2029, BOM, bidi override, accents, emoji (non-BMP,
    /// ZWJ sequences), CR LF.
    static let alphabet: [String] = [
        "a", "Z", "é", "€", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}",
        "\u{7F}",
        "\u{85}", "\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{202E}", "😀", "👩‍👩‍👧", "𝄞", "\r\n", "«", "ß", "0", "{",
        "}",
        "[", "]", ",", ":",
    ]

    static func text(_ rng: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "" }.joined()
    }

    static func money(_ rng: inout SeededGenerator) -> Money? {
        Bool.random(using: &rng)
            ? nil
            : Money(
                cents: [0, -1, 1, Int64.max, Int64.min, Int64.random(in: -10_000_000...10_000_000, using: &rng)]
                    .randomElement(using: &rng) ?? 0)
    }

    static func date(_ rng: inout SeededGenerator) -> CalendarDate {
        CalendarDate(
            year: Int.random(in: 1990...2040, using: &rng), month: Int.random(in: 1...12, using: &rng),
            day: Int.random(in: 1...28, using: &rng)) ?? CalendarDate(iso: "2021-08-31")!
    }

    static func checks(_ rng: inout SeededGenerator) -> [Check] {
        (0..<Int.random(in: 0...8, using: &rng)).map { _ in
            Check(
                rule: Rule.allCases.randomElement(using: &rng) ?? .crfBalanced,
                verdict: [Verdict.pass, .fail, .unknown].randomElement(using: &rng) ?? .pass,
                expected: money(&rng), found: money(&rng), difference: money(&rng), detail: text(&rng))
        }
    }

    static func statement(_ rng: inout SeededGenerator) -> BankStatement {
        var s = BankStatement(
            holder: Bool.random(using: &rng) ? text(&rng) : nil, iban: Bool.random(using: &rng) ? text(&rng) : nil,
            accountNumber: Bool.random(using: &rng) ? "518.06.4209" : nil,
            periodStart: Bool.random(using: &rng) ? date(&rng) : nil,
            periodEnd: Bool.random(using: &rng) ? date(&rng) : nil,
            balances: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                .init(date: date(&rng), amount: money(&rng) ?? Money(cents: 0), label: text(&rng))
            },
            movements: (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                .init(
                    date: date(&rng), label: text(&rng), amount: money(&rng) ?? Money(cents: 0),
                    balancesBefore: Bool.random(using: &rng) ? Int.random(in: 0...3, using: &rng) : nil)
            },
            movementsReconciled: [nil, true, false].randomElement(using: &rng) ?? nil)
        for i in s.balances.indices {
            s.balances[i].readByOCR = [nil, true, false].randomElement(using: &rng) ?? nil
            s.balances[i].signFromOCRColumn = [nil, true, false].randomElement(using: &rng) ?? nil
        }
        s.readingNotes = Bool.random(using: &rng) ? [text(&rng), text(&rng)] : nil
        return s
    }

    static func quitus(_ rng: inout SeededGenerator) -> Quitus {
        let measures: [Double] = [0, 1, 0.42, 0.1 + 0.2, 1e-7, 123.456, 5e-324, 0.999_999_999_999_9]
        var q = Quitus(
            cooperativeNumbers: ["075-0123", "092-9999"].compactMap { CooperativeNumber(parsing: $0) },
            school: Bool.random(using: &rng) ? text(&rng) : nil,
            exercise: Bool.random(using: &rng) ? Exercise("2020-2021") : nil, income: money(&rng),
            expenses: money(&rng), bankBalance: money(&rng),
            saysCorrect: [nil, true, false].randomElement(using: &rng) ?? nil,
            signatures: Bool.random(using: &rng)
                ? SignaturePlace.allCases.map {
                    SignatureReading(
                        place: $0, verdict: .signed, measure: measures.randomElement(using: &rng) ?? 0,
                        box: Bool.random(using: &rng) ? PlaceBox(x0: 1, y0: 2, x1: 3, y1: 4) : nil)
                } : nil)
        if Bool.random(using: &rng) {
            q.signingPage = SigningPage(number: 1, rotation: 90, textLayer: false, rasterWidth: 2480, rasterHeight: nil)
        }
        return q
    }

    /// Decodes with both; the fast decoder must succeed on what `JSON.encode` wrote, and both must give `value`.
    func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let text = JSON.encode(value)
        #expect(try StoredJSONDecoder.decode(T.self, from: text) == value, "\(text)")
        #expect(try JSONDecoder().decode(T.self, from: Data(text.utf8)) == value, "\(text)")
        #expect(JSON.decode(T.self, text) == value)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func encodedValuesDecodeAsWithJSONDecoder(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<150 {
            try roundTrip(Self.checks(&rng))
            try roundTrip(Self.statement(&rng))
            try roundTrip(Self.quitus(&rng))
            try roundTrip((0..<Int.random(in: 0...4, using: &rng)).map { _ in Self.text(&rng) })
            try roundTrip((0..<Int.random(in: 0...4, using: &rng)).map { _ in Int.random(in: -5...500, using: &rng) })
            try roundTrip(Dictionary(uniqueKeysWithValues: [("from", Self.text(&rng)), ("to", Self.text(&rng))]))
        }
    }

    /// Where the fast decoder answers, it answers as JSONDecoder; a refusal is allowed (JSONDecoder then decides).
    func agrees<T: Decodable & Equatable>(_ type: T.Type, _ text: String) {
        let fast = try? StoredJSONDecoder.decode(type, from: text)
        let reference = try? JSONDecoder().decode(type, from: Data(text.utf8))
        if let fast { #expect(fast == reference, "\(text.debugDescription)") }
        #expect(JSON.decode(type, text) == reference, "\(text.debugDescription)")
    }

    @Test func hostileTextsNeverDecodeOtherwise() {
        let texts = [
            "", " ", "null", "[]", " [ ] ", "[1,]", "[01]", "[-0]", "[1.0]", "[1e2]", "[1E+2]", "[-1]", "[2.5]",
            "[9223372036854775807]", "[9223372036854775808]", "[-9223372036854775808]", "[1e400]", "[\"a\",]",
            "[\"\\u00e9\\/\\b\"]", "[\"\\ud83d\\ude00\"]", "[\"\\ud800\"]", "[\"\\udc00\\ud800\"]", "[\"\\u0000\"]",
            "[\"\\x\"]", "[\"\u{1}\"]", "[\"a\"] x", "[true]", "[null]", "{\"a\":1,\"a\":2}", "[\"\\uD83D\\uDE00\"]",
            "[{\"rule\":\"crf_balanced\",\"verdict\":\"pass\",\"detail\":\"x\",\"expected\":1.0}]",
            "[{\"rule\":\"crf_balanced\",\"verdict\":\"pass\",\"detail\":\"x\",\"expected\":null}]",
            "[{\"rule\":\"crf_balanced\",\"verdict\":\"pass\",\"detail\":\"x\",\"extra\":[1,{}]}]",
            "[{\"rule\":\"nope\",\"verdict\":\"pass\",\"detail\":\"x\"}]",
            "[{\"rule\":\"crf_balanced\",\"verdict\":\"pass\",\"detail\":\"x\",\"rule\":\"statement_date\"}]",
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for t in texts {
            agrees([Int].self, t)
            agrees([Int64].self, t)
            agrees([Double].self, t)
            agrees([String].self, t)
            agrees([Check].self, t)
        }
    }

    /// Random edits of encoded values: a character dropped, doubled, replaced by one of JSON's or by an escape.
    @Test(arguments: [UInt64(7), 8])
    func editedTextsNeverDecodeOtherwise(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let pieces = [
            "", "\"", "\\", ",", ":", "[", "]", "{", "}", "0", "-", ".", "e", "1", "null", "true", " ", "\\u00e9",
            "\\ud83d", "\\ude00", "\\n", "\\/", "é", "\u{1}",
        ]
        for _ in 0..<400 {
            let kind = Int.random(in: 0..<3, using: &rng)
            let encoded =
                kind == 0
                ? JSON.encode(Self.checks(&rng))
                : kind == 1 ? JSON.encode(Self.statement(&rng)) : JSON.encode(Self.quitus(&rng))
            var scalars = Array(encoded.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !scalars.isEmpty {
                let at = Int.random(in: 0..<scalars.count, using: &rng)
                let piece = Array((pieces.randomElement(using: &rng) ?? "").unicodeScalars)
                if Bool.random(using: &rng) {
                    scalars.replaceSubrange(at...at, with: piece)
                } else {
                    scalars.insert(contentsOf: piece, at: at)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            switch kind {
            case 0: agrees([Check].self, text)
            case 1: agrees(BankStatement.self, text)
            default: agrees(Quitus.self, text)
            }
        }
    }
}

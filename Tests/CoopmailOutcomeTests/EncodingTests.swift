import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailOutcome

@Suite("Quoted-printable, RFC 2047, RFC 5322 dates")
struct EncodingTests {
    static let alphabet: [Character] = Array("abcXYZ 019=.\t,;:!?-_«»€éèàçôœ’–…😀\u{00A0}") + ["\n", " ", " ", "e"]

    static func randomText(_ rng: inout SeededGenerator, maxLength: Int) -> String {
        String(
            (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
            })
    }

    @Test("Quoted-printable decodes back, with ASCII lines of at most 76 characters")
    func quotedPrintableRoundTrip() {
        var rng = SeededGenerator(seed: 2047)
        var samples = [
            "", "Bonjour,\n", "Le solde (1\u{00A0}234,56\u{00A0}€) diffère.\n", "trailing space \nend\t\n",
            ".début\nFrom here\n", String(repeating: "é", count: 200) + "\n", String(repeating: "=", count: 100),
        ]
        for _ in 0..<500 { samples.append(Self.randomText(&rng, maxLength: 300)) }
        for text in samples {
            let encoded = QuotedPrintable.encode(text)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            let lines = encoded.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.count <= 76 }, "\(text)")
            #expect(
                !encoded.replacingOccurrences(of: "\r\n", with: "").contains("\r")
                    && !encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") }, "no trailing white space")
            let expected = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
            #expect(Decode.quotedPrintable(encoded) == expected, "\(text)")
        }
    }

    @Test("Encoded words decode back, never longer than 75 characters")
    func encodedWordsRoundTrip() {
        var rng = SeededGenerator(seed: 5322)
        var samples = ["Dossier à corriger – coopérative 075-0123 – exercice 2020-2021", "😀😀😀😀😀😀😀😀😀😀😀😀", "é"]
        for _ in 0..<300 {
            samples.append(Self.randomText(&rng, maxLength: 120).replacingOccurrences(of: "\n", with: " "))
        }
        for text in samples where !text.isEmpty {
            let words = EncodedWord.encode(text)
            #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
            #expect(Decode.encodedWords(words.joined(separator: "\r\n ")) == text, "\(text)")
        }
        #expect(
            EncodedWord.isPlain("Accuse de reception") && !EncodedWord.isPlain("Accusé")
                && !EncodedWord.isPlain("=?x?="))
    }

    @Test(
        "RFC 5322 dates",
        arguments: [
            (1_630_454_400.0 + 3_661, 0, "Wed, 01 Sep 2021 01:01:01 +0000"),
            (1_795_000_000.0, 3_600, "Wed, 18 Nov 2026 12:06:40 +0100"),
            (951_782_400.0, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
            (0.0, -5 * 3_600 - 1_800, "Wed, 31 Dec 1969 18:30:00 -0530"),
        ])
    func dates(seconds: Double, offset: Int, expected: String) {
        #expect(
            RFC5322Date.format(Date(timeIntervalSince1970: seconds), timeZone: TimeZone(secondsFromGMT: offset)!)
                == expected)
    }
}

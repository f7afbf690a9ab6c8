import CGMime
import CoopmailMIME
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailOutcome

/// What coopmail writes, GMime reads back the same: subject, display names, body and date, over seeded French texts.
@Suite("Outcome mail written by GMime, read back by GMime")
struct GMimeRoundTripTests {
    static let words = [
        "Bonjour", "Madame", "Monsieur", "la", "coopérative", "scolaire", "a", "bien", "reçu", "votre", "relevé",
        "BRED",
        "du", "31/08", "solde", "diffère", "de", "60,00\u{00A0}€", "«\u{00A0}quitus\u{00A0}»", "à", "corriger",
        "exercice",
        "2020-2021", "élève", "Noël", "Œuvre", "façade", "naïf", "où", "déjà", "l’école", "mandataire", "—", "…", "été",
        "From", ".", "=?UTF-8?B?QmNjOiB4?=", "=", "Hélène", "Lefèvre", "Çà", "crédit", "débit", "1\u{00A0}234,56", "😀",
    ]

    static func sentence(_ rng: inout SeededGenerator, words count: Int, from list: [String] = words) -> String {
        (0..<count).map { _ in list[Int.random(in: 0..<list.count, using: &rng)] }.joined(separator: " ")
    }

    static func body(_ rng: inout SeededGenerator) -> String {
        let lines = (0..<Int.random(in: 1...12, using: &rng)).map { _ -> String in
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return ""
            case 1: return "From " + sentence(&rng, words: Int.random(in: 1...8, using: &rng))
            case 2: return "." + sentence(&rng, words: Int.random(in: 1...30, using: &rng))
            case 3: return sentence(&rng, words: Int.random(in: 20...60, using: &rng))  // several physical lines
            default: return sentence(&rng, words: Int.random(in: 1...15, using: &rng))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("Write with OutcomeMessage, parse with GMime, compare", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<40 {
            let subject = Self.sentence(&rng, words: Int.random(in: 1...25, using: &rng))
            let name = Self.sentence(
                &rng, words: Int.random(in: 1...4, using: &rng), from: Self.words.filter { !$0.contains(",") })
            let body = Self.body(&rng)
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 946_684_800...2_000_000_000, using: &rng)))
            let offset = Int.random(in: -12...14, using: &rng) * 3_600
            let message = OutcomeMessage(
                from: Mailbox(name: "OCCE AD75", address: "ad75@occe.coop"),
                to: [
                    Mailbox(name: name, address: "m@example.org"),
                    Mailbox(name: "Équipe " + name, address: "e@example.org"),
                ],
                subject: subject, body: body, messageID: "<outcome-1@occe.coop>", date: date,
                timeZone: TimeZone(secondsFromGMT: offset)!)
            let raw = try message.encoded()
            #expect(raw.utf8.allSatisfy { $0 < 0x80 })
            #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "\(raw)")
            let parsed = MIMEParser().parse(Data(raw.utf8))
            #expect(parsed.problems.isEmpty)
            #expect(parsed.subject == subject, "\(raw)")
            #expect(parsed.fromName == "OCCE AD75" && parsed.fromAddress == "ad75@occe.coop")
            #expect(parsed.date == date)
            #expect(parsed.bodyText.replacingOccurrences(of: "\r\n", with: "\n") == body, "\(raw)")
            let names = try #require(Self.displayNames(raw))
            #expect(names == [name, "Équipe " + name], "\(raw)")
        }
    }

    /// The display names of the To field as GMime decodes them.
    static func displayNames(_ raw: String) -> [String]? {
        let unfolded = Decode.message(raw).headers.first { $0.name == "To" }?.value.replacingOccurrences(
            of: "\r\n", with: "")
        guard let unfolded, let list = internet_address_list_parse(nil, unfolded) else { return nil }
        defer { coop_unref(list) }
        return (0..<internet_address_list_length(list)).map { i in
            internet_address_list_get_address(list, i).flatMap { internet_address_get_name($0) }.map {
                String(cString: $0)
            } ?? ""
        }
    }
}

import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

/// In-Reply-To and References are the sender's words: only whole `<…@…>` identifiers are taken, bounded in size
/// and number, whatever surrounds them.
@Suite struct ReplyHeaderTests {
    @Test(arguments: [UInt64(21), 22, 23, 24, 25, 26])
    func onlyWholeIdentifiersAreTakenInBoundedNumbers(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let ours = "<outcome-\(UInt32.random(in: 0...UInt32.max, using: &rng))@occe.test>"
        let junk = [
            "", " ", "\t", "\r\n ", "(commentaire)", "<", ">", "<<", "<sans-arobase>", "<a b@c>", "<x\u{1}@y>",
            "\u{202E}", "é", String(ours.dropLast()) + " ", " " + String(ours.dropFirst()),
            "<" + String(repeating: "a", count: 300) + "@x>",
        ]
        func noise() -> String {
            (0..<Int.random(in: 0...4, using: &rng)).map { _ in junk.randomElement(using: &rng)! }.joined()
        }
        let found = Int.random(in: 0...1, using: &rng) == 1
        let inReplyTo = noise() + (found ? ours : "") + noise()
        let references = (0..<Int.random(in: 0...5, using: &rng)).map { "<r\($0)@ecole.test>" + noise() }.joined(
            separator: " ")
        let ids = Store.referencedMessageIDs(inReplyTo: inReplyTo, references: references)
        #expect(ids.contains(ours) == found, "\(inReplyTo.debugDescription) → \(ids)")
        for id in ids {
            #expect(
                id.hasPrefix("<") && id.hasSuffix(">") && id.contains("@") && id.count <= 250, "\(id.debugDescription)")
            #expect(
                !id.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F },
                "\(id.debugDescription)")
            #expect(id.dropFirst().dropLast().allSatisfy { $0 != "<" && $0 != ">" }, "\(id.debugDescription)")
        }
        // In-Reply-To first: the mail answered directly.
        if found { #expect(ids.first == ours, "\(ids)") }
    }

    @Test func aHugeReferencesHeaderGivesAtMostAHundredIdentifiers() {
        let references = (0..<10_000).map { "<id\($0)@ecole.test>" }.joined(separator: " ")
        let ids = Store.referencedMessageIDs(inReplyTo: nil, references: references)
        #expect(ids.count == 100)
        #expect(Set(ids).count == 100)
    }
}

import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Text-layer quitus pages drawn upright and saved turned a quarter (/Rotate 90 or 270, the media box left A4
/// portrait, as a viewer's « rotate page » does), from the independent generator (scripts/make-quitus-other.py), for
/// several seeds: each is read as a quitus, with the same cooperative number, exercise and figures as the same page
/// without its /Rotate, and every signature place as labelled (`unreadable` at worst, never an empty place signed).
///
/// The generator first wrote such pages with reportlab's media box swapped to A4 landscape: the upper part of the
/// drawing (title, number, figures) lay off the page, where no viewer shows it and pdftotext rightly drops it.
@Suite struct QuarterTurnQuitusTests {
    /// The same PDF shown upright: its « /Rotate N » entries written « /Rotate 0 » padded to the same length, so the
    /// cross-reference offsets stay right.
    static func upright(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for turn in ["90", "180", "270"] {
            let from = Array("/Rotate \(turn)".utf8)
            let to = Array(("/Rotate 0" + String(repeating: " ", count: turn.count - 1)).utf8)
            var i = 0
            while i + from.count <= out.count {
                if Array(out[i..<(i + from.count)]) == from {
                    out.replaceSubrange(i..<(i + from.count), with: to)
                    i += from.count
                } else {
                    i += 1
                }
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3])
    func quarterTurnedPagesReadAsUpright(seed: Int) async throws {
        let (folder, files) = try OtherHandsQuitusTests.pages(
            seed: seed, cases: "tous-signes,parent-vide,enseignant-vide", forms: "pdfrot", count: 2)
        defer { try? FileManager.default.removeItem(at: folder) }
        var turned = 0
        for (name, places) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(name)
            guard try [90, 270].contains(OtherHandsQuitusTests.pdfRotation(url)) else { continue }
            turned += 1
            let bytes = try [UInt8](Data(contentsOf: url))
            let twin = await DocumentReader().read(Self.upright(bytes))
            let expected = QuitusReader.read(twin.pages.map(\.text).joined(separator: "\n"))
            try #require(!expected.cooperativeNumbers.isEmpty && expected.bankBalance != nil, "\(name): upright twin")
            let quitus = try #require(
                await DocumentReader().readParts(bytes).1.first { $0.kind == .quitus }?.quitus, "\(name): no quitus")
            #expect(quitus.cooperativeNumbers == expected.cooperativeNumbers, "\(name)")
            #expect(quitus.exercise == expected.exercise, "\(name)")
            #expect(
                quitus.income == expected.income && quitus.expenses == expected.expenses
                    && quitus.bankBalance == expected.bankBalance, "\(name)")
            let signatures = quitus.signatures ?? []
            #expect(signatures.count == SignaturePlace.allCases.count, "\(name)")
            for got in signatures {
                let label = places[got.place.rawValue]
                if label == "signed" {
                    #expect(got.verdict == .signed || got.verdict == .unreadable, "\(name) \(got.place): \(got)")
                } else {
                    #expect(got.verdict == .empty || got.verdict == .unreadable, "\(name) \(got.place): \(got)")
                }
            }
            // Mostly exact: an `unreadable` place is a doubt staff look at, not the rule.
            #expect(signatures.filter { $0.verdict == .unreadable }.count <= 1, "\(name): \(signatures)")
        }
        #expect(turned >= 2)
    }

    @Test func uprightTwinKeepsTheBytesLength() {
        let bytes = Array("<< /Rotate 270 /Type /Page >> << /Rotate 90 >>".utf8)
        let twin = Self.upright(bytes)
        #expect(twin.count == bytes.count)
        #expect(String(decoding: twin, as: UTF8.self) == "<< /Rotate 0   /Type /Page >> << /Rotate 0  >>")
    }
}

import CoopmailStore
import CoopmailTestSupport
import Foundation
import Testing

@Suite struct JSONTests {
    /// The hand-written encoder of header lists must give exactly `JSONEncoder`'s text: stored rows stay comparable.
    @Test func stringListsEncodeLikeJSONEncoder() {
        var generator = SeededGenerator(seed: 75)
        let alphabet: [Character] = Array("aé€ \"\\/\n\r\t\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}😀ß<>&'") + ["\r\n"]
        var samples: [[[String]]] = [[], [[]], [["Subject", "Relevé 31/08 \"coop\" \\ n°0123"]]]
        for _ in 0..<300 {
            samples.append(
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                        String(
                            (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                                alphabet.randomElement(using: &generator)!
                            })
                    }
                })
        }
        for lists in samples {
            #expect(JSON.encode(stringLists: lists) == JSON.encode(lists), "\(lists)")
        }
    }
}

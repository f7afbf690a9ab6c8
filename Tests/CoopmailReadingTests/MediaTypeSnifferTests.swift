import Foundation
import Testing

@testable import CoopmailReading

@Suite struct MediaTypeSnifferTests {
    /// The signature shortcut must name every fixture exactly as libmagic does, and leave the rest to it.
    @Test func signaturesAgreeWithLibmagic() throws {
        let sniffer = MediaTypeSniffer.shared
        let folder = Fixtures.directory
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let bytes = try Fixtures.bytes(name)
            let libmagic = sniffer.libmagicType(of: bytes)
            if let shortcut = MediaTypeSniffer.signature(of: bytes) {
                #expect(shortcut == libmagic, "\(name)")
                checked += 1
            }
            #expect(sniffer.mediaType(of: bytes) == libmagic, "\(name)")
        }
        #expect(checked >= 10)
        // Bytes that only look like the start of a signature are not taken for it.
        #expect(MediaTypeSniffer.signature(of: Array("%PD".utf8)) == nil)
        #expect(MediaTypeSniffer.signature(of: [0x89, 0x50, 0x4E, 0x47]) == nil)
        #expect(
            sniffer.mediaType(of: [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40)) != "application/pdf")
    }

    /// Several threads sniff at once (ingest uses two): every answer is still right.
    @Test func concurrentCallersGetTheirOwnAnswers() async throws {
        let pdf = try Fixtures.bytes("releve-2021-08-0123.pdf")
        let text = Array("Bonjour, voici le relevé du compte de la coopérative.\n".utf8)
        let answers = await withTaskGroup(of: (Bool, String).self) { group in
            for i in 0..<40 {
                group.addTask {
                    i % 2 == 0
                        ? (true, MediaTypeSniffer.shared.mediaType(of: pdf))
                        : (false, MediaTypeSniffer.shared.mediaType(of: text))
                }
            }
            var all: [(Bool, String)] = []
            for await a in group { all.append(a) }
            return all
        }
        #expect(answers.count == 40)
        for (isPDF, type) in answers { #expect(isPDF ? type == "application/pdf" : type.hasPrefix("text/")) }
    }
}

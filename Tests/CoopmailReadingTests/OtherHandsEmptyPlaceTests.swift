import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Five of the six quitus with an empty parent's place that passed on scripts/make-quitus-other.py seeds 30–35 (587
/// pages made by the independent generator, never run before session 19), made again by that script and read as the
/// reader does: none may pass. Each stands for a family ``TypedRowTests`` also makes with the seeded generator: typed
/// « Lu et approuvé » (a scan, a photo), a stamp's large number (a fax), a stamp over « Signature » labels the OCR did
/// not read (a scan), a date written by hand under a « Date » label read « pate » (a fax). The sixth (seed 33,
/// `tampon-seul`, fax: a stamp crossed by three lines, whose ring is not found) still passes.
@Suite struct OtherHandsEmptyPlaceTests {
    @Test(arguments: [
        (34, "noms-tapes", "scan"), (30, "noms-tapes", "photo"), (35, "tampon-seul", "scan"),
        (31, "tampon-seul", "fax"), (31, "date-sans-signature", "fax"),
    ])
    func anEmptyParentsPlaceNeverPasses(seed: Int, family: String, form: String) async throws {
        let (folder, files) = try OtherHandsQuitusTests.pages(seed: seed, cases: family, forms: form)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #require(files.count == 1)
        for (name, places) in files {
            #expect(places["parent"] == "empty", "\(name): the generator's label")
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let quitus = await DocumentReader().readParts(bytes).1.first { $0.kind == .quitus }?.quitus
            let signatures = try #require(quitus?.signatures, "\(name): no quitus read")
            let parent = signatures.first { $0.place == .parent }
            #expect(
                parent?.verdict != .signed,
                "\(name): the empty parent's place read signed (\(String(describing: parent)))")
            #expect(SignatureSeedTests.rule(signatures) != "pass", "\(name): quitus_signed passed")
        }
    }
}

import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// The quitus with an empty parent's place that passed on scripts/make-quitus-other.py seeds 30–35 and 40–42 (881
/// pages made by the independent generator, each seed never run before it was measured), made again by that script
/// and read as the reader does: none may pass. Each stands for a family a seeded generator also makes: typed « Lu et
/// approuvé » (a scan, a photo: ``TypedRowTests``), a stamp's large number (a fax: ``TypedRowTests``), a stamp over
/// « Signature » labels the OCR did not read (a scan), a date written by hand under a « Date » label read « pate » (a
/// fax: ``TypedRowTests``), a faxed stamp crossed by three lines (seed 33: ``FaxedStampTests``), a photo's shadow
/// taken for the sheet's edge (seed 42: ``PageEdgeInkTests``), and a faxed stamp beside a signature whose loop was once
/// taken for a ring (seed 32).
@Suite struct OtherHandsEmptyPlaceTests {
    @Test(arguments: [
        (34, "noms-tapes", "scan"), (30, "noms-tapes", "photo"), (35, "tampon-seul", "scan"),
        (31, "tampon-seul", "fax"), (31, "date-sans-signature", "fax"), (33, "tampon-seul", "fax"),
        (42, "tampon-seul", "photo"), (32, "tampon-seul", "fax"),
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
            // Nor is a signed place beside it read empty: a ring taken from a signature's loop (seed 32's teacher,
            // `StampRing.smallestRadius`) would have the mandataire told that signature is missing.
            for (place, label) in places where label == "signed" {
                let reading = signatures.first { $0.place.rawValue == place }
                #expect(reading?.verdict != .empty, "\(name): the signed \(place)'s place read empty")
            }
        }
    }
}

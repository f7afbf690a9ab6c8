import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// Phone photos of a curling sheet (scripts/make-quitus.py `--forms curl`: the page's columns sag along a parabola
/// before the photo's angle, light and JPEG: over a box's third of the page the sag's sagitta is 1.1–2.8 px, as much as
/// a pen's gentle curve). Checked on the verdicts: an empty place is never called signed, a quitus with an empty place
/// never passes, signed places stay signed (a bowed rule that crosses 80 % of its place stays printed, ``InkMeter``).
@Suite(.serialized) struct CurledPhotoTests {
    @Test(arguments: [3, 8])
    func curledSheetsKeepTheirRulesPrinted(_ seed: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labels = try PaleBluePhotoTests.pages(
            seed: seed, cases: "aucune-signature,parent-manquant,tous-signes", forms: "curl", in: dir)
        try #require(labels.files.count == 3)
        for (name, label) in labels.files.sorted(by: { $0.key < $1.key }) {
            let (readings, tag) = try await PaleBluePhotoTests.readings(name, in: dir, seed: seed)
            for reading in readings {
                let truth = label.places[reading.place.rawValue] ?? "empty"
                if truth == "signed" {
                    #expect(reading.verdict == .signed, "\(tag)")
                } else {
                    #expect(reading.verdict != .signed, "\(tag)")
                }
            }
            let expected = label.places["parent"] == "signed" && label.places["teacher"] == "signed" ? "pass" : "fail"
            #expect(SignatureSeedTests.rule(readings) == expected, "\(tag)")
        }
    }
}

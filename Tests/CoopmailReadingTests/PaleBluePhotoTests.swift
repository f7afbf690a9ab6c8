import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// A worn pale blue ballpoint on a phone photo (scripts/make-quitus.py, case `stylo-bleu-pale`, form `photo`): a
/// stroke one or two pixels wide at 0.76–0.80 of the paper's gray, plainly visible. Its place's pale level is set from
/// the paper's grain; measured beside the printed words and box rules (whose dark pulls the local mean down), the grain
/// came out twice too large, the pale level fell to the dark threshold and the teacher's place read `empty` on seeds
/// 5, 6 and 7 (the quitus failed where it should pass). The same seeds' empty quitus stays empty: its photo has the
/// same grain and rules, and no place may be called signed.
@Suite(.serialized) struct PaleBluePhotoTests {
    /// Pages of `cases` in `forms` for one seed (scripts/make-quitus.py `--all`), generated afresh into `dir`.
    static func pages(seed: Int, cases: String, forms: String, in dir: URL) throws -> QuitusFixtures.Labels {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Repository.root.appendingPathComponent("scripts/make-quitus.py").path, "--all", "--seed", String(seed),
            "--cases", cases, "--forms", forms, dir.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-quitus.py --seed \(seed) --forms \(forms)")
        return try JSONDecoder().decode(
            QuitusFixtures.Labels.self, from: Data(contentsOf: dir.appendingPathComponent("labels.json")))
    }

    /// The verdicts of one generated page, read as the reader does (OCR, then the signature check), and a line for
    /// messages.
    static func readings(_ name: String, in dir: URL, seed: Int) async throws -> ([SignatureReading], String) {
        let decided = await SignatureSeedTests.decided(
            dir.appendingPathComponent(name), cache: dir.appendingPathComponent(name + ".decided"))
        let d = try #require(decided, "graine \(seed) \(name) : page non lue")
        let readings = SignatureInspector.decide(image: d.image, words: d.words, textLayer: d.textLayer).readings
        let row = readings.map { "\($0.place.rawValue)=\($0.verdict.rawValue)(\($0.measure))" }.joined(separator: " ")
        return (readings, "graine \(seed) \(name) : \(row)")
    }

    @Test(arguments: [5, 6, 7])
    func paleBlueBallpointOnAPhotoIsSigned(_ seed: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labels = try Self.pages(seed: seed, cases: "stylo-bleu-pale,aucune-signature", forms: "photo", in: dir)
        try #require(labels.files.count == 2)
        for (name, label) in labels.files.sorted(by: { $0.key < $1.key }) {
            let (readings, tag) = try await Self.readings(name, in: dir, seed: seed)
            if label.case == "stylo-bleu-pale" {
                for place in [SignaturePlace.parent, .teacher] {
                    let reading = readings.first { $0.place == place }
                    #expect(reading?.verdict == .signed, "\(tag)")
                }
                #expect(SignatureSeedTests.rule(readings) == "pass", "\(tag)")
            } else {
                #expect(readings.allSatisfy { $0.verdict != .signed }, "\(tag)")
                #expect(SignatureSeedTests.rule(readings) == "fail", "\(tag)")
            }
        }
    }
}

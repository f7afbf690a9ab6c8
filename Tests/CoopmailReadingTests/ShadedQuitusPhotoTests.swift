import CoopmailDomain
import CoopmailReading
import CoopmailTestSupport
import Foundation
import Testing

/// A quitus photographed with its right part in shade (a hand or the phone above it): the paper there at 0.72–0.82 of
/// the lit paper's level. Tesseract thresholds the page once, the shaded paper came out dark and the teacher's box gave
/// no word: its place was not found, `quitus_signed` stayed unknown whatever the teacher did (scripts/make-quitus-other.py
/// seeds 4, 6, 8 and 9, phone photos). The signature check reads such a page once more with its light evened out
/// (``GrayImage/evenedLight(block:)``). Pages of scripts/make-quitus.py (a signed and an unsigned teacher) shaded here,
/// read as the reader reads an attachment.
@Suite struct ShadedQuitusPhotoTests {
    /// One page of `name` (a make-quitus.py case) for `seed`, rendered at 200 dpi with grain, its right part from
    /// `from` (share of the width) in shade at `light`, as a JPEG.
    static func shaded(_ name: String, seed: Int, from: Double, light: Double, in dir: URL) throws -> URL {
        let script = """
            import importlib.util, random, sys, os
            from PIL import Image, ImageChops, ImageDraw, ImageFilter
            spec = importlib.util.spec_from_file_location("quitus", sys.argv[1])
            q = importlib.util.module_from_spec(spec); spec.loader.exec_module(q)
            pdf = os.path.join(sys.argv[2], "q.pdf")
            q.quitus_pdf(pdf, sys.argv[3], int(sys.argv[4]))
            img = q.noisy(q.rasterise(pdf, 200), int(sys.argv[4]), skew=0.4)
            w, h = img.size
            shade = Image.new("L", (w, h), 255)
            ImageDraw.Draw(shade).rectangle([int(float(sys.argv[5]) * w), 0, w, h], fill=int(255 * float(sys.argv[6])))
            img = ImageChops.multiply(img, shade.filter(ImageFilter.GaussianBlur(w // 60)))
            img.save(sys.argv[7], "JPEG", quality=85)
            """
        let out = dir.appendingPathComponent("\(name)-\(seed).jpg")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", script, Repository.root.appendingPathComponent("scripts/make-quitus.py").path, dir.path, name,
            String(seed), String(from), String(light), out.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-quitus.py \(name) \(seed)")
        return out
    }

    @Test(arguments: [1, 2, 3])
    func theShadedTeachersPlaceIsFoundAndRead(_ seed: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: UInt64(seed) * 977)
        for (name, teacher) in [("tous-signes", SignatureVerdict.signed), ("enseignant-manquant", .empty)] {
            let from = Double.random(in: 0.645...0.66, using: &rng)
            let light = Double.random(in: 0.72...0.82, using: &rng)
            let file = try Self.shaded(name, seed: seed, from: from, light: light, in: dir)
            let parts = await DocumentReader().readParts([UInt8](try Data(contentsOf: file))).1
            let readings = try #require(
                parts.first { $0.kind == .quitus }?.quitus?.signatures, "graine \(seed) \(name) : pas de quitus")
            let tag =
                "graine \(seed) \(name), ombre depuis \(Int(100 * from)) % à \(Int(100 * light)) % : "
                + readings.map { "\($0.place.rawValue)=\($0.verdict.rawValue)(\($0.measure))" }.joined(separator: " ")
            #expect(readings.first { $0.place == .teacher }?.verdict == teacher, "\(tag)")
            #expect(readings.first { $0.place == .parent }?.verdict == .signed, "\(tag)")
        }
    }
}

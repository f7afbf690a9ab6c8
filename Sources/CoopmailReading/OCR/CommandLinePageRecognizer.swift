import Foundation

/// A page raster read by tesseract's command line, one process per run (turned by ImageMagick first): what the
/// reader does when no `coopmail-ocr` worker is available.
struct CommandLinePageRecognizer: PageRecognizer {
    var image: String
    var runner: ToolRunner
    var language: String
    var osdAvailable: Bool
    var scratch: ScratchDirectory
    var tag: String

    /// No cheap guess on the command line: the page is read as it is first.
    func orientationHint() async -> Int? { nil }

    func orientation() async -> Int? {
        let out = await runner.run("tesseract", [image, "stdout", "--psm", "0", "--dpi", "300", "-l", "osd"])
        guard out.succeeded else { return nil }
        var rotate: Int? = nil
        var confidence = 0.0
        for line in out.text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "Rotate" { rotate = Int(parts[1]) }
            if parts[0] == "Orientation confidence" { confidence = Double(parts[1]) ?? 0 }
        }
        guard let rotate, [0, 90, 180, 270].contains(rotate), confidence >= Self.minimumOrientationConfidence else {
            return nil
        }
        return rotate
    }

    func recognise(rotation: Int) async -> String? { await recognition(rotation: rotation)?.text }

    func recognition(rotation: Int) async -> PageRecognition? {
        var input = image
        if rotation != 0 {
            let rotated = scratch.file("\(tag)-r\(rotation).pgm")
            let out = await runner.run("convert", ["pgm:" + image, "-rotate", String(rotation), "pgm:" + rotated])
            guard out.succeeded else { return nil }
            input = rotated
        }
        let out = await runner.run(
            "tesseract",
            [input, "stdout", "-l", language, "--psm", "4", "--dpi", "300", "-c", "preserve_interword_spaces=1", "tsv"])
        if input != image { try? FileManager.default.removeItem(atPath: input) }
        guard out.succeeded else { return nil }
        // TSV words, laid out by their position on the page (OCRLayout).
        return PageRecognition.fromAnswer(out.text)
    }
}

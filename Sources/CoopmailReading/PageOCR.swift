import Foundation

/// OCR of one raster page: puts it upright (OSD, else the best-reading of four rotations), then runs tesseract `fra`.
struct PageOCR: Sendable {
    var runner: ToolRunner
    var language: String
    /// Tesseract OSD needs `osd.traineddata`; when missing, rotations are tried instead.
    var osdAvailable: Bool

    struct Result: Sendable {
        var text: String
        var rotation: Int
    }

    /// `image` is a grayscale PNG in `scratch`; returns nil when nothing could be read.
    func read(image: String, scratch: ScratchDirectory, tag: String) async -> Result? {
        var osdRotation: Int? = nil
        if osdAvailable {
            osdRotation = await orientation(of: image)
        }
        if let r = osdRotation {
            if let text = await recognise(image: image, rotation: r, scratch: scratch, tag: tag),
               TextQuality.frenchScore(text) >= 10 {
                return Result(text: text, rotation: r)
            }
        }
        // No confident OSD, or its answer reads badly: try the four rotations and keep the best-reading one.
        var best: Result? = nil
        var bestScore = -1.0
        for r in [0, 90, 180, 270] {
            guard let text = await recognise(image: image, rotation: r, scratch: scratch, tag: tag) else { continue }
            let score = TextQuality.frenchScore(text)
            if score > bestScore {
                best = Result(text: text, rotation: r)
                bestScore = score
            }
            if score >= 40 { break }
        }
        return best
    }

    /// Clockwise degrees to apply, from tesseract's orientation and script detection; nil when unsure.
    func orientation(of image: String) async -> Int? {
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
        guard let rotate, [0, 90, 180, 270].contains(rotate), confidence >= 1.0 else { return nil }
        return rotate
    }

    /// Tesseract's text of `image` turned `rotation` degrees clockwise.
    func recognise(image: String, rotation: Int, scratch: ScratchDirectory, tag: String) async -> String? {
        var input = image
        if rotation != 0 {
            let rotated = scratch.file("\(tag)-r\(rotation).pgm")
            let out = await runner.run("convert", ["pgm:" + image, "-rotate", String(rotation), "pgm:" + rotated])
            guard out.succeeded else { return nil }
            input = rotated
        }
        let out = await runner.run("tesseract", [input, "stdout", "-l", language, "--psm", "4", "--dpi", "300", "-c", "preserve_interword_spaces=1"])
        guard out.succeeded else { return nil }
        let text = out.text
        return TextQuality.alphanumericCount(text) > 0 ? text : nil
    }
}

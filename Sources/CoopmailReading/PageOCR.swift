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
        // Most scans are upright: read as is first, and stop there when the text reads as French.
        let upright = await recognise(image: image, rotation: 0, scratch: scratch, tag: tag).map { Result(text: $0, rotation: 0) }
        if let upright, TextQuality.dictionaryHits(upright.text) >= Self.readsWell { return upright }
        var candidates: [Result] = upright.map { [$0] } ?? []
        if osdAvailable, let r = await orientation(of: image), r != 0 {
            if let text = await recognise(image: image, rotation: r, scratch: scratch, tag: tag) {
                let turned = Result(text: text, rotation: r)
                if TextQuality.dictionaryHits(text) >= Self.readsWell { return turned }
                candidates.append(turned)
            }
        }
        // No confident orientation, or its answer reads badly: try the other rotations, keep the best-reading one.
        for r in [90, 180, 270] where !candidates.contains(where: { $0.rotation == r }) {
            if let text = await recognise(image: image, rotation: r, scratch: scratch, tag: tag) {
                candidates.append(Result(text: text, rotation: r))
                if TextQuality.dictionaryHits(text) >= Self.readsWell { break }
            }
        }
        return candidates.max { TextQuality.frenchScore($0.text) < TextQuality.frenchScore($1.text) }
    }

    /// Common French / banking words a page must show to count as read upright.
    static let readsWell = 8

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
        if input != image { try? FileManager.default.removeItem(atPath: input) }
        guard out.succeeded else { return nil }
        let text = out.text
        return TextQuality.alphanumericCount(text) > 0 ? text : nil
    }
}

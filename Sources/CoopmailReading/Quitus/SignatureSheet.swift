import CoopmailDomain
import Foundation

/// One PNG that puts a quitus's three signature places side by side, each captioned with its verdict and measure,
/// so that staff confirm the verdicts at a glance. The crops come from the same raster the verdicts were decided on;
/// ImageMagick's `montage` assembles them (argument array, the reader's time and memory limits).
public enum SignatureSheet {
    /// Writes the sheet to `path`; false when the page cannot be rendered again or no place is found on it.
    public static func write(
        _ bytes: [UInt8], mediaType: String, page: SigningPage, to path: String,
        inspector: SignatureInspector
    ) async -> Bool {
        let text = PageText(
            number: page.number, text: "", source: page.textLayer ? .textLayer : .ocr, rotation: page.rotation)
        guard let inspection = await inspector.inspection(bytes, mediaType: mediaType, page: text),
            !inspection.regions.isEmpty,
            let scratch = try? ScratchDirectory(base: inspector.temporaryDirectory)
        else { return false }
        defer { scratch.remove() }
        var arguments = [
            "-limit", "memory", "256MiB", "-limit", "disk", "1GiB", "-pointsize", "16", "-background", "white",
        ]
        for reading in inspection.readings {
            let caption =
                "Signature \(reading.place.frenchOf) : \(reading.verdict.french) (mesure \(String(format: "%.2f", reading.measure).replacingOccurrences(of: ".", with: ",")))"
                .replacingOccurrences(of: "%", with: "%%")
            let file = scratch.file("place-\(reading.place.rawValue).pgm")
            let part =
                inspection.regions.first { $0.place == reading.place }
                .map { crop(inspection.image, $0) }
                ?? GrayImage(width: 40, height: 40, pixels: [UInt8](repeating: 255, count: 1600))
            guard (try? Data(part.pgm).write(to: URL(fileURLWithPath: file))) != nil else { return false }
            arguments += ["-label", caption, "pgm:" + file]
        }
        arguments += ["-tile", "3x1", "-geometry", "+12+12", "png:" + path]
        return await inspector.ocrRunner.run("montage", arguments).succeeded
    }

    static func crop(_ image: GrayImage, _ r: PlaceRegion) -> GrayImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(r.width * r.height)
        for y in r.y0..<r.y1 { pixels += image.pixels[(y * image.width + r.x0)..<(y * image.width + r.x1)] }
        return GrayImage(width: r.width, height: r.height, pixels: pixels)
    }
}

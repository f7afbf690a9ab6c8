import CoopmailDomain
import Foundation

/// One PNG that puts a quitus's three signature places side by side, each captioned with its verdict and measure,
/// so that staff confirm the verdicts at a glance. The crops come from the same raster the verdicts were decided on;
/// ImageMagick's `montage` assembles them (argument array, the reader's time and memory limits).
public enum SignatureSheet {
    /// Writes the sheet to `path` from the places and verdicts stored with the reading (`stored`): the page is
    /// rendered again, but its places are neither found nor measured anew, so the sheet shows exactly what was
    /// decided. Readings stored without their places' boxes (older versions) are found again as ``write(_:mediaType:page:to:inspector:)``
    /// does. False when the page cannot be rendered again or no place is known on it.
    public static func write(
        _ bytes: [UInt8], mediaType: String, page: SigningPage, stored: [SignatureReading], to path: String,
        inspector: SignatureInspector
    ) async -> Bool {
        guard stored.contains(where: { $0.box != nil }) else {
            return await write(bytes, mediaType: mediaType, page: page, to: path, inspector: inspector)
        }
        guard let image = await inspector.raster(bytes, mediaType: mediaType, page: pageText(page)) else {
            return false
        }
        // The raster is made as when the verdicts were decided; should its size differ, the boxes follow it.
        let sx = page.rasterWidth.map { Double(image.width) / Double(max(1, $0)) } ?? 1
        let sy = page.rasterHeight.map { Double(image.height) / Double(max(1, $0)) } ?? 1
        let regions = stored.compactMap { r -> PlaceRegion? in
            guard let b = r.box else { return nil }
            let x0 = scaled(b.x0, sx, within: image.width)
            let x1 = scaled(b.x1, sx, within: image.width)
            let y0 = scaled(b.y0, sy, within: image.height)
            let y1 = scaled(b.y1, sy, within: image.height)
            guard x1 > x0, y1 > y0 else { return nil }
            return PlaceRegion(place: r.place, x0: x0, y0: y0, x1: x1, y1: y1)
        }
        guard !regions.isEmpty else { return false }
        return await montage(image: image, regions: regions, readings: stored, to: path, inspector: inspector)
    }

    /// Writes the sheet to `path`, finding and measuring the places again on a new rendering of the page; false when
    /// the page cannot be rendered again or no place is found on it.
    public static func write(
        _ bytes: [UInt8], mediaType: String, page: SigningPage, to path: String,
        inspector: SignatureInspector
    ) async -> Bool {
        guard let inspection = await inspector.inspection(bytes, mediaType: mediaType, page: pageText(page)),
            !inspection.regions.isEmpty
        else { return false }
        return await montage(
            image: inspection.image, regions: inspection.regions, readings: inspection.readings, to: path,
            inspector: inspector)
    }

    /// A stored coordinate times `scale`, kept within `0...limit` before it becomes an `Int` (a stored box is only
    /// read back, but whatever its numbers the conversion never traps).
    static func scaled(_ value: Int, _ scale: Double, within limit: Int) -> Int {
        let v = (Double(value) * scale).rounded()
        guard v.isFinite else { return 0 }
        return Int(min(Double(limit), max(0, v)))
    }

    static func pageText(_ page: SigningPage) -> PageText {
        PageText(number: page.number, text: "", source: page.textLayer ? .textLayer : .ocr, rotation: page.rotation)
    }

    /// The crops of `regions` side by side, captioned with `readings`' verdicts and measures.
    static func montage(
        image: GrayImage, regions: [PlaceRegion], readings: [SignatureReading], to path: String,
        inspector: SignatureInspector
    ) async -> Bool {
        guard let scratch = try? ScratchDirectory(base: inspector.temporaryDirectory) else { return false }
        defer { scratch.remove() }
        var arguments = [
            "-limit", "memory", "256MiB", "-limit", "disk", "1GiB", "-pointsize", "16", "-background", "white",
        ]
        for reading in readings {
            let caption =
                "Signature \(reading.place.frenchOf) : \(reading.verdict.french) (mesure \(String(format: "%.2f", reading.measure).replacingOccurrences(of: ".", with: ",")))"
                .replacingOccurrences(of: "%", with: "%%")
            let file = scratch.file("place-\(reading.place.rawValue).pgm")
            let part =
                regions.first { $0.place == reading.place }
                .map { crop(image, $0) }
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

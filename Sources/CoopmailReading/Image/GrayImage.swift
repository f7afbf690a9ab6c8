/// An 8-bit gray raster (0 black, 255 white), read from a binary PGM (P5) file made by pdftoppm or ImageMagick.
public struct GrayImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Parses a P5 file; nil when it is not one, is larger than `maxPixels`, or is cut short. 16-bit samples keep
    /// their high byte.
    public init?(pgm bytes: [UInt8], maxPixels: Int = 64_000_000) {
        var i = 0
        func skipSpaceAndComments() {
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "#") {
                    while i < bytes.count, bytes[i] != 10 { i += 1 }
                } else if bytes[i] == 32 || (bytes[i] >= 9 && bytes[i] <= 13) {
                    i += 1
                } else {
                    return
                }
            }
        }
        func number() -> Int? {
            skipSpaceAndComments()
            var value = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57, digits < 9 {
                value = value * 10 + Int(bytes[i] - 48)
                i += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        i = 2
        guard let w = number(), let h = number(), let maxval = number(), w > 0, h > 0, maxval > 0, maxval < 65536,
            w <= maxPixels / h, i < bytes.count
        else { return nil }
        i += 1  // the single whitespace after maxval
        let sampleBytes = maxval > 255 ? 2 : 1
        let count = w * h
        guard bytes.count - i >= count * sampleBytes else { return nil }
        width = w
        height = h
        if sampleBytes == 1 {
            if maxval == 255 {
                pixels = Array(bytes[i..<(i + count)])
            } else {
                pixels = bytes[i..<(i + count)].map { UInt8(min(255, Int($0) * 255 / maxval)) }
            }
        } else {
            pixels = (0..<count).map { k in
                UInt8((Int(bytes[i + 2 * k]) << 8 | Int(bytes[i + 2 * k + 1])) * 255 / maxval)
            }
        }
    }

    @inline(__always) public func at(_ x: Int, _ y: Int) -> UInt8 { pixels[y * width + x] }

    /// The image turned clockwise by 90, 180 or 270 degrees (other angles: unchanged).
    public func rotated(clockwise degrees: Int) -> GrayImage {
        switch ((degrees % 360) + 360) % 360 {
        case 90:
            var out = [UInt8](repeating: 255, count: pixels.count)
            for y in 0..<height { for x in 0..<width { out[x * height + (height - 1 - y)] = pixels[y * width + x] } }
            return GrayImage(width: height, height: width, pixels: out)
        case 180:
            return GrayImage(width: width, height: height, pixels: pixels.reversed())
        case 270:
            var out = [UInt8](repeating: 255, count: pixels.count)
            for y in 0..<height { for x in 0..<width { out[(width - 1 - x) * height + y] = pixels[y * width + x] } }
            return GrayImage(width: height, height: width, pixels: out)
        default:
            return self
        }
    }

    /// The binary PGM bytes of this image.
    public var pgm: [UInt8] { Array("P5\n\(width) \(height)\n255\n".utf8) + pixels }
}

/// The width and height in pixels written in the header of a PNG, GIF or JPEG file, without decoding it.
/// Nil when the bytes are none of these or the header is cut or malformed (never traps on hostile input).
public enum ImagePixelSize {
    public static func of(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int? { i + 1 < bytes.count ? Int(bytes[i]) << 8 | Int(bytes[i + 1]) : nil }
        func be32(_ i: Int) -> Int? {
            guard let a = be16(i), let b = be16(i + 2) else { return nil }
            return a << 16 | b
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // IHDR is the first chunk: width and height at 16 and 20.
            guard let w = be32(16), let h = be32(20), w > 0, h > 0 else { return nil }
            return (w, h)
        }
        if bytes.starts(with: Array("GIF8".utf8)) {
            guard bytes.count >= 10 else { return nil }
            let w = Int(bytes[6]) | Int(bytes[7]) << 8
            let h = Int(bytes[8]) | Int(bytes[9]) << 8
            return w > 0 && h > 0 ? (w, h) : nil
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            var i = 2
            while i + 3 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if marker == 0xFF {
                    i += 1
                    continue
                }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                    i += 2
                    continue
                }
                guard let length = be16(i + 2), length >= 2 else { return nil }
                // Start of frame (baseline, progressive, …; not DHT C4, JPG C8, DAC CC): height then width.
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    guard let h = be16(i + 5), let w = be16(i + 7), w > 0, h > 0 else { return nil }
                    return (w, h)
                }
                if marker == 0xDA || marker == 0xD9 { return nil }
                i += 2 + length
            }
        }
        return nil
    }
}

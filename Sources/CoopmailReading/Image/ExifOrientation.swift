/// The EXIF orientation of a JPEG (APP1 `Exif` segment) or PNG (`eXIf` chunk): 1 = stored upright, 3 = turned
/// 180°, 6 = needs 90° clockwise, 8 = needs 270° clockwise, 2/4/5/7 mirrored. Phone photos rely on it.
enum ExifOrientation {
    /// The orientation tag of `bytes`, 1 when there is none or it cannot be read.
    static func value(in bytes: [UInt8]) -> Int {
        let tiff: ArraySlice<UInt8>?
        if bytes.starts(with: [0xFF, 0xD8]) {
            tiff = jpegExif(bytes)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            tiff = pngExif(bytes)
        } else {
            tiff = nil
        }
        guard let tiff, let value = orientation(inTIFF: tiff), (1...8).contains(value) else { return 1 }
        return value
    }

    /// The TIFF structure inside the first APP1 `Exif\0\0` segment before the image data.
    private static func jpegExif(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            // Start of scan or end of image: no more metadata segments.
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let body = bytes[(i + 4)..<(i + 2 + length)]
            if marker == 0xE1, body.starts(with: Array("Exif".utf8) + [0, 0]) {
                return body.dropFirst(6)
            }
            i += 2 + length
        }
        return nil
    }

    /// The `eXIf` chunk's data (a TIFF structure).
    private static func pngExif(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var i = 8
        while i + 8 <= bytes.count {
            let length = bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            guard length >= 0, i + 12 + length <= bytes.count else { return nil }
            if type == "eXIf" { return bytes[(i + 8)..<(i + 8 + length)] }
            if type == "IDAT" || type == "IEND" { return nil }
            i += 12 + length
        }
        return nil
    }

    /// Tag 0x0112 of the first image directory.
    private static func orientation(inTIFF tiff: ArraySlice<UInt8>) -> Int? {
        let t = Array(tiff)
        guard t.count >= 8 else { return nil }
        let little: Bool
        switch (t[0], t[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= t.count else { return nil }
            return little ? Int(t[at]) | Int(t[at + 1]) << 8 : Int(t[at]) << 8 | Int(t[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(2) == 42, let directory = u32(4), let count = u16(directory) else { return nil }
        for n in 0..<count {
            let entry = directory + 2 + 12 * n
            guard let tag = u16(entry) else { return nil }
            // A SHORT value sits in the first two bytes of the value field.
            if tag == 0x0112 { return u16(entry + 8) }
        }
        return nil
    }
}

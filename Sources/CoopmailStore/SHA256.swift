import CCrypto
import Foundation

/// SHA-256 through OpenSSL's libcrypto: the identity of every stored message and attachment.
public enum SHA256 {
    /// Lower-case hexadecimal digest of `data`.
    public static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        data.withUnsafeBytes { raw in
            _ = EVP_Digest(raw.baseAddress, raw.count, &digest, &size, EVP_sha256(), nil)
        }
        return hexString(digest)
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let table: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: bytes.count * 2)
        for (i, b) in bytes.enumerated() {
            out[2 * i] = table[Int(b >> 4)]
            out[2 * i + 1] = table[Int(b & 0x0f)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True for a 64-character lower-case hexadecimal string: the only names the blob store accepts.
    public static func isDigest(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

import Foundation
import ZIPFoundation

/// Expands a zip attachment into the files it holds, within limits; a bomb is refused, never expanded.
struct ZipExpander {
    var maxEntries = 100
    var maxEntryBytes = 50 * 1024 * 1024
    var maxTotalBytes = 100 * 1024 * 1024
    var maxRatio: UInt64 = 100

    struct Inner { var path: String; var data: Data }

    struct Refused: Error { let reason: String }

    /// The regular files inside, in archive order. Nested archives are returned as files, not expanded.
    func expand(_ data: Data) throws -> [Inner] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Refused(reason: "archive zip illisible") }
        var out: [Inner] = []
        var total = 0
        var count = 0
        for entry in archive where entry.type == .file {
            count += 1
            if count > maxEntries { throw Refused(reason: "archive zip avec trop de fichiers (plus de \(maxEntries))") }
            let declared = entry.uncompressedSize
            let compressed = max(entry.compressedSize, 1)
            if declared > UInt64(maxEntryBytes) || declared / compressed > maxRatio {
                throw Refused(reason: "archive zip suspecte (bombe de décompression ?) : « \(entry.path) »")
            }
            var buffer = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    buffer.append(chunk)
                    // Sizes in the header can lie: count what really comes out.
                    if buffer.count > maxEntryBytes || total + buffer.count > maxTotalBytes
                        || UInt64(buffer.count) / compressed > maxRatio { throw Refused(reason: "") }
                }
            } catch let r as Refused where r.reason.isEmpty {
                throw Refused(reason: "archive zip suspecte (bombe de décompression ?) : « \(entry.path) »")
            } catch {
                throw Refused(reason: "archive zip corrompue : « \(entry.path) »")
            }
            total += buffer.count
            out.append(Inner(path: entry.path, data: buffer))
        }
        return out
    }
}

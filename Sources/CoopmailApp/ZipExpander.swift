import Foundation
import ZIPFoundation

/// Expands a zip attachment into the files it holds, within limits; a bomb is refused, never expanded.
struct ZipExpander {
    var maxEntries = 100
    var maxEntryBytes = 50 * 1024 * 1024
    /// Bytes one archive may expand to.
    var maxTotalBytes = 100 * 1024 * 1024
    var maxRatio: UInt64 = 100

    struct Inner {
        var path: String
        var data: Data
    }

    struct Refused: Error { let reason: String }

    /// What all the archives of one mail may still expand to: shared by every ``expand(_:budget:)`` of the mail.
    struct Budget {
        var remaining: Int
        /// The budget it started with, for the reason given when it runs out.
        let limit: Int
        init(remaining: Int) {
            self.remaining = max(0, remaining)
            limit = max(0, remaining)
        }
    }

    /// The regular files inside, in archive order, within this archive's limits and what is left of the mail's
    /// `budget` (reduced by what this archive expands to). Nested archives are returned as files, not expanded.
    func expand(_ data: Data, budget: inout Budget) throws -> [Inner] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Refused(reason: "archive zip illisible")
        }
        var out: [Inner] = []
        var total = 0
        var count = 0
        let entryLimit = UInt64(clamping: maxEntryBytes)
        let ratio = max(maxRatio, 1)
        let available = budget.remaining
        let overBudget = Refused(
            reason: "archives zip trop volumineuses une fois décompressées : plus de "
                + "\(Self.megabytes(budget.limit)) au total pour ce message")
        for entry in archive where entry.type == .file {
            count += 1
            if count > maxEntries { throw Refused(reason: "archive zip avec trop de fichiers (plus de \(maxEntries))") }
            let declared = entry.uncompressedSize
            let compressed = max(entry.compressedSize, 1)
            if declared > entryLimit || declared / compressed > ratio {
                throw Refused(reason: "archive zip suspecte (bombe de décompression ?) : « \(entry.path) »")
            }
            if declared > UInt64(clamping: available - total) { throw overBudget }
            var buffer = Data()
            var budgetExceeded = false
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    buffer.append(chunk)
                    // Sizes in the header can lie: count what really comes out.
                    if total + buffer.count > available {
                        budgetExceeded = true
                        throw Refused(reason: "")
                    }
                    if buffer.count > maxEntryBytes || total + buffer.count > maxTotalBytes
                        || UInt64(buffer.count) / compressed > ratio
                    {
                        throw Refused(reason: "")
                    }
                }
            } catch let r as Refused where r.reason.isEmpty {
                if budgetExceeded { throw overBudget }
                throw Refused(reason: "archive zip suspecte (bombe de décompression ?) : « \(entry.path) »")
            } catch {
                throw Refused(reason: "archive zip corrompue : « \(entry.path) »")
            }
            total += buffer.count
            out.append(Inner(path: entry.path, data: buffer))
        }
        budget.remaining = available - total
        return out
    }

    /// The regular files inside, with only this archive's limits.
    func expand(_ data: Data) throws -> [Inner] {
        var budget = Budget(remaining: maxTotalBytes)
        return try expand(data, budget: &budget)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) Mo" : "\(max(1, bytes / 1024)) ko"
    }
}

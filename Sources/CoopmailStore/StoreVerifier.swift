import Foundation
import GRDB

/// What `verify` found in a data folder.
public struct VerifyReport: Sendable {
    /// Blobs the database refers to.
    public var referenced = 0
    /// Referenced blobs that are not on disk.
    public var missing: [String] = []
    /// Referenced blobs whose bytes no longer have their SHA-256.
    public var corrupted: [String] = []
    /// Blobs no row refers to (a crashed ingest, a purge), relative paths under `blobs/`.
    public var orphans: [String] = []
    /// Leftover temporary files of interrupted writes, relative paths under `blobs/`.
    public var temporaries: [String] = []
    /// Files that are neither blobs nor temporary files (never removed).
    public var foreign: [String] = []
    /// Orphans and temporary files removed by the repair.
    public var removed: [String] = []
    /// Orphans and temporary files left because they are recent (an ingest may be writing them).
    public var keptRecent: [String] = []

    public var isHealthy: Bool { missing.isEmpty && corrupted.isEmpty }
}

/// Checks a data folder: every blob the database refers to exists and has its SHA-256; lists orphans and leftover
/// temporary files, and with `repair` removes them. A referenced blob is never removed.
public enum StoreVerifier {
    /// Files younger than this are left by the repair: an ingest writes its blobs before committing the rows that
    /// refer to them, so a fresh orphan may be a mail being stored right now.
    public static let repairGrace: TimeInterval = 3600

    public static func verify(_ store: Store, repair: Bool, now: Date = Date()) throws -> VerifyReport {
        var report = VerifyReport()
        let referenced = try store.db.read { try BlobReferences.digests($0) }
        report.referenced = referenced.count
        var seen = Set<String>()
        let fm = FileManager.default
        let root = store.folder.blobsURL
        let shards = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        for shard in shards {
            let shardURL = root.appendingPathComponent(shard, isDirectory: true)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: shardURL.path, isDirectory: &isDir), isDir.boolValue else {
                report.foreign.append(shard)
                continue
            }
            for name in ((try? fm.contentsOfDirectory(atPath: shardURL.path)) ?? []).sorted() {
                let relative = shard + "/" + name
                let fileURL = shardURL.appendingPathComponent(name)
                if name.hasPrefix(".") && name.hasSuffix(".tmp") {
                    report.temporaries.append(relative)
                    if repair { remove(fileURL, relative, now: now, into: &report) }
                } else if SHA256.isDigest(name) && name.hasPrefix(shard) {
                    if referenced.contains(name) {
                        seen.insert(name)
                        guard let data = try? Data(contentsOf: fileURL), SHA256.hex(data) == name else {
                            report.corrupted.append(name)
                            continue
                        }
                    } else {
                        report.orphans.append(relative)
                        if repair { remove(fileURL, relative, now: now, into: &report) }
                    }
                } else {
                    report.foreign.append(relative)
                }
            }
        }
        report.missing = referenced.subtracting(seen).sorted()
        return report
    }

    static func remove(_ url: URL, _ relative: String, now: Date, into report: inout VerifyReport) {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? now
        if now.timeIntervalSince(modified) < repairGrace {
            report.keptRecent.append(relative)
        } else if unlink(url.path) == 0 {
            report.removed.append(relative)
        }
    }
}

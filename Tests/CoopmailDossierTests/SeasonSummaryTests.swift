import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// `status` counts the dossiers of unregistered cooperatives from the registered ones without a dossier it lists
/// anyway: the same count as looking each dossier's cooperative up, on generated registries and dossiers.
@Suite struct SeasonSummaryTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func unregisteredDossiersAreCountedAsByLookingThemUp(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let numbers = (1...40).map { String(format: "075-%04d", $0) }
        try store.db.write { db in
            for n in numbers where Bool.random(using: &rng) {
                try db.execute(
                    sql: "INSERT INTO cooperative VALUES (?, 'École', 'Paris', 'M', '[]', NULL, 'now')", arguments: [n])
            }
            for n in numbers {
                for exercise in ["2019-2020", "2020-2021"] where Int.random(in: 0..<3, using: &rng) > 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at)
                            VALUES (?, ?, 'incomplete', 'incomplete', '[]', 'now')
                            """, arguments: [n, exercise])
                }
            }
        }
        let service = DossierService(store: store)
        let exercise = try #require(Exercise("2020-2021"))
        let unregistered = try store.db.read {
            try Int.fetchOne(
                $0,
                sql: """
                    SELECT COUNT(*) FROM dossier d WHERE d.exercise = '2020-2021'
                    AND NOT EXISTS (SELECT 1 FROM cooperative c WHERE c.number = d.cooperative)
                    """)
        }
        let listing = try service.season(exercise: exercise, listingSilent: true)
        let counting = try service.season(exercise: exercise, listingSilent: false)
        #expect(listing.unregistered == unregistered, "seed \(seed)")
        #expect(counting.unregistered == unregistered, "seed \(seed)")
        #expect(listing.silentCount == counting.silentCount && listing.silentCount == listing.silent.count)
    }

    /// A dossier status written by another version stops `status` with that value, rather than being left out of the
    /// counts the unregistered count is derived from.
    @Test func anUnknownStatusIsSaidNotLeftOutOfTheCounts() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        try store.db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dossier (cooperative, exercise, status, automatic_status, checks, updated_at)
                    VALUES ('075-0001', '2020-2021', 'archived_by_v99', 'incomplete', '[]', 'now')
                    """)
        }
        let exercise = try #require(Exercise("2020-2021"))
        for listing in [true, false] {
            #expect {
                try DossierService(store: store).season(exercise: exercise, listingSilent: listing)
            } throws: { e in
                guard case StoreError.unknownValue(let column, let value) = e else { return false }
                return column == "status" && value == "archived_by_v99"
            }
        }
    }
}

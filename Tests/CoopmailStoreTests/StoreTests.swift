import CoopmailStore
import Foundation
import GRDB
import Testing

@Suite struct StoreTests {
    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
    }

    @Test func opensInWALModeWithEveryMigrationApplied() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let mode = try store.db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try store.db.read { try Migrations.migrator.appliedIdentifiers($0) }
        #expect(Set(applied) == Set(Migrations.migrator.migrations))
        // Reopening an existing store migrates nothing again and keeps the data.
        try store.db.write {
            try $0.execute(sql: "INSERT INTO cooperative VALUES ('075-0001','E','P','M','[]',NULL,'now')")
        }
        let again = try Store(path: path)
        #expect(try again.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cooperative") } == 1)
    }

    /// Declarations are read column by column: the values come back, and a text in an amount column reads as SQLite
    /// converts it (0), as the `Decodable` reading did, rather than stopping the process.
    @Test func declarationsAreReadColumnByColumn() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        try store.db.write {
            try $0.execute(sql: "INSERT INTO declaration VALUES ('075-0001','2020-2021',1,-2,3,4,5,6,7,'t')")
        }
        let read = try store.db.read { try DeclarationRecord.fetchAll($0) }
        let r = try #require(read.first)
        #expect(read.count == 1 && r.cooperative == "075-0001" && r.exercise == "2020-2021" && r.updatedAt == "t")
        #expect(
            [
                r.openingBalance, r.income, r.expenses, r.bookBankBalance, r.cashBalance, r.outstandingCheques,
                r.depositsInTransit,
            ] == [1, -2, 3, 4, 5, 6, 7])
        try store.db.write { try $0.execute(sql: "UPDATE declaration SET income = 'douze'") }
        #expect(try store.db.read { try DeclarationRecord.fetchAll($0) }.map(\.income) == [0])
    }

    @Test func blobsAreContentAddressedAndIdempotent() throws {
        let path = tempPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        let data = Data("relevé".utf8)
        let a = try store.blobs.put(data)
        let b = try store.blobs.put(data)
        #expect(a == b)
        #expect(try store.blobs.get(a) == data)
        #expect(throws: StoreError.self) { try store.blobs.get("../../etc/passwd") }
        let tmp = try FileManager.default.contentsOfDirectory(atPath: path + "/tmp")
        #expect(tmp.isEmpty)
    }

    @Test func sha256MatchesAKnownVector() {
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

import CoopmailApp
import CoopmailStore
import Foundation
import Testing

/// A value the store cannot read is data below App; staff read it in French, naming the column and the value.
@Suite("Store errors: data below, French in App")
struct StoreErrorTextTests {
    @Test(arguments: [("state", "archived"), ("status", "à « revoir »"), ("kind", "")])
    func anUnknownValueReadsInFrench(column: String, value: String) {
        let e = StoreError.unknownValue(column: column, value: value)
        let french = "valeur inconnue « \(value) » dans la colonne \(column) de la base de données"
        #expect(ErrorMessage.french(e) == french && e.french == french)
        #expect(e.description != french && e.description.contains(column))
    }

    @Test func aFullDiskStillReadsAsBefore() {
        let e = StoreError.diskFull("dans la base de données")
        #expect(ErrorMessage.french(e).hasPrefix("disque plein : plus de place pour écrire dans la base de données."))
    }
}

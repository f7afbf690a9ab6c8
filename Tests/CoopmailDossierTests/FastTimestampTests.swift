import CoopmailStore
import Foundation
import Testing

@testable import CoopmailDossier

@Suite struct FastTimestampTests {
    @Test(arguments: [
        "2021-10-04T09:00:00Z", "2000-02-29T23:59:59Z", "1999-12-31T00:00:00Z", "2024-03-01T12:34:56Z",
        "2100-01-01T00:00:01Z",
    ])
    func agreesWithTheFormatter(_ text: String) throws {
        #expect(FastTimestamp.parse(text) == Timestamp.parse(text))
        #expect(FastTimestamp.parse(text) != nil)
    }

    @Test func otherFormsGoThroughTheFormatter() {
        #expect(FastTimestamp.parse("2021-10-04T11:00:00+02:00") == Timestamp.parse("2021-10-04T09:00:00Z"))
        #expect(FastTimestamp.parse("2021-13-04T09:00:00Z") == nil)
        #expect(FastTimestamp.parse("n'importe quoi") == nil)
    }
}

import CoopmailDomain
import Foundation
import GRDB

// The Domain enums the records store as their raw value (text columns). Reading a value this version does not know
// throws ``StoreError/unknownValue(column:value:)`` (see ``GRDB/Row/stored(_:_:)``), never a crash.

extension DossierStatus: DatabaseValueConvertible {}
extension DecisionAction: DatabaseValueConvertible {}
extension OutcomeKind: DatabaseValueConvertible {}
extension DocumentKind: DatabaseValueConvertible {}

extension Row {
    /// The value of a `NOT NULL` text column holding an enum's raw value; ``StoreError/unknownValue(column:value:)``
    /// when this version does not know it (rather than GRDB's crash or a silent default).
    func stored<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let raw: String = self[column]
        guard let value = T(rawValue: raw) else { throw StoreError.unknownValue(column: column, value: raw) }
        return value
    }

    /// The value of a nullable text column holding an enum's raw value: nil for NULL, an error for an unknown value.
    func stored<T: RawRepresentable>(_ type: T.Type, ifPresent column: String) throws -> T?
    where T.RawValue == String {
        guard let raw: String = self[column] else { return nil }
        guard let value = T(rawValue: raw) else { throw StoreError.unknownValue(column: column, value: raw) }
        return value
    }

    /// The value of a JSON text column, decoded as GRDB decodes a `Codable` record's JSON column.
    func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        let text: String = self[column]
        return try JSON.decodeOrThrow(type, text)
    }

    /// The value of a nullable JSON text column: nil for NULL.
    func json<T: Decodable>(_ type: T.Type, ifPresent column: String) throws -> T? {
        guard let text: String = self[column] else { return nil }
        return try JSON.decodeOrThrow(type, text)
    }
}

import CoopmailApp
import CoopmailDossier
import CoopmailStore
import Foundation

/// What every staff command opens: configuration, store, dossier service and the resolver of what staff type.
struct StaffContext {
    let config: Config
    let store: Store
    let service: DossierService
    let resolver: TargetResolver

    init(_ global: GlobalOptions) throws {
        config = try global.loadConfig()
        store = try global.openStore()
        service = DossierService(store: store)
        resolver = TargetResolver(store: store, defaultDepartment: config.department)
    }
}

/// Pretty, stable JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.keyEncodingStrategy = .convertToSnakeCase
    print(String(decoding: try e.encode(value), as: UTF8.self))
}

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

/// Recomputes the dossiers an import or an ingest changed. A failure here loses nothing (the next read of the
/// queue recomputes them): it is reported, not fatal.
func refreshDossiers(_ store: Store) {
    do { try DossierService(store: store).refreshPending() } catch {
        FileHandle.standardError.write(Data("Attention : dossiers non recalculés (\(French.message(error))) ; ils le seront à la prochaine consultation.\n".utf8))
    }
}

import CoopmailApp
import CoopmailOutcome
import Foundation

/// What every staff command opens: configuration, store, dossier service and the resolver of what staff type.
struct StaffContext {
    let config: Config
    let store: Store
    let service: DossierService
    let resolver: TargetResolver

    init(_ global: GlobalOptions) throws {
        config = try global.loadConfig()
        store = try global.openExistingStore()
        service = DossierService(store: store, actor: global.actor)
        resolver = TargetResolver(store: store, defaultDepartment: config.department)
    }
}

extension StaffContext {
    /// Queues the mail that tells the mandataire about a decision, and says so (sent by `coopmail notify` or `run`).
    func queueDecisionMail(_ outcome: DecisionOutcome) {
        do {
            let pipeline = Pipeline(store: store, config: config)
            let outbox = try Outbox(
                store: store, config: config, templates: TemplateLibrary(directory: pipeline.templatesDirectory()))
            switch try outbox.announce(outcome) {
            case .success(let row):
                let to = row.recipientList.joined(separator: ", ")
                print(
                    "Message au mandataire mis en attente d'envoi (\(to)) : « coopmail notify » ou « coopmail run » l'enverra."
                )
            case .failure(let skip) where skip.skip == .noRecipient:
                print("Aucun message envoyé : aucune adresse enregistrée pour cette coopérative.")
            case .failure(let skip):
                if case .addressesFailing(let list) = skip.skip {
                    print(
                        "Aucun message mis en attente : adresse en échec : " + list.joined(separator: " ; ")
                            + ". Contactez le mandataire autrement et corrigez son adresse dans le registre.")
                }
            }
        } catch {
            printError("Attention : le message au mandataire n'a pas pu être préparé (\(French.message(error))).")
        }
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
        printError(
            "Attention : dossiers non recalculés (\(French.message(error))) ; ils le seront à la prochaine consultation."
        )
    }
}

import ArgumentParser
import CoopmailApp

struct ReassignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign",
        abstract: "Rattache une pièce à une autre coopérative (les deux dossiers sont recalculés).")

    @OptionGroup var global: GlobalOptions
    @Argument(
        help: ArgumentHelp(
            "La pièce : son numéro (coopmail show l'indique) ou le début de son empreinte sha256.", valueName: "PIECE"))
    var document: String
    @Option(
        name: .customLong("coop"),
        help: ArgumentHelp("La coopérative à laquelle rattacher la pièce.", valueName: "075-0123"))
    var coop: String

    func run() throws {
        let ctx = try StaffContext(global)
        let doc = try ctx.resolver.document(document)
        let number = try ctx.resolver.cooperative(coop)
        let r = try ctx.service.reassign(document: doc.id!, to: number)
        print(
            "Pièce n° \(r.document) (\(doc.filename)) rattachée à \(r.to)"
                + (r.from.map { " au lieu de \($0)" } ?? "")
                + " par \(ctx.service.actor).")
        if let s = r.toDossier { print("  Dossier \(r.to) (\(r.exercise)) : \(s.status.label)") }
        if let from = r.from {
            print("  Dossier \(from) (\(r.exercise)) : " + (r.fromDossier?.status.label ?? "plus aucun envoi"))
        }
    }
}

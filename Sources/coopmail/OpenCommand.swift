import ArgumentParser
import CoopmailApp
import CoopmailDomain
import CoopmailReading
import Foundation

struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract:
            "Ouvre une pièce reçue (copie privée dans un dossier temporaire), ou l'image des signatures d'un quitus.",
        discussion: """
            La pièce est copiée dans un dossier temporaire lisible par vous seul (les copies de plus d'un jour sont effacées ; l'extension vient du contenu réel : pdf, jpg, png, tif, txt, sinon bin), puis ouverte avec l'application par défaut (xdg-open) quand un écran graphique est disponible ; sinon son chemin est affiché.
            Avec --signatures, PIECE peut aussi être une coopérative (son quitus en cours) : une image PNG montre côte à côte les emplacements de signature du mandataire, du parent d'élève élu et de l'enseignant, chacun avec son verdict (signé, vide, illisible) et sa mesure.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var exercise: ExerciseOption
    @Flag(name: .long, help: "Écrit l'image des trois emplacements de signature du quitus, avec leurs verdicts.")
    var signatures = false
    @Argument(
        help: ArgumentHelp(
            "La pièce : son numéro (coopmail show l'indique) ou le début de son empreinte sha256 ; avec --signatures, aussi une coopérative.",
            valueName: "PIECE"))
    var document: String

    func run() async throws {
        let ctx = try StaffContext(global)
        if signatures {
            try await openSignatures(ctx)
            return
        }
        let doc = try ctx.resolver.document(document)
        let data = try ctx.store.blobs.get(doc.sha256)
        PrivateCopy.removeOld()
        let path = try PrivateCopy.write(
            data, name: "piece-\(doc.id ?? 0).\(PrivateCopy.fileExtension(mediaType: doc.mediaType))")
        show(path, what: "Pièce n° \(doc.id!) (\(doc.filename))")
    }

    /// Opens `path` when a graphical session is there, else prints where it is.
    func show(_ path: String, what: String, written: String = "copiée") {
        let env = ProcessInfo.processInfo.environment
        let graphical = [env["DISPLAY"], env["WAYLAND_DISPLAY"]].contains { ($0 ?? "").isEmpty == false }
        if graphical, let opener = PrivateCopy.which("xdg-open") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: opener)
            p.arguments = [path]
            if (try? p.run()) != nil { p.waitUntilExit() }
            printError("\(what) ouverte.")
        } else {
            printError("\(what) \(written) ici :")
        }
        print(path)
    }

    /// The quitus designated (a document, or a cooperative's current quitus), its signature places drawn side by side.
    func openSignatures(_ ctx: StaffContext) async throws {
        let id: Int64
        let sha256: String
        let mediaType: String
        let quitus: Quitus?
        if case .cooperative(let coop) = try ctx.resolver.target(document) {
            let chosen = try exercise.resolve(ctx.service, config: ctx.config, cooperative: coop)
            guard let dossier = try ctx.service.dossier(coop, exercise: chosen) else {
                throw DossierError.noDossier(DossierKey(cooperative: coop, exercise: chosen))
            }
            guard let q = dossier.documents.last(where: { $0.kind == .quitus && $0.role == .current }) else {
                throw ConfigError("aucun quitus reçu pour la coopérative \(coop) (exercice \(chosen)).")
            }
            (id, sha256, mediaType, quitus) = (q.id, q.sha256, q.mediaType, q.quitus)
        } else {
            let doc = try ctx.resolver.document(document)
            guard doc.kind == .quitus else {
                throw ConfigError("la pièce n° \(doc.id ?? 0) n'est pas un quitus.")
            }
            (id, sha256, mediaType, quitus) = (
                doc.id ?? 0, doc.sha256, doc.mediaType, doc.readQuitus
            )
        }
        guard let page = quitus?.signingPage, let readings = quitus?.signatures else {
            throw ConfigError("les signatures de la pièce n° \(id) n'ont pas été examinées (page illisible).")
        }
        for r in readings {
            print(
                "Signature \(r.place.frenchOf) : \(r.verdict.french) (mesure \(String(format: "%.2f", r.measure).replacingOccurrences(of: ".", with: ",")))"
            )
        }
        let data = try ctx.store.blobs.get(sha256)
        PrivateCopy.removeOld()
        let path = try PrivateCopy.write(Data(), name: "signatures-\(id).png")
        let reader = DocumentReader()
        let inspector = SignatureInspector(
            textRunner: reader.textRunner, ocrRunner: reader.ocrRunner, language: reader.language,
            temporaryDirectory: ctx.store.folder.tmpURL.path)
        guard
            await SignatureSheet.write(
                [UInt8](data), mediaType: mediaType, page: page, stored: readings, to: path, inspector: inspector)
        else {
            throw ConfigError(
                "l'image des signatures de la pièce n° \(id) n'a pas pu être faite (page illisible, ou ImageMagick absent)."
            )
        }
        show(path, what: "Image des signatures du quitus (pièce n° \(id))", written: "écrite")
    }
}

// coopmail-fuzz: whole-pipeline fuzzing. Mutated mails go through ingest, reading, matching, the ledger (dossier
// refresh), acknowledgment (rendered and queued, never sent) and the JSON export, as `coopmail run` would take
// them. A crash kills this process: the mail being processed is in OUT/current.eml and its number in
// OUT/current.index, so `scripts/fuzz.sh` saves it and resumes after it.
//
//   coopmail-fuzz --seed 1 --start 0 --count 300 --out DIR [--repository DIR]
//
// Prints one line per 100 mails on stderr and, at the end, `fuzz : N courriels, E erreurs` on stdout. Exit 0
// when every mail went through; 3 when a stage threw for a mail (listed on stderr).
import CoopmailApp
import CoopmailDossier
import CoopmailIntake
import CoopmailOutcome
import CoopmailReading
import CoopmailStore
import CoopmailText
import Foundation

struct Options {
    var seed: UInt64 = 1
    var start = 0
    var count = 300
    var out = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-fuzz").path
    var repository: String?

    init(_ args: [String]) {
        var i = 1
        while i + 1 < args.count {
            let v = args[i + 1]
            switch args[i] {
            case "--seed": seed = UInt64(v) ?? seed
            case "--start": start = Int(v) ?? start
            case "--count": count = Int(v) ?? count
            case "--out": out = v
            case "--repository": repository = v
            default: break
            }
            i += 2
        }
    }
}

/// The repository (for Fixtures/ and Templates/): given, or found above the executable.
func repositoryRoot(_ given: String?) -> URL {
    if let given { return URL(fileURLWithPath: given) }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Fixtures/mail").path) { return dir }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// A fresh data folder with the fuzz registry: 40 cooperatives 075-0001…075-0040, each with a declaration.
func freshStore(under out: URL, index: Int) throws -> Store {
    let dir = out.appendingPathComponent("data-\(index)")
    try? FileManager.default.removeItem(at: dir)
    let store = try Store(path: dir.path)
    let importer = RegistryImporter(store: store)
    var registry = "numero;ecole;commune;mandataire;email;iban\n"
    var declarations =
        "numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites\n"
    for n in 1...40 {
        let number = "075-" + String(format: "%04d", n)
        registry +=
            "\(number);École \(["Voltaire", "Keller", "Saint-Merri", "des Batignolles", "Jules Ferry"][n % 5]) \(n);Paris;Mandataire \(n);\(SeedMail.senders[n - 1]);\n"
        declarations += "\(number);2020-2021;100,00;1 234,56;1 000,00;334,56;0;60,00;0\n"
    }
    _ = try importer.importCooperatives(csv: registry)
    _ = try importer.importDeclarations(csv: declarations)
    return store
}

let options = Options(CommandLine.arguments)
let out = URL(fileURLWithPath: options.out)
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
let repository = repositoryRoot(options.repository)
let seeds = SeedMail(repository: repository)
let config = Config()
let templates = try TemplateLibrary(directory: repository.appendingPathComponent("Templates").path)
var mutator = MailMutator()
var errors: [String] = []
var store = try freshStore(under: out, index: options.start)
let currentMail = out.appendingPathComponent("current.eml")
let currentIndex = out.appendingPathComponent("current.index")

for index in options.start..<(options.start + options.count) {
    var rng = SplitMix.forCase(index, seed: options.seed)
    let mail = mutator.mutate(seeds.make(&rng), &rng)
    try mail.write(to: currentMail)
    try Data("\(index)\n".utf8).write(to: currentIndex)
    if (index - options.start) % 500 == 0 && index != options.start { store = try freshStore(under: out, index: index) }
    do {
        _ = try Ingestor(store: store, config: config).ingest(
            RawMessage(content: .bytes(mail), source: "fuzz:\(index)"))
        let processor = Processor(store: store, config: config)
        // Text layers and text parts are read; a page that needs OCR gets little time (the campaign reads mails, not pages).
        processor.reader.ocrBudget = .seconds(5)
        processor.reader.maxPages = 3
        _ = try await processor.run()
        let outbox = Outbox(store: store, config: config, templates: templates)
        for id in try outbox.unacknowledgedMessages() { _ = try outbox.acknowledge(message: id) }
        let service = DossierService(store: store)
        _ = try service.refreshPending()
        if index % 25 == 0 {
            for exercise in try service.exercises() {
                _ = try Exporter(store: store, config: config).json(exercise: exercise)
            }
        }
    } catch {
        errors.append("courriel \(index) : \(error)")
        FileHandle.standardError.write(Data("coopmail-fuzz : erreur sur le courriel \(index) : \(error)\n".utf8))
        try? mail.write(to: out.appendingPathComponent("error-\(options.seed)-\(index).eml"))
    }
    if (index - options.start + 1) % 100 == 0 {
        FileHandle.standardError.write(Data("coopmail-fuzz : \(index - options.start + 1) courriels\n".utf8))
    }
}
try? FileManager.default.removeItem(at: currentIndex)
print("fuzz : \(options.count) courriels, \(errors.count) erreur\(Plural.s(errors.count))")
exit(errors.isEmpty ? 0 : 3)

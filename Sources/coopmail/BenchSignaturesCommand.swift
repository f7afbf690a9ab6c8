import ArgumentParser
import CoopmailApp
import Foundation

/// `coopmail bench-signatures FORM=FILE…` (hidden): run by Benchmarks/signatures.sh on the binaries built.
struct BenchSignaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-signatures",
        abstract: "Mesure le coût de la vérification des signatures du quitus (banc d'essai, make bench).",
        shouldDisplay: false)

    @Option(name: .customLong("passages"), help: "Nombre de passages par page (médiane).")
    var rounds = 3
    @Argument(help: "Pages à mesurer, sous la forme FORME=FICHIER.")
    var pages: [String]

    func run() async throws {
        for spec in pages {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            let (form, path) = parts.count == 2 ? (parts[0], parts[1]) : (spec, spec)
            guard let data = FileManager.default.contents(atPath: path) else {
                print("SIGNATURES \(form) : fichier illisible (\(path))")
                continue
            }
            guard let f = await SignatureCost.measure([UInt8](data), rounds: rounds) else {
                print("SIGNATURES \(form) : aucune page de quitus lisible")
                continue
            }
            print(
                String(
                    format: "SIGNATURES %-13@ lecture=%.2fs signatures=%.2fs rapport=%.2f dont_mesure=%.2fs  (%@)",
                    form as NSString, f.reading, f.check, f.check / max(f.reading, 1e-6), f.measure,
                    f.verdicts as NSString))
        }
    }
}

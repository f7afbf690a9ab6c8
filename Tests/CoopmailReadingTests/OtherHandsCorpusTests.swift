import CoopmailDomain
import CoopmailReading
import Foundation
import Testing

/// The signature check over folders of scripts/make-quitus-other.py pages (`Benchmarks/quitus-other.sh` writes them
/// under .state/quitus-other/seed-N), named by `COOPMAIL_QUITUS_OTHER` (comma-separated folders; the test does nothing
/// without it). Each page is read once as the reader does and what its verdicts were decided on is kept in the
/// folder's `.decided` (as ``SignatureSeedTests`` does), so that a change to the measure is judged again without OCR.
/// Prints every place with its measure, and the places and `quitus_signed` verdicts right; never an empty place
/// called signed.
@Suite(.serialized) struct OtherHandsCorpusTests {
    static let folders: [URL] =
        (ProcessInfo.processInfo.environment["COOPMAIL_QUITUS_OTHER"] ?? "").split(separator: ",").map {
            URL(fileURLWithPath: String($0))
        }

    struct Label: Decodable {
        var `case`: String
        var form: String
        var pen: String
        var ink: String
        var places: [String: String]
        var quitusSigned: String

        enum CodingKeys: String, CodingKey {
            case `case`, form, pen, ink, places
            case quitusSigned = "quitus_signed"
        }
    }

    struct Labels: Decodable { var files: [String: Label] }

    @Test func everyPlaceOfOtherHandsPages() async throws {
        guard !Self.folders.isEmpty else { return }
        var right = 0
        var total = 0
        var unsafe = 0
        var lines: [String] = []
        for folder in Self.folders {
            let labels = try JSONDecoder().decode(
                Labels.self, from: Data(contentsOf: folder.appendingPathComponent("labels.json")))
            let cache = folder.appendingPathComponent(".decided")
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let only = ProcessInfo.processInfo.environment["COOPMAIL_QUITUS_OTHER_ONLY"] ?? ""
            for (name, label) in labels.files.sorted(by: { $0.key < $1.key })
            where only.isEmpty || only.split(separator: ",").contains(where: { name.contains($0) }) {
                print("PAGE \(folder.lastPathComponent)/\(name)")
                let decided = await SignatureSeedTests.decided(
                    folder.appendingPathComponent(name), cache: cache.appendingPathComponent(name))
                let readings =
                    decided.map {
                        SignatureInspector.decide(image: $0.image, words: $0.words, textLayer: $0.textLayer).readings
                    } ?? SignatureInspector.notInspected
                let got = SignatureSeedTests.rule(readings)
                total += 1
                if got == label.quitusSigned { right += 1 }
                var row = "\(got == label.quitusSigned ? " " : "✗") \(folder.lastPathComponent)/\(name)"
                row += " [\(label.pen)/\(label.ink)] \(label.quitusSigned)→\(got) :"
                for r in readings {
                    let truth = label.places[r.place.rawValue] ?? "-"
                    if truth == "empty" && r.verdict == .signed { unsafe += 1 }
                    let mark = r.verdict.rawValue == truth ? "" : "≠\(truth)"
                    row += " \(r.place.rawValue)=\(r.verdict.rawValue)(\(String(format: "%.3f", r.measure)))\(mark)"
                }
                lines.append(row)
            }
        }
        lines.append("quitus_signed juste : \(right)/\(total) ; emplacement vide jugé signé : \(unsafe)")
        print(lines.joined(separator: "\n"))
        #expect(unsafe == 0)
    }
}

import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// Quitus pages from the independent generator (scripts/make-quitus-other.py), text-layer PDFs as drawn and turned by
/// /Rotate, for several seeds, in the two cases its first run found wrong:
/// - a date written by hand on the parent's « Date » line and no signature was read as a signature (0.32 on a fax),
///   so a quitus with an empty place would pass;
/// - a text-layer page saved upside down or sideways (/Rotate) was measured as it shows, and places were looked for
///   under titles that stood upside down, so signed places were read empty.
@Suite struct OtherHandsQuitusTests {
    /// `count` pages per case and form.
    static func pages(seed: Int, cases: String, forms: String, count: Int = 1) throws -> (
        URL, [String: [String: String]]
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "coopmail-quitus-other-\(seed)-\(cases)-\(forms)-\(count)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Repository.root.appendingPathComponent("scripts/make-quitus-other.py").path, folder.path, "--seed",
            String(seed), "--cases", cases, "--forms", forms, "--count", String(count),
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-quitus-other.py --seed \(seed)")
        struct Label: Decodable { var places: [String: String] }
        struct Labels: Decodable { var files: [String: Label] }
        let labels = try JSONDecoder().decode(
            Labels.self, from: Data(contentsOf: folder.appendingPathComponent("labels.json")))
        return (folder, labels.files.mapValues(\.places))
    }

    static func pdfRotation(_ file: URL) throws -> Int {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        process.arguments = [file.path]
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = out.split(separator: "\n").first { $0.hasPrefix("Page rot:") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Upright pages and pages turned by /Rotate (90, 180, 270): every page read as a quitus, every place as
    /// labelled. (``QuarterTurnQuitusTests`` reads quarter-turned pages against their upright twins.)
    @Test(arguments: [1, 2, 3])
    func aHandwrittenDateIsNoSignatureAndTurnedPagesAreRead(seed: Int) async throws {
        let (folder, files) = try Self.pages(
            seed: seed, cases: "date-sans-signature,date-enseignant,tous-signes", forms: "pdf,pdfrot")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(files.count >= 6)
        var strict = 0
        for (name, places) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(name)
            let bytes = try [UInt8](Data(contentsOf: url))
            let quitus = await DocumentReader().readParts(bytes).1.first { $0.kind == .quitus }?.quitus
            #expect(quitus != nil, "\(name): no quitus read")
            let signatures = quitus?.signatures ?? []
            if !signatures.isEmpty { strict += 1 }
            for place in SignaturePlace.allCases {
                guard let got = signatures.first(where: { $0.place == place }) else { continue }
                if places[place.rawValue] == "signed" {
                    #expect(got.verdict == .signed, "\(name) \(place): \(got)")
                } else {
                    #expect(got.verdict != .signed, "\(name) \(place): \(got)")
                }
            }
        }
        #expect(strict == files.count)
    }

    /// Words following one another rightwards read upright; leftwards, the page is upside down; downwards, turned a
    /// quarter clockwise.
    @Test func theTurnIsReadFromTheWordsOrder() {
        var upright: [WordBox] = []
        for i in 0..<12 {
            let x = Double(100 + (i % 4) * 80)
            let y = Double(100 + (i / 4) * 30)
            upright.append(WordBox(text: "mot", x0: x, y0: y, x1: x + 60, y1: y + 15))
        }
        #expect(SignatureInspector.readingTurn(upright) == 0)
        for turn in [90, 180, 270] {
            let (w, h) = turn == 180 ? (600, 900) : (900, 600)
            let turned = upright.map { $0.turned(clockwise: turn, width: w, height: h) }
            #expect(SignatureInspector.readingTurn(turned) == turn, "\(turn)")
        }
        #expect(SignatureInspector.readingTurn([]) == 0)
    }

    /// A box turned a quarter turn four times, or a half turn twice, is where it was.
    @Test func turningBoxesComesBackRound() {
        let box = WordBox(text: "Nom", x0: 100, y0: 40, x1: 160, y1: 60)
        var b = box
        var (w, h) = (600, 900)
        for _ in 0..<4 {
            (w, h) = (h, w)
            b = b.turned(clockwise: 90, width: w, height: h)
        }
        #expect(b == box)
        #expect(
            box.turned(clockwise: 180, width: 600, height: 900).turned(clockwise: 180, width: 600, height: 900) == box)
        #expect(
            box.turned(clockwise: 90, width: 900, height: 600).turned(clockwise: 270, width: 600, height: 900) == box)
    }
}

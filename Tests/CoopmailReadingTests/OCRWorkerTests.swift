import CoopmailText
import Foundation
import Testing

@testable import CoopmailReading

/// The `coopmail-ocr` worker as built next to the tests (`swift build --build-tests`), spoken to directly.
@Suite struct OCRWorkerProtocolTests {
    static let timeout: Duration = .seconds(120)

    static func start() async throws -> OCRWorker {
        let executable = try #require(
            DocumentReader.defaultOCRWorker, "coopmail-ocr n'est pas construit à côté des tests")
        return try #require(
            await OCRWorker.start(executable: executable, language: "fra", runner: ToolRunner(timeout: timeout)))
    }

    static func path(_ fixture: String) -> String { Fixtures.directory.appendingPathComponent(fixture).path }

    @Test func loadsTurnsAndReadsAPage() async throws {
        let worker = try await Self.start()
        defer { worker.stop() }
        #expect(worker.osdAvailable)
        // 2339×1654 enlarged as ImageMagick's `-resize 3400x3400<` does.
        #expect(
            await worker.request("page 1 3400 \(Self.path("scan-quitus-0123-rot90.jpg"))", timeout: Self.timeout)
                == .page(width: 3400, height: 2404))
        // The fixture was turned 90° clockwise: both orientation answers say 270° puts it upright.
        guard case .orientationMeasures(let up, let left)? = await worker.request("orient", timeout: Self.timeout)
        else {
            Issue.record("pas de mesures d'orientation")
            return
        }
        #expect(OrientationHint.rotation(up: up, left: left) == 270)
        guard case .orientation(let rotate, let confidence)? = await worker.request("osd", timeout: Self.timeout) else {
            Issue.record("pas d'orientation OSD")
            return
        }
        #expect(rotate == 270)
        #expect(confidence >= 1)
        guard case .textBody(let text)? = await worker.request("ocr 270", timeout: Self.timeout) else {
            Issue.record("pas de texte")
            return
        }
        #expect(Folding.fold(OCRLayout.pageText(text)).contains("semble correct"))
        // EXIF orientation 6: the stored 1287×910 photo stands up as 910×1287 before it is enlarged.
        #expect(
            await worker.request("page 6 3400 \(Self.path("photo-quitus-0456.jpg"))", timeout: Self.timeout)
                == .page(width: 2404, height: 3400))
        #expect(worker.isAlive)
    }

    @Test func refusedRequestsLeaveTheWorkerServing() async throws {
        let worker = try await Self.start()
        defer { worker.stop() }
        #expect(await worker.request("ocr 0", timeout: Self.timeout) == .refused("no text"))
        #expect(
            await worker.request("page 1 0 /nonexistent/page.pgm", timeout: Self.timeout) == .refused("unknown format"))
        #expect(await worker.request("frobnicate", timeout: Self.timeout) == .refused("bad request"))
        #expect(await worker.request("page x 0 /tmp", timeout: Self.timeout) == .refused("bad request"))
        // A request starting with a NUL byte (strlen 0): refused, not read before the buffer (F13).
        #expect(await worker.request("\u{0}page 1 0 /tmp", timeout: Self.timeout) == .refused("bad request"))
        #expect(worker.isAlive)
        // Wider than ImageMagick's 20KP limit: refused from the header, never decoded.
        let dir = try TemporaryFolder()
        let wide = Array("P5\n25000 8\n255\n".utf8) + [UInt8](repeating: 255, count: 25000 * 8)
        try Data(wide).write(to: URL(fileURLWithPath: dir.file("wide.pgm")))
        #expect(
            await worker.request("page 1 3400 \(dir.file("wide.pgm"))", timeout: Self.timeout)
                == .refused("image too large"))
        #expect(worker.isAlive)
        #expect(
            await worker.request("page 1 3400 \(Self.path("scan-releve-2021-09-0456.png"))", timeout: Self.timeout)
                == .page(width: 2406, height: 3400))
        guard case .textBody(let text)? = await worker.request("ocr 0", timeout: Self.timeout) else {
            Issue.record("pas de texte")
            return
        }
        #expect(OCRLayout.pageText(text).contains("RELEVE DE COMPTE"))
    }

    @Test func aRequestOnTwoLinesIsNotSent() async throws {
        let worker = try await Self.start()
        defer { worker.stop() }
        #expect(await worker.request("page 1 0 /tmp/a\nocr 0", timeout: Self.timeout) == nil)
        #expect(worker.isAlive)
    }

    enum Photo: String, CaseIterable {
        case gray, colour
    }

    @Test(arguments: Photo.allCases)
    func photosReadTheSameThroughTheWorkerAsThroughImageMagick(_ photo: Photo) async throws {
        // The worker makes ImageMagick's exact pixels (gray, enlarged): tesseract reads the same text either way.
        var bytes = try Fixtures.bytes("photo-releve-2021-08-0123.jpg")
        if photo == .colour {
            let folder = try TemporaryFolder()
            let source = Fixtures.directory.appendingPathComponent("photo-releve-2021-08-0123.jpg").path
            let made = await ToolRunner().run(
                "convert",
                [
                    "jpeg:" + source, "-fill", "#c08040", "-tint", "60",
                    "-type", "TrueColor", "jpeg:" + folder.file("colour.jpg"),
                ])
            try #require(made.succeeded)
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("colour.jpg"))))
        }
        let worker = await DocumentReader().read(bytes)
        let commandLine = await DocumentReader(ocrWorker: nil).read(bytes)
        #expect(worker.pages.first?.source == .ocr)
        #expect(
            worker.pages.first?.text.trimmingCharacters(in: .whitespacesAndNewlines)
                == commandLine.pages.first?.text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Workers that misbehave (stand-in scripts speaking the start of the protocol), and no worker at all.
@Suite struct OCRWorkerFailureTests {
    /// A stand-in worker: a shell script written in a private folder.
    static func script(_ body: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file("coopmail-ocr")
        try Data(("#!/bin/sh\n" + body).utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    static func key(_ executable: String, _ runner: ToolRunner) -> OCRWorkerPool.Key {
        OCRWorkerPool.Key(executable: executable, language: "fra", memoryLimitBytes: runner.memoryLimitBytes)
    }

    /// Whether process `pid` has ended (gone, or a zombie not reaped yet), waiting up to 10 s for it.
    static func ended(_ pid: Int32) async -> Bool {
        for _ in 0..<100 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func workersRunWithOneOpenMPThreadAndAMemoryLimit() async throws {
        let folder = try TemporaryFolder()
        // OpenMP reads OMP_THREAD_LIMIT when the process starts: it must be in the worker's own environment.
        let script =
            "env > '\(folder.file("env"))'\n"
            + "prlimit --pid $$ --as --noheadings --output SOFT > '\(folder.file("limit"))'\n"
            + "echo 'ready 0'\nread request\n"
        let worker = try Self.script(script, in: folder)
        let started = await OCRWorker.start(
            executable: worker, language: "fra", runner: ToolRunner(memoryLimitBytes: 1 << 30))
        let running = try #require(started)
        defer { running.stop() }
        #expect(!running.osdAvailable)
        let environment = try String(contentsOfFile: folder.file("env"), encoding: .utf8)
        #expect(environment.split(separator: "\n").contains("OMP_THREAD_LIMIT=1"))
        let limit = try String(contentsOfFile: folder.file("limit"), encoding: .utf8)
        #expect(limit.trimmingCharacters(in: .whitespacesAndNewlines) == String(1 << 30))
    }

    @Test func aWorkerPastItsTimeoutIsKilledAndThePageIsUnreadable() async throws {
        let folder = try TemporaryFolder()
        // Ready, then never answers: `exec` keeps the same process, the one coopmail kills.
        let worker = try Self.script(
            "echo $$ > '\(folder.file("pid"))'\necho 'ready 1'\nread request\nexec sleep 600\n", in: folder)
        let runner = ToolRunner(timeout: .seconds(2))
        let reader = DocumentReader(ocrRunner: runner, ocrWorker: worker)
        let document = await reader.read(try Fixtures.bytes("scan-releve-2021-09-0456.png"))
        #expect(document.pages.map(\.source) == [.unreadable])
        let pid = try #require(
            Int32(
                String(contentsOfFile: folder.file("pid"), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        #expect(await Self.ended(pid))
        // The next page gets a new worker, never the killed one.
        let again = await reader.read(try Fixtures.bytes("scan-releve-2021-09-0456.png"))
        #expect(again.pages.map(\.source) == [.unreadable])
        #expect(await OCRWorkerPool.shared.started[Self.key(worker, runner)] == 2)
    }

    /// Whether process `pid` is gone altogether (killed and reaped, not left a zombie), waiting up to 10 s.
    static func reaped(_ pid: Int32) async -> Bool {
        for _ in 0..<100 {
            guard FileManager.default.fileExists(atPath: "/proc/\(pid)") else { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A worker that hangs on a request: the request's deadline ends the wait (the channel polls the socket until
    /// then), the worker is killed and reaped, and the pool's next page gets a fresh worker.
    @Test func aHungWorkerMissesItsDeadlineAndIsReplaced() async throws {
        let folder = try TemporaryFolder()
        let worker = try Self.script(
            "echo $$ >> '\(folder.file("pids"))'\necho 'ready 1'\nread request\nexec sleep 600\n", in: folder)
        let runner = ToolRunner(timeout: .seconds(30))
        let key = Self.key(worker, runner)
        let first = try #require(await OCRWorkerPool.shared.checkout(key, runner: runner))
        let asked = ContinuousClock.now
        #expect(await first.request("ocr 0", deadline: asked + .milliseconds(800)) == nil)
        #expect(ContinuousClock.now - asked < .seconds(25))  // the deadline, not the runner's timeout
        #expect(!first.isAlive)
        let pid = try #require(
            Int32(
                String(contentsOfFile: folder.file("pids"), encoding: .utf8).split(separator: "\n").first.map(
                    String.init) ?? ""))
        #expect(await Self.reaped(pid))
        await OCRWorkerPool.shared.checkin(first, key: key, runner: runner)
        let second = try #require(await OCRWorkerPool.shared.checkout(key, runner: runner))
        defer { second.stop() }
        #expect(second !== first && second.isAlive)
        #expect(await OCRWorkerPool.shared.started[key] == 2)
    }

    /// A worker that dies on a request: nil at once (the end of the stream, well before the deadline), and the pool
    /// starts another for the next request.
    @Test func aWorkerThatDiesAnswersNilAndIsReplaced() async throws {
        let folder = try TemporaryFolder()
        let worker = try Self.script("echo 'ready 0'\nread request\nexit 3\n", in: folder)
        let runner = ToolRunner(timeout: .seconds(30))
        let key = Self.key(worker, runner)
        let first = try #require(await OCRWorkerPool.shared.checkout(key, runner: runner))
        let asked = ContinuousClock.now
        #expect(await first.request("osd", deadline: asked + .seconds(60)) == nil)
        #expect(ContinuousClock.now - asked < .seconds(30))
        #expect(!first.isAlive)
        await OCRWorkerPool.shared.checkin(first, key: key, runner: runner)
        let second = try #require(await OCRWorkerPool.shared.checkout(key, runner: runner))
        defer { second.stop() }
        #expect(second.isAlive)
        #expect(await OCRWorkerPool.shared.started[key] == 2)
    }

    @Test func aWorkerDyingMidPageLeavesThePageUnreadable() async throws {
        let folder = try TemporaryFolder()
        let worker = try Self.script("echo 'ready 1'\nread request\nexit 3\n", in: folder)
        let document = await DocumentReader(ocrWorker: worker).read(
            try Fixtures.bytes("scan-releve-2021-08-0123-rot180.pdf"))
        #expect(document.pages.map(\.source) == [.unreadable])
    }

    @Test func aWorkerThatCannotStartMeansTesseractsCommandLine() async throws {
        let folder = try TemporaryFolder()
        let worker = try Self.script("echo 'error cannot load language fra'\nexit 2\n", in: folder)
        let document = await DocumentReader(ocrWorker: worker).read(try Fixtures.bytes("scan-releve-2021-09-0456.png"))
        #expect(document.pages.first?.source == .ocr)
        #expect(document.pages.first?.text.contains("RELEVE DE COMPTE") == true)
        #expect(await OCRWorkerPool.shared.isUnusable(Self.key(worker, DocumentReader().ocrRunner)))
    }

    @Test func withoutTheWorkerBinaryTesseractsCommandLinePutsPagesUpright() async throws {
        let missing = "/nonexistent/coopmail-ocr"
        let reader = DocumentReader(ocrWorker: missing)
        let document = await reader.read(try Fixtures.bytes("scan-quitus-0123-rot90.jpg"))
        #expect(document.pages.first?.source == .ocr)
        #expect(document.pages.first?.rotation == 270)
        let text = Folding.fold(document.pages.first?.text ?? "")
        #expect(text.contains("quitus"))
        #expect(await OCRWorkerPool.shared.isUnusable(Self.key(missing, reader.ocrRunner)))
    }
}

/// A private temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/coopmail-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

import CoopmailDomain
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB

let repoRoot = Repository.root
let binary = repoRoot.appendingPathComponent(".build/debug/coopmail")

/// The result of one run of the binary.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A private data folder driven through the built `coopmail` binary, as staff would, plus direct row inserts for
/// what the reading stage would have written.
final class CLI {
    let root: URL
    var dataDir: String { root.appendingPathComponent("data").path }
    /// The program run: the build's, or an installed copy.
    var executable = binary

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coopmail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIError("binaire introuvable : \(binary.path) (lancez « swift build --build-tests »)")
        }
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// Runs `coopmail ARGS --data-dir DATA` with an argument array (never a shell), stdin closed.
    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], input: String? = nil, dataDir: String? = nil) throws -> Run
    {
        let p = Process()
        p.executableURL = executable
        p.arguments = args + ["--data-dir", dataDir ?? self.dataDir]
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        environment["NO_COLOR"] = nil
        environment["COOPMAIL_CONFIG"] = nil
        environment["COOPMAIL_STAFF"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        let inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output never blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `coopmail ARGS --data-dir DATA` on a pseudo-terminal (through python3's pty module), typing `input`.
    func runInTerminal(_ args: [String], input: String, colours: Bool = false) throws -> Run {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            os.write(fd, sys.stdin.read().encode())
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, binary.path] + args + ["--data-dir", dataDir]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = colours ? nil : "1"
        environment["COOPMAIL_STAFF"] = nil
        p.environment = environment
        let out = Pipe()
        let inp = Pipe()
        p.standardOutput = out
        p.standardInput = inp
        try p.run()
        inp.fileHandleForWriting.write(Data(input.utf8))
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Opens the store the binary created (after a first command ran).
    func store() throws -> Store { try Store(path: dataDir) }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The user name the binary records.
func unixUser() -> String {
    if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
    return ProcessInfo.processInfo.environment["USER"] ?? ""
}

/// An August 2021 statement whose balance at 31/08/2021 is `cents`.
func statementJSON(_ cents: Int64, iban: String = "FR7630006000011234567890189") -> String {
    let start = CalendarDate(year: 2021, month: 8, day: 1)!
    let end = CalendarDate(year: 2021, month: 8, day: 31)!
    return JSON.encode(
        BankStatement(
            iban: iban, periodStart: start, periodEnd: end,
            balances: [
                .init(date: start, amount: Money(cents: cents), label: "ANCIEN SOLDE"),
                .init(date: end, amount: Money(cents: cents), label: "NOUVEAU SOLDE"),
            ]))
}

extension Store {
    /// Inserts a processed message matched to `coop`, with a quitus and (optionally) a statement. Returns the message id.
    @discardableResult
    func submission(coop: String, receivedAt: Date, subject: String, statementCents: Int64?, quitus: Bool = true) throws
        -> Int64
    {
        try db.write { db in
            var m = MessageRecord(
                key: "<\(UUID().uuidString)@test>", messageId: "<\(coop)@test>",
                rawSha256: String(repeating: "0", count: 64),
                rawSize: 1, fromAddress: "mandataire@ecole.test", fromName: "Mandataire", returnPath: nil,
                subject: subject, sentAt: nil, receivedAt: Timestamp.iso(receivedAt), inReplyTo: nil, references: nil,
                headers: "[]", bodyText: "", source: "test", exercise: "2020-2021", status: MessageStatus.processed,
                quarantineReason: nil, cooperative: coop, matchConfidence: 0.95,
                matchEvidence: JSON.encode(["adresse de l'expéditeur enregistrée pour \(coop)"]),
                createdAt: Timestamp.now())
            try m.insert(db)
            var position = 0
            func add(_ kind: String, _ content: String, _ statement: String?) throws {
                position += 1
                let data = Data(content.utf8)
                let sha = try blobs.put(data)
                var d = DocumentRecord(
                    message: m.id!, position: position, filename: "\(kind).pdf", sha256: sha, size: data.count,
                    mediaType: "application/pdf", kind: DocumentKind(rawValue: kind) ?? .other,
                    statement: JSON.decode(BankStatement.self, statement), readStatus: .read)
                if kind == "quitus" {
                    // Read as a careful mandataire sends it: three places signed, the declaration's figures printed.
                    let declared = try Row.fetchOne(
                        db, sql: "SELECT * FROM declaration WHERE cooperative = ? AND exercise = '2020-2021'",
                        arguments: [coop])
                    d.quitus =
                        (Quitus(
                            exercise: Exercise("2020-2021"), income: declared.map { Money(cents: $0["income"]) },
                            expenses: declared.map { Money(cents: $0["expenses"]) },
                            bankBalance: declared.map { Money(cents: $0["book_bank_balance"]) },
                            signatures: SignaturePlace.allCases.map {
                                SignatureReading(place: $0, verdict: .signed, measure: 0.8)
                            }))
                }
                try d.insert(db)
            }
            if quitus { try add("quitus", "quitus \(coop)", nil) }
            if let c = statementCents { try add("bank_statement", "releve \(coop) \(c)", statementJSON(c)) }
            return m.id!
        }
    }
}

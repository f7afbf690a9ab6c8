import CoopmailApp
import CoopmailStore
import Foundation
import Testing

/// What cron sees when a human must act (exit 1, one French line) or when another run holds the lock (exit 0).
@Suite("Relève IMAP : erreurs et verrou")
struct PollFailureTests {
    @Test func wrongPasswordExitsOneWithFrenchMessage() throws {
        let s = try PollSandbox("motdepasse")
        defer { s.cleanUp() }
        let ids = try s.deliver(1)
        try s.writeConfig(password: "pas-le-bon")

        let result = try s.coopmail(["poll"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("Erreur IMAP : Connexion IMAP refusée pour l'utilisateur « ad75 »"),
            "\(result.stdout)")
        #expect(result.stdout.contains("mot de passe"))

        let report = try s.pipeline().poll()
        #expect(report.exitCode == 1)
        #expect(report.lines.count == 1)
        #expect(try s.storedKeys().isEmpty)
        #expect(try s.contents(of: s.box).map(\.id) == ids)
    }

    @Test func untrustedCertificateExitsOneWithCertificateMessage() throws {
        let s = try PollSandbox("certificat")
        defer { s.cleanUp() }
        let ids = try s.deliver(1)
        try s.writeConfig(caFile: .some(nil))  // no ca_file: the test CA is not trusted

        let result = try s.coopmail(["poll"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "Erreur IMAP : Le certificat du serveur IMAP 127.0.0.1 n'est pas reconnu comme fiable"),
            "\(result.stdout)")
        #expect(result.stdout.contains("ca_file"))
        #expect(try s.storedKeys().isEmpty)
        #expect(try s.contents(of: s.box).map(\.id) == ids)
    }

    @Test func secondConcurrentRunExitsAtOnceSayingSo() throws {
        let s = try PollSandbox("verrou")
        defer { s.cleanUp() }
        let ids = try s.deliver(1)
        let lock = try RunLock(folder: DataFolder(path: s.dataDir), name: "run")

        for command in ["poll", "run"] {
            let result = try s.coopmail([command])
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("une autre exécution de coopmail est en cours"), "\(result.stderr)")
        }
        #expect(try s.contents(of: s.box).map(\.id) == ids)

        lock.release()
        let result = try s.coopmail(["poll"])
        #expect(result.status == 0)
        #expect(try s.storedKeys() == ids)
    }
}

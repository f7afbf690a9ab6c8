import CoopmailApp
import Foundation
import Testing

/// F11: settings that weaken TLS are refused or warned about on every run.
@Suite struct TransportSecurityConfigTests {
    func config(_ toml: String) throws -> Config {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString).toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Config(file: path)
    }

    @Test func plainTextWithoutSayingSoIsRefused() throws {
        for section in ["imap", "smtp"] {
            #expect(throws: ConfigError.self) {
                try config("[\(section)]\nurl = \"\(section)://127.0.0.1:25\"\ntls = \"none\"\n")
            }
            #expect(throws: ConfigError.self) {
                try config("[\(section)]\nurl = \"\(section)://127.0.0.1:25\"\ntls = \"maybe\"\n")
            }
            let allowed = try config(
                "[\(section)]\nurl = \"\(section)://127.0.0.1:25\"\ntls = \"none\"\nallow_plaintext = true\n")
            #expect(allowed.securityWarnings.count == 1)
            #expect(allowed.securityWarnings.first?.contains("[\(section)] allow_plaintext") == true)
        }
    }

    @Test func everyWeakeningIsNamed() throws {
        let safe = try config(
            """
            [imap]
            url = "imaps://imap.example.org/INBOX"
            [smtp]
            url = "smtp://smtp.example.org:587"
            tls = "starttls"
            """)
        #expect(safe.securityWarnings.isEmpty)
        let weak = try config(
            """
            [imap]
            url = "imaps://imap.example.org/INBOX"
            verify_certificate = false
            [smtp]
            url = "smtp://smtp.example.org:587"
            verify_certificate = false
            allow_plaintext = true
            """)
        #expect(weak.securityWarnings.count == 3, "\(weak.securityWarnings)")
        #expect(weak.securityWarnings.allSatisfy { $0.hasPrefix("Attention : ") })
        #expect(weak.securityWarnings.filter { $0.contains("verify_certificate = false") }.count == 2)
    }
}

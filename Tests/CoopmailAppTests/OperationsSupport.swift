import CoopmailApp
import CoopmailIntake
import CoopmailStore
import CoopmailTestSupport
import Foundation

/// Generated mails for the operations tests (backup, verify, purge): each with its own Message-ID and attachment
/// bytes drawn from a seeded generator, so a failing run is replayed with its seed.
struct GeneratedMails {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// Random attachment bytes (a few hundred to a few thousand).
    mutating func attachment() -> Data {
        let count = Int.random(in: 200...4000, using: &generator)
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// One mail carrying `attachment` as a PDF-named part.
    mutating func mail(index: Int, attachment: Data) -> Data {
        let tag = UInt64.random(in: 0...UInt64.max, using: &generator)
        let body = attachment.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
            .replacingOccurrences(of: "\n", with: "\r\n")
        let text = """
            From: ecole\(index)@ecole.test\r
            To: ad75@occe.coop\r
            Subject: Compte rendu \(index)\r
            Message-ID: <m\(index).\(tag)@ecole.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b\(tag)"\r
            \r
            --b\(tag)\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Bonjour, voici nos pièces (\(index)).\r
            --b\(tag)\r
            Content-Type: application/octet-stream; name="piece\(index).bin"\r
            Content-Disposition: attachment; filename="piece\(index).bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(body)\r
            --b\(tag)--\r

            """
        return Data(text.utf8)
    }

    /// A raw message arriving at `date` (which decides its exercise).
    mutating func raw(index: Int, attachment: Data? = nil, arrivedAt date: Date? = nil) -> RawMessage {
        let bytes = attachment ?? self.attachment()
        return RawMessage(content: .bytes(mail(index: index, attachment: bytes)), source: "test", arrivedAt: date)
    }
}

/// The seed of a test run: `COOPMAIL_TEST_SEED`, else a fresh one (printed by the failing expectation).
func testSeed() -> UInt64 {
    if let s = ProcessInfo.processInfo.environment["COOPMAIL_TEST_SEED"], let v = UInt64(s) { return v }
    return UInt64.random(in: 1...UInt64.max)
}

/// A day in the middle of the exercise that starts in `startYear` (a mail then belongs to the previous one:
/// mails of autumn 2017 carry exercise 2016-2017).
func autumn(_ year: Int) -> Date {
    var c = DateComponents()
    c.year = year
    c.month = 10
    c.day = 15
    c.hour = 12
    c.timeZone = TimeZone(identifier: "Europe/Paris")
    return Calendar(identifier: .gregorian).date(from: c) ?? Date()
}

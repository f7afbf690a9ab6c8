import Testing

@testable import CoopmailIntake

@Suite("IMAP errors carry data")
struct IMAPErrorDataTests {
    @Test("A refused server URL says what was refused, not a sentence")
    func urlErrors() {
        #expect(throws: IMAPError.unsupportedScheme(scheme: "https")) {
            try IMAPServerAddress(parsing: "https://h/INBOX")
        }
        #expect(throws: IMAPError.credentialsInURL) { try IMAPServerAddress(parsing: "imaps://u:p@h/INBOX") }
        #expect(throws: IMAPError.unreadableURL(url: "imaps://h /INBOX")) {
            try IMAPServerAddress(parsing: "imaps://h /INBOX")
        }
        #expect(!IMAPError.credentialsInURL.description.contains("[imap]"))
    }
}

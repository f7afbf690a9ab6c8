@testable import CoopmailIntake
import Testing

@Suite("Lecture des réponses IMAP")
struct IMAPResponseParserTests {
    @Test func status() throws {
        let found = try #require(IMAPResponseParser.status(in: [
            "* STATUS \"Trait&AOk-s (x)\" (MESSAGES 3 UIDNEXT 17 UIDVALIDITY 1700000000)",
        ]))
        #expect(found.messages == 3)
        #expect(found.uidNext == 17)
        #expect(found.uidValidity == 1_700_000_000)
    }

    @Test func fetchSummaries() {
        let lines = [
            "* 1 FETCH (UID 4 RFC822.SIZE 1200 FLAGS (\\Seen \\Recent))",
            "* 2 FETCH (FLAGS () UID 9 RFC822.SIZE 88)",
            "* 3 EXISTS",
            "* 2 FETCH (FLAGS (\\Deleted))",
        ]
        let summaries = IMAPResponseParser.fetchSummaries(in: lines)
        #expect(summaries == [
            IMAPMessageSummary(uid: 4, size: 1200, flags: ["\\Seen", "\\Recent"]),
            IMAPMessageSummary(uid: 9, size: 88, flags: []),
        ])
        #expect(summaries[0].isSeen && !summaries[1].isSeen)
    }

    @Test func capabilitiesFailuresAndAppendUID() {
        let lines = [
            "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready",
            "* CAPABILITY IMAP4rev1 MOVE UIDPLUS",
            "A002 OK Logged in",
            "A003 NO [TRYCREATE] Mailbox doesn't exist: X",
            "A004 OK [APPENDUID 1700000000 42] Append completed.",
        ]
        #expect(IMAPResponseParser.capabilities(in: lines) == ["IMAP4REV1", "MOVE", "UIDPLUS"])
        #expect(IMAPResponseParser.taggedFailure(in: lines) == "[TRYCREATE] Mailbox doesn't exist: X")
        #expect(IMAPResponseParser.appendUID(in: lines) == 42)
    }

    @Test func uidSetsAndQuoting() {
        #expect(IMAPResponseParser.uidSet([7, 1, 2, 3, 9, 10, 3]) == "1:3,7,9:10")
        #expect(IMAPResponseParser.uidSet([5]) == "5")
        #expect(IMAPClient.name("Traités") == "\"Trait&AOk-s\"")
        #expect(IMAPResponseParser.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
    }

    @Test func urls() throws {
        let address = try IMAPServerAddress(parsing: "imaps://imap.example.org:993/INBOX")
        #expect(address.implicitTLS)
        #expect(address.mailbox == "INBOX")
        #expect(address.url(mailbox: "Traités", uid: 12) == "imaps://imap.example.org:993/Trait%26AOk-s;UID=12")
        #expect(try IMAPServerAddress(parsing: "imap://h/").mailbox == "INBOX")
        #expect(try IMAPServerAddress(parsing: "imap://h/Trait%C3%A9s").mailbox == "Traités")
        #expect(throws: IMAPError.self) { try IMAPServerAddress(parsing: "https://h/") }
        #expect(throws: IMAPError.self) { try IMAPServerAddress(parsing: "imaps://user:pw@h/") }
    }
}

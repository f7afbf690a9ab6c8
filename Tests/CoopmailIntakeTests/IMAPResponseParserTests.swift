import Foundation
import Testing

@testable import CoopmailIntake

@Suite("Lecture des réponses IMAP")
struct IMAPResponseParserTests {
    @Test func status() throws {
        let found = try #require(
            IMAPResponseParser.status(in: [
                "* STATUS \"Trait&AOk-s (x)\" (MESSAGES 3 UIDNEXT 17 UIDVALIDITY 1700000000)"
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
        #expect(
            summaries == [
                IMAPMessageSummary(uid: 4, size: 1200, flags: ["\\Seen", "\\Recent"]),
                IMAPMessageSummary(uid: 9, size: 88, flags: []),
            ])
        #expect(summaries[0].isSeen && !summaries[1].isSeen)
    }

    @Test func internalDates() throws {
        let summaries = IMAPResponseParser.fetchSummaries(in: [
            "* 1 FETCH (UID 4 RFC822.SIZE 1200 FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")",
            "* 2 FETCH (UID 5 INTERNALDATE \" 3-Dec-2026 13:05:00 +0100\" RFC822.SIZE 88 FLAGS ())",
            "* 3 FETCH (UID 6 RFC822.SIZE 88 FLAGS () INTERNALDATE \"31-Foo-2026 13:05:00 +0100\")",
        ])
        #expect(summaries.map(\.uid) == [4, 5, 6])
        #expect(summaries[0].internalDate == Date(timeIntervalSince1970: 837_596_665))
        #expect(summaries[1].internalDate == Date(timeIntervalSince1970: 1_796_299_500))
        #expect(summaries[2].internalDate == nil)
        for bad in [
            "", "17-Jul-1996", "17-Jul-1996 02:44:25", "99-Jul-1996 02:44:25 -0700", "17-Jul-1996 25:44:25 -0700",
            "17-Jul-99999 02:44:25 -0700", "17-Jul-1996 02:44:25 +07:00", "17-Jul-1996 02:44:25 -0x00",
        ] {
            #expect(IMAPResponseParser.internalDate(bad) == nil, "\(bad)")
        }
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

import CoopmailIntake
import Foundation
import Testing

/// The IMAP reader against a server that misbehaves in ways Dovecot never does: unsolicited data in the middle of a
/// fetch, text inside a message that looks like protocol, literals larger than allowed, BYE or a cut connection
/// mid-message. Each must give the messages byte for byte, or a French error — never a crash or a hang.
@Suite("IMAP : serveur hostile (faux serveur)")
struct IMAPHostileServerTests {
    /// A plain-text IMAP server (logins by LOGIN) whose answer to `UID FETCH` is `fetchAnswer(tag)`.
    static func server(fetchAnswer: @escaping @Sendable (String) -> [String]?) throws -> FakeLineServer {
        try FakeLineServer(greeting: ["* OK [CAPABILITY IMAP4rev1] fake ready"]) { line in
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { return nil }
            let tag = parts[0]
            switch parts[1].uppercased() {
            case "CAPABILITY": return ["* CAPABILITY IMAP4rev1", "\(tag) OK done"]
            case "LOGIN": return ["\(tag) OK logged in"]
            case "SELECT":
                return ["* 3 EXISTS", "* OK [UIDVALIDITY 9] ok", "* OK [UIDNEXT 10] ok", "\(tag) OK [READ-WRITE] done"]
            case "UID": return fetchAnswer(tag)
            case "LOGOUT": return ["* BYE", "\(tag) OK bye"]
            default: return ["\(tag) BAD unexpected"]
            }
        }
    }

    static func client(_ server: FakeLineServer, maxMessageBytes: Int = 1 << 20) throws -> IMAPClient {
        try IMAPClient(
            configuration: IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "ad75",
                password: "x", allowPlaintext: true, connectTimeout: 10, stallTimeout: 3),
            maxMessageBytes: maxMessageBytes)
    }

    /// `* n FETCH (UID u BODY[] {size}` + the body's lines + `)`: the body is `lines` joined by CRLF, CRLF-terminated.
    static func fetchResponse(sequence: Int, uid: Int, body lines: [String]) -> (response: [String], bytes: Data) {
        let body = Data(lines.map { $0 + "\r\n" }.joined().utf8)
        return (["* \(sequence) FETCH (UID \(uid) BODY[] {\(body.count)}"] + lines + [")"], body)
    }

    @Test func unsolicitedDataAndProtocolLookalikesInsideBodies() throws {
        let first = Self.fetchResponse(
            sequence: 1, uid: 7,
            body: [
                "Subject: piège", "", "c3 OK this line is inside the message", "* 9 EXPUNGE", "fin du texte {12}",
            ])
        let second = Self.fetchResponse(sequence: 2, uid: 8, body: ["Subject: deux", "", "+ pas une continuation", ""])
        let server = try Self.server { tag in
            ["* 3 EXPUNGE", "* 2 FETCH (FLAGS (\\Seen))"] + first.response + ["* 4 EXISTS"] + second.response
                + ["* OK [ALERT] bruit", "\(tag) OK fetch done"]
        }
        let imap = try Self.client(server)
        var got: [UInt32: Data] = [:]
        try imap.fetch([7, 8, 9]) { uid, data in got[uid] = data }
        #expect(got == [7: first.bytes, 8: second.bytes])
    }

    @Test func literalOverTheLimitEndsTheConnectionWithAnError() throws {
        let big = Self.fetchResponse(sequence: 1, uid: 7, body: [String(repeating: "x", count: 200_000)])
        let server = try Self.server { tag in big.response + ["\(tag) OK done"] }
        let imap = try Self.client(server, maxMessageBytes: 10_000)
        #expect(throws: IMAPError.self) { try imap.fetch([7]) { _, _ in } }
    }

    @Test(arguments: ["bye", "cut", "refused"])
    func serverGivingUpMidFetchIsAnError(way: String) throws {
        let server = try Self.server { tag in
            switch way {
            // A literal cut short (the server then sends BYE, read as message bytes): the stall timeout ends it.
            case "bye": return ["* 1 FETCH (UID 7 BODY[] {400}", "Subject: x", "* BYE arrêt du serveur"]
            case "cut": return nil  // connection closed without a word
            default: return ["\(tag) NO [SERVERBUG] fetch impossible"]
            }
        }
        let imap = try Self.client(server)
        let error = #expect(throws: IMAPError.self) { try imap.fetch([7]) { _, _ in } }
        #expect(error?.message.isEmpty == false)
        if way == "refused" {
            #expect(error?.message.contains("fetch impossible") == true, "\(String(describing: error))")
        }
    }

    @Test func manySmallLiteralsInOneResponseEndTheConnection() throws {
        // Each literal is under the limit; together they would fill memory (F12).
        let piece = String(repeating: "y", count: 900)
        let server = try Self.server { tag in
            var lines = ["* 1 FETCH (UID 7 BODY[HEADER.FIELDS (X)] {\(piece.count + 2)}"]
            for _ in 0..<500 { lines += [piece, " X {\(piece.count + 2)}"] }
            return lines + [piece, ")", "\(tag) OK done"]
        }
        let imap = try Self.client(server, maxMessageBytes: 10_000)
        let error = #expect(throws: IMAPError.self) { try imap.fetch([7]) { _, _ in } }
        #expect(error?.message.contains("littéraux") == true, "\(String(describing: error))")
    }
}

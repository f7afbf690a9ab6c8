import CoopmailApp
import CoopmailStore
import Foundation
import GRDB
import Testing

/// Mails in the shapes `scripts/make-client-mails.py` found wanting, through ingest, reading and matching (real bytes).
@Suite struct ClientMailTests {
    static let statement = try! Data(
        contentsOf: repoRoot.appendingPathComponent("Fixtures/documents/releve-2021-08-0123.pdf"))
    static let registry = try! String(
        contentsOf: repoRoot.appendingPathComponent("Fixtures/documents/registry.csv"), encoding: .utf8)

    static func wrap(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
    }

    /// 075-0123's mandataire answers, in a colleague's thread about 075-0456, with 075-0123's statement (Gmail quote),
    /// and once more without documents (Outlook quote). Both belong to 075-0123: before, the colleague's number in
    /// the quoted text and in the inherited subject left them unmatched (« signaux contradictoires »).
    static let withDocuments = """
        From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: Re: Quitus =?UTF-8?Q?coop=C3=A9rative?= 075-0456\r\n\
        Message-ID: <reply-1@ac-paris.fr>\r\nDate: Tue, 21 Sep 2021 10:00:00 +0200\r\nIn-Reply-To: <colleague-1@ac-paris.fr>\r\n\
        MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="000000000000a1b2"\r\n\r\n\
        --000000000000a1b2\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
        Bonjour,\r\nMerci pour l'info, je fais pareil : voici nos documents.\r\nClaire\r\n\r\n\
        Le mar. 21 sept. 2021 =C3=A0 09:12, Paul Durand <paul.durand@ac-paris.fr> a =C3=A9crit :\r\n\
        > Bonjour =C3=A0 tous,\r\n> Pour la coop=C3=A9rative 075-0456 (=C3=89cole maternelle Rue de la Roquette), notre quitus est parti hier.\r\n\
        > Paul Durand\r\n> Mandataire coop 075-0456\r\n\
        --000000000000a1b2\r\nContent-Type: application/pdf; name="releve.pdf"\r\nContent-Disposition: attachment; filename="releve.pdf"\r\n\
        Content-Transfer-Encoding: base64\r\n\r\n\(wrap(statement))\r\n--000000000000a1b2--\r\n
        """
    static let withoutDocuments = """
        From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: RE: Quitus =?windows-1252?Q?coop=E9rative?= 075-0456\r\n\
        Message-ID: <reply-2@ac-paris.fr>\r\nDate: Tue, 21 Sep 2021 11:00:00 +0200\r\nMIME-Version: 1.0\r\n\
        Content-Type: text/plain; charset="windows-1252"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
        Bonjour,\r\nMerci, je vous envoie tout la semaine prochaine.\r\nClaire\r\n\r\n\
        De : Paul Durand <paul.durand@ac-paris.fr>\r\nEnvoy=E9 : mardi 21 septembre 2021 09:12\r\n\
        =C0 : ad75@occe.coop; claire.martin@ac-paris.fr\r\nObjet : Quitus coop=E9rative 075-0456\r\n\r\n\
        Pour la coop=E9rative 075-0456, notre quitus est parti hier.\r\nPaul Durand\r\n
        """

    @Test func aReplyQuotingAnotherCooperativeBelongsToTheSender() async throws {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(csv: Self.registry)
        let ids = try t.ingest([
            (name: "documents", raw: Self.withDocuments), (name: "message", raw: Self.withoutDocuments),
        ])
        _ = await Pipeline(store: t.store, config: Config()).process()
        let messages = try await t.store.db.read { try MessageRecord.fetchAll($0) }
        let documents = try await t.store.db.read { try DocumentRecord.fetchAll($0) }
        #expect(messages.first { $0.id == ids["documents"] }?.cooperative == "075-0123")
        #expect(messages.first { $0.id == ids["message"] }?.cooperative == "075-0123")
        #expect(messages.first { $0.id == ids["message"] }?.nature == "message")
        let statement = documents.first { $0.message == ids["documents"] }
        #expect(statement?.kind == .bankStatement)
        #expect(statement?.cooperative == "075-0123")
    }

    /// An attachment named in two base64 encoded-words, each padded (Outlook, webmails): stored and read under its
    /// whole name (it was « Relevé août 21.p »).
    @Test func aNameInPaddedEncodedWordsIsKeptWhole() async throws {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(csv: Self.registry)
        let raw = """
            From: Claire Martin <claire.martin@ac-paris.fr>\r\nTo: ad75@occe.coop\r\nSubject: documents\r\n\
            Message-ID: <names-1@ac-paris.fr>\r\nDate: Tue, 21 Sep 2021 10:00:00 +0200\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nBonjour\r\n\
            --b\r\nContent-Type: application/pdf;\r\n name="=?ISO-8859-1?B?UmVsZXbpIGFv+3QgMjEucA==?=\r\n =?ISO-8859-1?B?ZGY=?="\r\n\
            Content-Disposition: attachment;\r\n filename="=?ISO-8859-1?B?UmVsZXbpIGFv+3QgMjEucA==?=\r\n =?ISO-8859-1?B?ZGY=?="\r\n\
            Content-Transfer-Encoding: base64\r\n\r\n\(Self.wrap(Self.statement))\r\n--b--\r\n
            """
        _ = try Ingestor(store: t.store, config: Config()).ingest(.init(content: .bytes(Data(raw.utf8)), source: "n"))
        _ = await Pipeline(store: t.store, config: Config()).process()
        let documents = try await t.store.db.read { try DocumentRecord.fetchAll($0) }
        #expect(documents.map(\.filename) == ["Relevé août 21.pdf"])
        #expect(documents.first?.cooperative == "075-0123")
    }
}

import CoopmailApp
import CoopmailDomain
import CoopmailIntake
import CoopmailOutcome
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB
import Testing

/// Mails whose headers the sender chose to hurt: dates out of any calendar, Message-IDs reused by someone else.
@Suite struct HostileMailTests {
    static let hostileDates = [
        "Mon, 30 Jun 3609 10:00:00 +0000", "Wed, 01 Jan 3000 00:00:00 +0100", "Sat, 31 Dec 9999 23:59:59 -1200",
        "Fri, 01 Jan 99999 00:00:00 +0000", "Thu, 01 Jan -0001 00:00:00 +0000", "Mon, 01 Jan 1900 00:00:00 +0000",
        "Sun, 31 Dec 1899 23:00:00 -0100", "n'importe quoi", "",
    ]

    func mail(date: String, id: String, from: String = "marie.dupont@ecole.test", body: String = "ci-joint")
        -> RawMessage
    {
        let raw =
            "From: \(from)\r\nTo: ad75@occe.coop\r\nSubject: coop 075-0123\r\nMessage-ID: <\(id)@ecole.test>\r\n"
            + (date.isEmpty ? "" : "Date: \(date)\r\n") + "\r\n\(body)\r\n"
        return RawMessage(content: .bytes(Data(raw.utf8)), source: "test")
    }

    @Test(arguments: hostileDates)
    func aDateOutOfTheCalendarIsKeptButDecidesNothing(date: String) throws {
        let t = try TempStore()
        let before = Date().addingTimeInterval(-1)
        let outcome = try Ingestor(store: t.store, config: Config()).ingest(mail(date: date, id: "d"))
        let after = Date().addingTimeInterval(1)
        guard case .ingested(let id) = outcome else {
            Issue.record("« \(date) » : \(outcome)")
            return
        }
        let m = try #require(try t.store.db.read { try MessageRecord.fetchOne($0, key: id) })
        // The exercise and the order come from the arrival (here: the ingest), whatever the header says.
        let received = try #require(Timestamp.parse(m.receivedAt))
        #expect(received >= before && received <= after, "\(date) → \(m.receivedAt)")
        #expect(m.exercise == Config().exercise(forMailAt: received).description)
        if date.hasPrefix("Mon, 30 Jun 3609") {
            #expect(m.sentAt?.hasPrefix("3609-06-30") == true, "\(m.sentAt ?? "nil")")
        }

        // The answer is queued as for any other mail.
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;Marie Dupont;marie.dupont@ecole.test;
                """)
        try t.store.db.write {
            try $0.execute(
                sql: "UPDATE message SET cooperative = '075-0123', status = 'processed' WHERE id = ?", arguments: [id])
        }
        let templates = try TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)
        let results = try Outbox(store: t.store, config: Config(), templates: templates).acknowledge(message: id)
        #expect(results.count == 1)
        if case .failure(let skip) = results.first { Issue.record("not queued: \(skip)") }
    }

    @Test func theDayOfADateOutOfTheCalendarIsNone() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .paris
        let far = calendar.date(from: DateComponents(year: 3609, month: 6, day: 30, hour: 12))!
        #expect(CalendarDate(parisDayOf: far) == nil)
        #expect(CalendarDate(parisDayOf: Date(timeIntervalSince1970: -1e15)) == nil)
        #expect(CalendarDate(parisDayOf: Date(timeIntervalSince1970: .infinity)) == nil)
        let day = calendar.date(from: DateComponents(year: 2021, month: 8, day: 31, hour: 23, minute: 30))!
        #expect(CalendarDate(parisDayOf: day) == CalendarDate(year: 2021, month: 8, day: 31))
        // Whatever date it is given, the exercise exists and has a closing day.
        for date in [far, Date(timeIntervalSince1970: -1e15), Date.distantFuture, Date.distantPast] {
            let e = Config().exercise(forMailAt: date)
            #expect(e.closing > e.opening)
        }
        #expect(Exercise(startYear: 5000).closing == CalendarDate(year: 2999, month: 8, day: 31))
        #expect(Exercise(startYear: -3).opening == CalendarDate(year: 1900, month: 9, day: 1))
    }

    /// The arrival rule, on dates generated around the ingest time.
    @Test(arguments: [1, 2, 3])
    func arrivalIsTheTransportTimeOrAPlausibleHeaderOfALocalFile(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let now = Date(timeIntervalSince1970: 1_700_000_000 + Double(rng.next() % 100_000_000))
        let day: TimeInterval = 86_400
        for _ in 0..<200 {
            let offset = Double(rng.next() % 20_000) * day / 10 - 1_000 * day  // from 1,000 days before to 1,000 after
            let header = now.addingTimeInterval(offset)
            let plausible = offset <= day && header >= Ingestor.earliestPlausibleArrival
            // A local file: its header when plausible, else the ingest time.
            #expect(Ingestor.arrivalTime(transport: nil, header: header, ingestedAt: now) == (plausible ? header : now))
            // From the server: its INTERNALDATE, never the header.
            let serverTime = now.addingTimeInterval(-Double(rng.next() % 1_000))
            #expect(Ingestor.arrivalTime(transport: serverTime, header: header, ingestedAt: now) == serverTime)
        }
        #expect(
            Ingestor.arrivalTime(transport: nil, header: Date(timeIntervalSince1970: 900_000_000), ingestedAt: now)
                == now)
        #expect(Ingestor.arrivalTime(transport: now.addingTimeInterval(3 * day), header: nil, ingestedAt: now) == now)
        #expect(Ingestor.arrivalTime(transport: nil, header: nil, ingestedAt: now) == now)
    }

    /// A local file dated in the future (a wrong clock, or a sender who wants to be last) counts from its ingest; an old
    /// archive keeps its date.
    @Test func aFutureHeaderDoesNotMakeAMailTheLatest() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let future = formatter.string(from: Date().addingTimeInterval(200 * 86_400))
        let old = "Mon, 04 Oct 2021 09:15:00 +0200"
        guard case .ingested(let a) = try ingestor.ingest(mail(date: future, id: "future")),
            case .ingested(let b) = try ingestor.ingest(mail(date: old, id: "old")),
            case .ingested(let c) = try ingestor.ingest(mail(date: "", id: "later"))
        else {
            Issue.record("not ingested")
            return
        }
        let rows = try t.store.db.read { db in
            try [a, b, c].map { try #require(try MessageRecord.fetchOne(db, key: $0)) }
        }
        #expect(rows[1].receivedAt == "2021-10-04T07:15:00Z")
        #expect(rows[1].exercise == "2020-2021")
        #expect(rows[0].receivedAt <= rows[2].receivedAt, "\(rows[0].receivedAt) > \(rows[2].receivedAt)")
        #expect(rows[0].sentAt.map { $0 > rows[2].receivedAt } == true)
    }

    // MARK: Message-ID collisions

    func outcomeID(_ o: Ingestor.Outcome) -> Int64? {
        switch o {
        case .ingested(let id), .duplicate(let id), .quarantined(let id, _): return id
        }
    }

    @Test func twoMailsWithOneMessageIDAreBothStoredAndFlagged() async throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        let first = try ingestor.ingest(
            mail(
                date: "Mon, 04 Oct 2021 09:15:00 +0200", id: "same", from: "marie.dupont@ecole.test",
                body: "voici le quitus de la coop 075-0123"))
        let second = try ingestor.ingest(
            mail(
                date: "Mon, 04 Oct 2021 10:15:00 +0200", id: "same", from: "paul.martin@ecole.test",
                body: "voici le relevé de la coop 075-0456"))
        guard case .ingested(let a) = first, case .ingested(let b) = second else {
            Issue.record("\(first), \(second)")
            return
        }
        #expect(a != b)
        let rows = try await t.store.db.read { try MessageRecord.order(Column("id")).fetchAll($0) }
        #expect(rows.count == 2)
        #expect(rows.map(\.messageId) == ["<same@ecole.test>", "<same@ecole.test>"])
        #expect(rows[0].key == "<same@ecole.test>" && rows[0].collidesWith == nil)
        #expect(rows[1].key == "<same@ecole.test>#sha256:" + rows[1].rawSha256)
        #expect(rows[1].collidesWith == a)
        #expect((JSON.decode([String].self, rows[1].matchEvidence) ?? []).contains(Ingestor.collisionNote(a)))
        // The note survives the reading and matching stage.
        _ = try await Processor(store: t.store, config: Config()).run()
        let processed = try await t.store.db.read { try MessageRecord.fetchOne($0, key: b) }
        #expect((JSON.decode([String].self, processed?.matchEvidence) ?? []).first == Ingestor.collisionNote(a))
        // A third mail reusing it again is stored too; the same bytes again are not.
        let third = try ingestor.ingest(mail(date: "", id: "same", body: "encore autre chose"))
        #expect(
            {
                if case .ingested = third { return true }
                return false
            }())
        let again = try ingestor.ingest(
            mail(
                date: "Mon, 04 Oct 2021 10:15:00 +0200", id: "same", from: "paul.martin@ecole.test",
                body: "voici le relevé de la coop 075-0456"))
        #expect(again == .duplicate(b))
        // The export names the header's Message-ID.
        let export = try Exporter(store: t.store, config: Config()).json(exercise: Exercise(startYear: 2020))
        #expect(export.components(separatedBy: "\"<same@ecole.test>\"").count - 1 == 2, "\(export)")
        #expect(!export.contains("#sha256:"))
    }

    func withAttachment(_ headers: String, _ pdf: Data, lineEnd: String) -> Data {
        let b64 = pdf.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
            .split(separator: "\n").joined(separator: lineEnd)
        let text =
            headers
            + "Message-ID: <resent@ecole.test>\nFrom: marie.dupont@ecole.test\nSubject: relevé\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nci-joint le relevé   \n"
            + "--B\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=releve.pdf\n\n"
            + b64 + "\n--B--\n"
        return Data(text.replacingOccurrences(of: "\n", with: lineEnd).utf8)
    }

    @Test func aResentCopyWithOtherHeadersIsADuplicateAndOtherAttachmentsAreNot() throws {
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: Config())
        var rng = SeededGenerator(seed: 11)
        let pdf = Data("%PDF-1.4\n".utf8 + (0..<3000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        let original = withAttachment("Received: from a by b; Mon, 4 Oct 2021 09:15:00 +0200\n", pdf, lineEnd: "\n")
        let copy = withAttachment(
            "Received: from c by d; Mon, 4 Oct 2021 09:20:00 +0200\nReceived: from e by c\n", pdf, lineEnd: "\r\n")
        var other = pdf
        other[other.count - 1] ^= 0xFF
        let otherAttachment = withAttachment(
            "Received: from a by b; Mon, 4 Oct 2021 09:15:00 +0200\n", other, lineEnd: "\n")
        guard case .ingested(let id) = try ingestor.ingest(.init(content: .bytes(original), source: "t")) else {
            Issue.record("not stored")
            return
        }
        #expect(try ingestor.ingest(.init(content: .bytes(original), source: "t")) == .duplicate(id))
        #expect(try ingestor.ingest(.init(content: .bytes(copy), source: "t")) == .duplicate(id))
        let third = try ingestor.ingest(.init(content: .bytes(otherAttachment), source: "t"))
        guard case .ingested(let otherID) = third else {
            Issue.record("\(third)")
            return
        }
        let row = try t.store.db.read { try MessageRecord.fetchOne($0, key: otherID) }
        #expect(row?.collidesWith == id)
        #expect(try t.store.db.read { try MessageRecord.fetchCount($0) } == 2)
    }

    // MARK: Zip budget per mail

    @Test func zipsOfOneMailShareOneExpansionBudget() throws {
        var config = Config()
        config.limits.zipMaxTotalBytes = 40_000
        config.limits.zipMaxMessageBytes = 60_000
        var rng = SeededGenerator(seed: 5)
        func zip(_ name: String, bytes: Int) throws -> Data {
            let content = Data((0..<bytes).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
            return try makeZip(entries: [(name, content)])
        }
        func mail(_ zips: [Data], id: String) -> RawMessage {
            var text =
                "From: a@ecole.test\r\nMessage-ID: <\(id)@ecole.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"Z\"\r\n\r\n--Z\r\nContent-Type: text/plain\r\n\r\npièces\r\n"
            for (i, z) in zips.enumerated() {
                text +=
                    "--Z\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n"
                    + "Content-Disposition: attachment; filename=lot\(i).zip\r\n\r\n"
                    + z.base64EncodedString(options: [
                        .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                    ]) + "\r\n"
            }
            return RawMessage(content: .bytes(Data((text + "--Z--\r\n").utf8)), source: "t")
        }
        let t = try TempStore()
        let ingestor = Ingestor(store: t.store, config: config)
        // Each archive is under the per-archive limit; together they are over the mail's.
        let two = try ingestor.ingest(
            mail([try zip("a.pdf", bytes: 35_000), try zip("b.pdf", bytes: 35_000)], id: "two"))
        guard case .quarantined(_, let reason) = two else {
            Issue.record("not quarantined: \(two)")
            return
        }
        #expect(reason.contains("au total pour ce message"), "\(reason)")
        // Within the mail's budget, both are expanded.
        let fine = try ingestor.ingest(
            mail([try zip("c.pdf", bytes: 25_000), try zip("d.pdf", bytes: 25_000)], id: "fine"))
        guard case .ingested(let id) = fine else {
            Issue.record("not stored: \(fine)")
            return
        }
        let names = try t.store.db.read {
            try String.fetchAll(
                $0, sql: "SELECT filename FROM document WHERE message = ? ORDER BY position", arguments: [id])
        }
        #expect(names == ["lot0.zip", "lot0.zip/c.pdf", "lot1.zip", "lot1.zip/d.pdf"])
    }
}

/// A zip archive of stored (uncompressed) entries, written by hand: the test needs no zip tool.
func makeZip(entries: [(String, Data)]) throws -> Data {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
    func crc32(_ d: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in d {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
        }
        return ~c
    }
    var out = [UInt8]()
    var central = [UInt8]()
    for (name, data) in entries {
        let offset = UInt32(out.count)
        let n = Array(name.utf8)
        let crc = crc32(data)
        let size = UInt32(data.count)
        out +=
            le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) + le32(size)
            + le32(size)
            + le16(n.count) + le16(0) + n + [UInt8](data)
        central +=
            le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) + le32(size)
            + le32(size) + le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + n
    }
    let centralOffset = UInt32(out.count)
    out += central
    out +=
        le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count) + le32(UInt32(central.count))
        + le32(centralOffset) + le16(0)
    return Data(out)
}

import CoopmailDomain
import Foundation

extension DocumentReader {
    /// A second OCR reading where the first does not check: a statement read by OCR whose movements do not reconcile
    /// with its printed balances and totals, a quitus read by OCR whose totals are missing. Their OCR pages are read
    /// again as one uniform block of text (tesseract psm 6, which keeps the amount column psm 4 may drop on a phone
    /// photo), a page photographed tilted beyond a degree being straightened first (``straightBlockReading``), and the
    /// two readings are merged (``OCRMerge``). The merge is kept only when it checks — the statement reconciles, the
    /// quitus shows all three totals — and both merge orders give the same figures; otherwise the first reading stays,
    /// unchanged. A statement with a straightened page may also take the second reading alone, as the flat reading
    /// is taken (``checkedAlone(first:again:)``): the first reading of a tilted photo is the one that lost its rows.
    /// A statement still unreconciled is read a third time with its pages' light evened out
    /// (``flatReading(_:document:pages:first:scratch:)``), then, when one OCR slip in any of several amounts would make
    /// it add up, those amounts are read again on their own
    /// (``amountRereading(_:document:pages:text:scratch:)``). Only the figures change: the part's text (what the
    /// matcher reads) stays the first reading's.
    func secondReading(_ bytes: [UInt8], document: ReadDocument, parts: [ReadDocumentPart]) async
        -> [ReadDocumentPart]
    {
        var parts = parts
        let wanted = parts.indices.filter {
            parts[$0].ocr && (Self.needsSecondReading(parts[$0]) || Self.hasUncertainDates(parts[$0]))
        }
        guard !wanted.isEmpty, let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return parts }
        defer { scratch.remove() }
        for i in wanted {
            let pages = parts[i].pages.compactMap { n in document.pages.first { $0.number == n } }
            if !Self.needsSecondReading(parts[i]) {
                parts[i].statement =
                    await straightenedDates(
                        bytes, document: document, pages: pages, first: parts[i].statement, scratch: scratch)
                    ?? parts[i].statement
                continue
            }
            var first: [String] = []
            var second: [String] = []
            var straightened = false
            for page in pages {
                first.append(page.text)
                let again =
                    page.source == .ocr
                    ? await straightBlockReading(bytes, mediaType: document.mediaType, page: page, scratch: scratch)
                    : nil
                if again?.straightened == true { straightened = true }
                second.append(again?.text ?? page.text)
            }
            if second != first {
                let forward = OCRMerge.merge(pages: first, second)
                let backward = OCRMerge.merge(pages: second, first)
                if parts[i].kind == .bankStatement {
                    parts[i].statement =
                        (straightened ? Self.checkedAlone(first: first, again: second, straightened: true) : nil)
                        ?? Self.checkedStatement(forward, backward) ?? parts[i].statement
                } else if parts[i].kind == .quitus, let quitus = parts[i].quitus {
                    parts[i].quitus = Self.checkedQuitus(forward, backward, first: quitus) ?? quitus
                }
            }
            if parts[i].kind == .bankStatement, Self.needsSecondReading(parts[i]),
                let (kept, alone) = await flatReading(
                    bytes, document: document, pages: pages, first: first, scratch: scratch)
            {
                parts[i].statement = Self.withAccount(of: alone, in: kept ?? parts[i].statement)
            }
            if parts[i].kind == .bankStatement, Self.needsSecondReading(parts[i]), pages.count == first.count,
                let reread = await amountRereading(
                    bytes, document: document, pages: pages, text: first.joined(separator: "\u{0C}"), scratch: scratch)
            {
                parts[i].statement = Self.withAccount(of: parts[i].statement ?? reread, in: reread)
            }
        }
        return parts
    }

    /// A third reading of a statement whose first two do not reconcile: its OCR pages read with their light evened
    /// out first (a phone photo with a shadow across it, where tesseract's one global threshold lost the text in the
    /// shadow: on 35 statements photographed so, the balance came out for 34 % of them before, 97 % after, and
    /// evening out every page's light instead cost 4 of 143 balances on photos without a shadow). Kept when it
    /// reconciles on its own, or when its merge with the first reading does in both orders with the same figures;
    /// nil otherwise. Also gives the flat reading alone (its IBAN may be the only one read, see ``withAccount(of:in:)``);
    /// nil when the pages could not be read again. A page whose light the worker evened out as it loaded it (a shadow's
    /// edge across it, `light` in Sources/coopmail-ocr/main.c) was read flat the first time: its flat reading is then
    /// the page in its light as loaded, the other light (a shadow the first reading overcame may have cost a line).
    func flatReading(
        _ bytes: [UInt8], document: ReadDocument, pages: [PageText], first: [String], scratch: ScratchDirectory
    ) async -> (kept: StatementReading?, alone: StatementReading)? {
        var flat: [String] = []
        for page in pages {
            let again =
                page.source == .ocr
                ? await readingAgain(bytes, mediaType: document.mediaType, page: page, scratch: scratch, layout: .flat)
                : nil
            flat.append(again ?? page.text)
        }
        guard flat != first else { return nil }
        let alone = StatementReader.read(flat.joined(separator: "\u{0C}"), ocr: true)
        return (Self.checkedFlatReading(first: first, flat: flat, alone: alone), alone)
    }

    /// The flat reading of a statement (`flat`, its pages; `alone`, the statement read on them) whose first reading
    /// (`first`) does not reconcile, when it can be trusted: on its own when it reconciles and keeps every movement
    /// amount the first reading read (it only recovers what the first lost), else its merge with the first reading,
    /// checked (``checkedStatement(_:_:)``); nil otherwise. A flat reading that reads an amount both read otherwise
    /// is one OCR slip against another, and that it adds up does not settle which is right: two slips can make up
    /// for each other (a turned page read `-392,13` as `-892,13` both times, and `366,91` as `866,91` once flat:
    /// −500 € and +500 €, a statement that reconciled with its balance at 31/08 500 € off).
    static func checkedFlatReading(first: [String], flat: [String], alone: StatementReading) -> StatementReading? {
        if alone.reconciled, let kept = checkedAlone(first: first, again: flat) { return kept }
        return checkedStatement(OCRMerge.merge(pages: first, flat), OCRMerge.merge(pages: flat, first))
    }

    /// The statement read on `again` alone (a second reading of the pages whose first reading is `first`) when it
    /// reconciles and keeps every movement amount the first reading read (``keepsAmounts(of:in:)``); nil otherwise.
    /// When `again` was read on straightened pages, an amount of the first reading that `again` shows inside a longer
    /// number is not one to keep: the first reading cut it out of that number where the tilted rows broke (an account
    /// number « 585.80.2988 » split at the line's end read as a 585,80 € movement).
    static func checkedAlone(first: [String], again: [String], straightened: Bool = false) -> StatementReading? {
        let alone = StatementReader.read(again.joined(separator: "\u{0C}"), ocr: true)
        guard alone.reconciled else { return nil }
        var kept = StatementReader.read(first.joined(separator: "\u{0C}"), ocr: true).statement
        if straightened {
            let text = again.joined(separator: "\n")
            kept.movements.removeAll { Self.showsInsideLongerNumber($0.amount, in: text) }
        }
        return keepsAmounts(of: kept, in: alone.statement) ? alone : nil
    }

    /// Whether `text` shows the figures of `amount` (below 1 000 €, written « 585.80 » or « 585,80 ») run on into more
    /// digits on either side, as in an account number.
    static func showsInsideLongerNumber(_ amount: Money, in text: String) -> Bool {
        let cents = amount.cents.magnitude
        guard cents < 100_000 else { return false }
        let euros = String(cents / 100)
        let rest = cents % 100
        let figure = euros + "[.,]" + (rest < 10 ? "0" : "") + String(rest)
        guard let pattern = try? NSRegularExpression(pattern: "[0-9][.,]?\(figure)|\(figure)[.,]?[0-9]") else {
            return false
        }
        return pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether a statement read by OCR reconciles but holds movements whose operation date was not read
    /// (``BankStatement/Movement/dateUncertain``): tesseract kept one of a row's two dates on a tilted photo.
    static func hasUncertainDates(_ part: ReadDocumentPart) -> Bool {
        guard part.kind == .bankStatement, let s = part.statement, s.reconciled else { return false }
        return s.statement.movements.contains { $0.dateUncertain == true }
    }

    /// A reconciled statement whose operation dates were lost (``hasUncertainDates(_:)``) read again on its pages
    /// straightened, when the worker measures one of them tilted (``straightBlockReading``; an upright page is not read
    /// again): kept when that reading reconciles, reads the same balances and movement amounts, and has fewer
    /// uncertain dates — only the dates change. Nil otherwise.
    func straightenedDates(
        _ bytes: [UInt8], document: ReadDocument, pages: [PageText], first: StatementReading?,
        scratch: ScratchDirectory
    ) async -> StatementReading? {
        guard let first else { return nil }
        var again: [String] = []
        var straightened = false
        for page in pages {
            let read =
                page.source == .ocr
                ? await straightBlockReading(
                    bytes, mediaType: document.mediaType, page: page, scratch: scratch, onlyTilted: true) : nil
            if read?.straightened == true { straightened = true }
            again.append(read?.text ?? page.text)
        }
        guard straightened else { return nil }
        let alone = StatementReader.read(again.joined(separator: "\u{0C}"), ocr: true)
        let uncertain = { (s: BankStatement) in s.movements.filter { $0.dateUncertain == true }.count }
        guard alone.reconciled, Self.keepsAmounts(of: first.statement, in: alone.statement),
            Self.keepsAmounts(of: alone.statement, in: first.statement),
            first.statement.balances.map(\.amount) == alone.statement.balances.map(\.amount),
            uncertain(alone.statement) < uncertain(first.statement)
        else { return nil }
        return alone
    }

    /// Whether every movement amount of `first` is among those of `other`, as many times. Amounts without their sign:
    /// a side the first reading got wrong (a débit column that lost its header) is not a slip in the figures.
    static func keepsAmounts(of first: BankStatement, in other: BankStatement) -> Bool {
        var left: [UInt64: Int] = [:]
        for m in other.movements { left[m.amount.cents.magnitude, default: 0] += 1 }
        for m in first.movements {
            let cents = m.amount.cents.magnitude
            guard let n = left[cents], n > 0 else { return false }
            left[cents] = n - 1
        }
        return true
    }

    /// `reading` with the account `other` read where `reading` has none: an IBAN passes its check digits (mod 97)
    /// before it is read at all, and a short account number is taken only with it, so a shadow that hid the account
    /// from the first reading no longer leaves the statement without one for the matcher.
    static func withAccount(of other: StatementReading, in reading: StatementReading?) -> StatementReading? {
        guard var out = reading, out.statement.iban == nil, let iban = other.statement.iban else { return reading }
        out.statement.iban = iban
        if out.statement.accountNumber == nil { out.statement.accountNumber = other.statement.accountNumber }
        return out
    }

    static func needsSecondReading(_ part: ReadDocumentPart) -> Bool {
        switch part.kind {
        case .bankStatement: return part.statement?.reconciled == false
        case .quitus:
            guard let q = part.quitus else { return false }
            return q.income == nil || q.expenses == nil || q.bankBalance == nil
        default: return false
        }
    }

    /// The statement read on the merged text when it reconciles and both merge orders give the same balances and
    /// movements; nil otherwise.
    static func checkedStatement(_ forward: String, _ backward: String) -> StatementReading? {
        let a = StatementReader.read(forward, ocr: true)
        let b = StatementReader.read(backward, ocr: true)
        guard a.reconciled, b.reconciled, figures(a.statement) == figures(b.statement) else { return nil }
        return a
    }

    /// What a statement says in numbers: its period, its balances and its movements (dates and amounts, not labels).
    static func figures(_ s: BankStatement) -> [String] {
        [String(describing: s.periodStart), String(describing: s.periodEnd)]
            + s.balances.map { "b \($0.date) \($0.amount.cents)" }
            + s.movements.map { "m \($0.date) \($0.amount.cents)" }
    }

    /// The first quitus with the merged reading's totals, when the merge shows all three, both orders agree on them,
    /// and they agree with every total the first reading had; nil otherwise.
    static func checkedQuitus(_ forward: String, _ backward: String, first: Quitus) -> Quitus? {
        let a = QuitusReader.read(forward, ocr: true)
        let b = QuitusReader.read(backward, ocr: true)
        guard let income = a.income, let expenses = a.expenses, let balance = a.bankBalance,
            b.income == income, b.expenses == expenses, b.bankBalance == balance,
            first.income.map({ $0 == income }) ?? true, first.expenses.map({ $0 == expenses }) ?? true,
            first.bankBalance.map({ $0 == balance }) ?? true
        else { return nil }
        var out = first
        out.income = income
        out.expenses = expenses
        out.bankBalance = balance
        out.unbalancedReading = a.unbalancedReading
        return out
    }

    /// How a page is read again: as one block (psm 6), or with its light evened out first (psm 4).
    enum AgainLayout: Sendable { case block, flat }

    /// The page read again in block mode at the rotation its first reading found, from the same raster: the PDF page
    /// rendered again, the JPEG / PNG loaded again by the worker, or another image converted again by ImageMagick.
    /// Nil without a worker or when the page cannot be made again.
    func blockReading(_ bytes: [UInt8], mediaType: String, page: PageText, scratch: ScratchDirectory) async
        -> String?
    {
        await readingAgain(bytes, mediaType: mediaType, page: page, scratch: scratch, layout: .block)
    }

    /// The page's block reading, as ``blockReading(_:mediaType:page:scratch:)``, with whether the worker straightened
    /// the page for it (``WorkerPageRecognizer/straightBlockRecognition(rotation:)``).
    /// With `onlyTilted`, an upright page is not read again (nil).
    func straightBlockReading(
        _ bytes: [UInt8], mediaType: String, page: PageText, scratch: ScratchDirectory, onlyTilted: Bool = false
    ) async -> (text: String, straightened: Bool)? {
        let rotation = page.rotation
        return await withPageAgain(bytes, mediaType: mediaType, page: page, scratch: scratch) {
            await $0.straightBlockRecognition(rotation: rotation, onlyTilted: onlyTilted).map {
                ($0.recognition.text, $0.straightened)
            }
        }
    }

    /// The page read again as `layout` says, as ``blockReading(_:mediaType:page:scratch:)`` does.
    func readingAgain(
        _ bytes: [UInt8], mediaType: String, page: PageText, scratch: ScratchDirectory, layout: AgainLayout
    ) async -> String? {
        let rotation = page.rotation
        return await withPageAgain(bytes, mediaType: mediaType, page: page, scratch: scratch) {
            switch layout {
            case .block: await $0.blockRecognition(rotation: rotation)?.text
            case .flat: await $0.flatRecognition(rotation: rotation)?.text
            }
        }
    }

    /// Loads the raster the page's first reading was made from into a worker again (the PDF page rendered again at
    /// the same resolution, the JPEG / PNG loaded again with the same orientation and enlargement, or the frame of any
    /// other image — HEIC, TIFF, WebP — converted again as for its first reading: the first reading's word boxes hold
    /// on it) and runs `body` on it. Nil without a worker or when the page cannot be made again.
    func withPageAgain<Value: Sendable>(
        _ bytes: [UInt8], mediaType: String, page: PageText, scratch: ScratchDirectory,
        _ body: @Sendable (WorkerPageRecognizer) async -> Value?
    ) async -> Value? {
        let tag = "again-\(page.number)"
        let raster: String
        var orientation = 1
        var fit = 0
        if mediaType == "application/pdf" || (!mediaType.hasPrefix("image/") && Self.hasPDFHeader(bytes)) {
            guard let pdf = try? scratch.write(bytes, to: "\(tag).pdf"), let info = await pdfInfo(pdf) else {
                return nil
            }
            let base = scratch.file(tag)
            let out = await ocrRunner.run(
                "pdftoppm",
                [
                    "-r", String(info.dpi(forPage: page.number)), "-gray", "-singlefile",
                    "-f", String(page.number), "-l", String(page.number), pdf, base,
                ])
            guard out.succeeded else { return nil }
            raster = base + ".pgm"
        } else if let coder = Self.imageCoders[mediaType], Self.workerCoders.contains(coder), page.number == 1 {
            guard let input = try? scratch.write(bytes, to: "\(tag).img") else { return nil }
            raster = input
            orientation = ExifOrientation.value(in: bytes)
            fit = Self.enlargeToFit
        } else if let coder = Self.imageCoders[mediaType] {
            // Converted by ImageMagick for its first reading (an iPhone's HEIC, a copier's TIFF, WebP): the same
            // conversion of the same frame, kept in the scratch folder for the page's next look.
            guard let converted = await convertedAgain(bytes, coder: coder, page: page, scratch: scratch) else {
                return nil
            }
            raster = converted
        } else {
            return nil
        }
        defer { if !raster.hasSuffix(Self.convertedSuffix) { try? FileManager.default.removeItem(atPath: raster) } }
        let (loadOrientation, loadFit) = (orientation, fit)
        let outcome = await OCRSlots.shared.withSlot {
            await self.withWorkerPage(raster, orientation: loadOrientation, fit: loadFit, body)
        }
        guard case .read(let value?) = outcome else { return nil }
        return value
    }

    /// The name's end of a page converted again by ImageMagick (``convertedAgain(_:coder:page:scratch:)``), kept
    /// for the page's next look.
    static let convertedSuffix = "-converted.pgm"

    /// The page of an image ImageMagick converted for its first reading, converted again as then
    /// (``conversionArguments(coder:input:frames:output:)``, its frame alone) into the scratch folder, or found there
    /// from a previous look. Nil when the conversion fails.
    func convertedAgain(_ bytes: [UInt8], coder: String, page: PageText, scratch: ScratchDirectory) async -> String? {
        let output = scratch.file("again-\(page.number)\(Self.convertedSuffix)")
        if FileManager.default.fileExists(atPath: output) { return output }
        guard page.number >= 1, page.number <= maxPages,
            let input = try? scratch.write(bytes, to: "again-\(page.number)-source.img")
        else { return nil }
        defer { try? FileManager.default.removeItem(atPath: input) }
        let arguments = Self.conversionArguments(
            coder: coder, input: input, frames: "[\(page.number - 1)]", output: output)
        let runner = ocrRunner
        // Conversion is CPU work: it takes an OCR slot, as for the first reading.
        let out = await OCRSlots.shared.withSlot { await runner.run("convert", arguments) }
        guard out.succeeded, FileManager.default.fileExists(atPath: output) else {
            try? FileManager.default.removeItem(atPath: output)
            return nil
        }
        return output
    }
}

import CoopmailDomain
import CoopmailText

/// One document found in an attachment (a page range of one kind), with what was read on it.
public struct ReadDocumentPart: Hashable, Codable, Sendable {
    public var kind: DocumentKind
    /// 1-based pages of the attachment.
    public var pages: [Int]
    public var text: String
    public var ocr: Bool
    public var unreadable: Bool
    /// Set for bank statements.
    public var statement: StatementReading?
    /// Set for quitus pages.
    public var quitus: Quitus?

    public init(segment: DocumentSegment, defaultDepartment: Int = 75) {
        kind = segment.kind
        pages = segment.pages
        text = segment.text
        ocr = segment.ocr
        unreadable = segment.unreadable
        statement = segment.kind == .bankStatement ? StatementReader.read(segment.text, ocr: segment.ocr) : nil
        quitus =
            segment.kind == .quitus
            ? QuitusReader.read(segment.text, defaultDepartment: defaultDepartment, ocr: segment.ocr) : nil
    }
}

extension ReadDocumentPart {
    /// The statement's balance at 31 August of `exercise` (read, or computed when the movements reconcile); nil otherwise.
    public func closingBalance(for exercise: Exercise) -> ClosingBalance? {
        statement?.balance(at: exercise.closing)
    }
}

extension DocumentReader {
    /// Reads an attachment and splits it into documents, each read as a statement or a quitus when it is one.
    public func readParts(_ bytes: [UInt8], mediaType: String? = nil, defaultDepartment: Int = 75) async -> (
        ReadDocument, [ReadDocumentPart]
    ) {
        var document = await read(bytes, mediaType: mediaType)
        // Phone-photographed quitus whose first reading lost the words that name it: read again in block layout.
        document = await quitusSecondLook(bytes, document: document)
        var parts = DocumentSegmenter.segments(of: document).map {
            ReadDocumentPart(segment: $0, defaultDepartment: defaultDepartment)
        }
        // OCR'd statements that do not reconcile and quitus without totals: their pages read a second way.
        parts = await secondReading(bytes, document: document, parts: parts)
        // The signature places of each quitus: one more rendering of its signing page.
        let inspector = SignatureInspector(
            textRunner: textRunner, ocrRunner: ocrRunner, language: language,
            temporaryDirectory: temporaryDirectory)
        for i in parts.indices where parts[i].kind == .quitus && parts[i].quitus != nil {
            let candidates = parts[i].pages.compactMap { n in
                document.pages.first { $0.number == n && $0.source != .unreadable }
            }
            guard let page = candidates.max(by: { Self.signingWords($0.text) < Self.signingWords($1.text) }) else {
                parts[i].quitus?.signatures = SignatureInspector.notInspected
                continue
            }
            let inspection = await inspector.inspection(bytes, mediaType: document.mediaType, page: page)
            parts[i].quitus?.signatures = inspection?.readings ?? SignatureInspector.notInspected
            parts[i].quitus?.signingPage = SigningPage(
                number: page.number, rotation: page.rotation, textLayer: page.source == .textLayer,
                rasterWidth: inspection?.image.width, rasterHeight: inspection?.image.height)
        }
        // The OCR word boxes served the signature check only: not kept with the document.
        for k in document.pages.indices { document.pages[k].ocrWords = nil }
        return (document, parts)
    }

    /// How many signers' titles a page's text names (the signing page of a multi-page quitus names them all).
    static func signingWords(_ text: String) -> Int {
        let folded = Folding.fold(text)
        return ["mandataire", "parent", "enseignant", "signature"].filter { folded.contains($0) }.count
    }
}

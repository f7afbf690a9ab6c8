import CoopmailDomain

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
        quitus = segment.kind == .quitus ? QuitusReader.read(segment.text, defaultDepartment: defaultDepartment) : nil
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
    public func readParts(_ bytes: [UInt8], mediaType: String? = nil, defaultDepartment: Int = 75) async -> (ReadDocument, [ReadDocumentPart]) {
        let document = await read(bytes, mediaType: mediaType)
        let parts = DocumentSegmenter.segments(of: document).map { ReadDocumentPart(segment: $0, defaultDepartment: defaultDepartment) }
        return (document, parts)
    }
}

import CoopmailDomain

/// What the matcher looks at for one document: the mail's context and the document itself.
public struct MatchInput: Sendable {
    public var sender: String?
    public var subject: String
    public var body: String
    public var filename: String?
    public var documentText: String
    public var statement: BankStatement?
    public var quitus: Quitus?
    /// True when `documentText` came out of OCR: only then may a word differ from the registry by one slip.
    public var documentTextIsOCR: Bool

    public init(
        sender: String? = nil, subject: String = "", body: String = "", filename: String? = nil,
        documentText: String = "",
        statement: BankStatement? = nil, quitus: Quitus? = nil, documentTextIsOCR: Bool = false
    ) {
        self.sender = sender
        self.subject = subject
        self.body = body
        self.filename = filename
        self.documentText = documentText
        self.statement = statement
        self.quitus = quitus
        self.documentTextIsOCR = documentTextIsOCR
    }
}

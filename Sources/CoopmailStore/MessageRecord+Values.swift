import CoopmailDomain

/// The typed values of a message's JSON and enum text columns. The text columns stay the stored truth: a value written
/// through these properties is the same text earlier versions wrote, and a text this version cannot decode is kept as
/// it is (the getter gives no value; only setting the property replaces it).
extension MessageRecord {
    /// The header fields in order, `[name, value]` each; nil when ``headers`` is not such JSON.
    public var headerFields: [[String]]? {
        get { JSON.decode([[String]].self, headers) }
        set { if let newValue { headers = JSON.encode(stringLists: newValue) } }
    }

    /// Why the message was matched (French phrases); empty when ``matchEvidence`` cannot be decoded.
    public var evidence: [String] {
        get { JSON.decode([String].self, matchEvidence) ?? [] }
        set { matchEvidence = JSON.encode(strings: newValue) }
    }

    /// The parts of a kept message that could not be read (French phrases); empty when undecodable.
    public var notes: [String] {
        get { JSON.decode([String].self, salvageNotes) ?? [] }
        set { salvageNotes = JSON.encode(strings: newValue) }
    }

    /// The nature decided when the message was processed; nil before, or when ``nature`` holds a value this version
    /// does not know (kept as it is).
    public var messageNature: MessageNature? {
        get { nature.flatMap(MessageNature.init(rawValue:)) }
        set { nature = newValue?.rawValue }
    }
}

/// The typed values of a document's JSON text columns (see ``MessageRecord``'s).
extension DocumentRecord {
    /// The pages of the attachment this document is; nil for the whole attachment (or an undecodable text, kept).
    public var pageNumbers: [Int]? {
        get { JSON.decode([Int].self, pages) }
        set { pages = newValue.map { JSON.encode($0) } }
    }

    /// Why the document was matched (French phrases); empty when ``matchEvidence`` cannot be decoded.
    public var evidence: [String] {
        get { JSON.decode([String].self, matchEvidence) ?? [] }
        set { matchEvidence = JSON.encode(strings: newValue) }
    }
}

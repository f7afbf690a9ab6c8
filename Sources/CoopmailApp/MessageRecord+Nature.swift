import CoopmailClassification
import CoopmailDomain
import CoopmailStore

extension MessageRecord {
    /// The stored header fields, in order.
    var headerPairs: [(name: String, value: String)] {
        (headerFields ?? []).compactMap { $0.count == 2 ? (name: $0[0], value: $0[1]) : nil }
    }

    /// What ``AutomaticMailDetector`` looks at.
    var detectorInput: AutomaticMailDetector.Input {
        AutomaticMailDetector.Input(
            headers: headerPairs, fromAddress: fromAddress, fromName: fromName, returnPath: returnPath,
            subject: subject)
    }

    /// The nature decided when the message was processed; for a message not processed by this version (quarantined,
    /// waiting, or processed before natures existed): automatic when the detector says so, else `documents` when it
    /// carries any (a quarantined mail was an attempt at sending some), else `message`.
    func effectiveNature(documentCount: Int) -> MessageNature {
        if let n = messageNature { return n }
        if AutomaticMailDetector.detect(detectorInput) != nil { return .automatic }
        return documentCount > 0 || status == MessageStatus.quarantined ? .documents : .message
    }
}

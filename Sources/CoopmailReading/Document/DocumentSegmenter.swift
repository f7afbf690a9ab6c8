import CoopmailDomain

/// Splits an attachment into documents: each page is classified, then consecutive pages of the same kind are grouped.
/// A page of kind `other` between or after pages of a known kind (a statement's back page, an annex) stays on its own.
public enum DocumentSegmenter {
    public static func segments(of document: ReadDocument) -> [DocumentSegment] {
        var result: [DocumentSegment] = []
        for page in document.pages {
            var kind = page.source == .unreadable ? DocumentKind.other : PageClassifier.kind(of: page.text)
            // A statement's next page may carry only movements, without the bank's header.
            if kind == .other, page.source != .unreadable, let last = result.last, last.kind == .bankStatement,
                last.pages.last == page.number - 1, PageClassifier.looksLikeMovements(page.text)
            {
                kind = .bankStatement
            }
            if var last = result.last, last.kind == kind, last.pages.last == page.number - 1 {
                last.pages.append(page.number)
                last.text += "\u{0C}" + page.text
                last.ocr = last.ocr || page.source == .ocr
                last.unreadable = last.unreadable && page.source == .unreadable
                result[result.count - 1] = last
            } else {
                result.append(
                    DocumentSegment(
                        kind: kind, pages: [page.number], text: page.text, ocr: page.source == .ocr,
                        unreadable: page.source == .unreadable))
            }
        }
        return result
    }
}

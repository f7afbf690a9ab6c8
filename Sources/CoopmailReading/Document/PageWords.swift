import CoopmailDomain

extension DocumentReader {
    /// The first reading's word boxes of each page of a document, parsed once from their TSV, and the amounts they
    /// show (``amountBoxes(_:)``): a second look finds up to ``StatementReader/maxEveryAmountSites`` amounts in them.
    struct PageWords {
        /// Each page's words, in `PageText` order; nil for a page not read by OCR or without word boxes.
        var words: [[WordBox]?]
        /// Each page's amounts with their boxes; empty for a page without words.
        var amounts: [[(amount: Money, box: WordBox)]]

        init(_ pages: [PageText]) {
            words = pages.map { page in page.source == .ocr ? page.ocrWords.map(WordBox.fromTSV) : nil }
            amounts = words.map { $0.map(DocumentReader.amountBoxes) ?? [] }
        }
    }
}

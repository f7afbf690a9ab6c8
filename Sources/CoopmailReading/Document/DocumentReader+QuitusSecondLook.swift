import CoopmailDomain

extension DocumentReader {
    /// OCR'd pages classified `other` that show the quitus form short of its decisive words (a phone photo whose first
    /// reading, tesseract psm 4, dropped the title, the « QUITUS » line and the amount column) are read again in block
    /// layout (psm 6, ``blockReading(_:mediaType:page:scratch:)``). The page becomes a quitus only when that second
    /// reading is classified as one on its own (``PageClassifier/kind(of:)``: the decisive words, and more quitus than
    /// statement evidence); its text is then the two readings merged (``OCRMerge``) when the merge is still a quitus,
    /// the second reading otherwise. Any other page, and any page whose second reading is not a quitus, stays as read.
    func quitusSecondLook(_ bytes: [UInt8], document: ReadDocument) async -> ReadDocument {
        var document = document
        let wanted = document.pages.indices.filter {
            let page = document.pages[$0]
            return page.source == .ocr && PageClassifier.kind(of: page.text) == .other
                && PageClassifier.showsQuitusForm(page.text)
        }
        guard !wanted.isEmpty, let scratch = try? ScratchDirectory(base: temporaryDirectory) else { return document }
        defer { scratch.remove() }
        for k in wanted {
            let page = document.pages[k]
            guard
                let again = await blockReading(bytes, mediaType: document.mediaType, page: page, scratch: scratch),
                PageClassifier.kind(of: again) == .quitus
            else { continue }
            let merged = OCRMerge.merge(page.text, again)
            document.pages[k].text = PageClassifier.kind(of: merged) == .quitus ? merged : again
        }
        return document
    }
}

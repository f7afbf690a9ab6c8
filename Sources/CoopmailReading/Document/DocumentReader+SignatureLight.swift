import CoopmailDomain

extension DocumentReader {
    /// The signature places of a quitus's signing page (``SignatureInspector/inspection(_:mediaType:page:)``), looked
    /// at once more when the page was read by OCR and a place is missing or undecided: the page is read again with its
    /// light evened out (the worker's `flat` reading, as a statement's third reading is) and the places are found and
    /// measured again on the same raster with the words of both readings
    /// (``SignatureInspector/merged(_:_:)`` keeps what each decided). A phone photo with a shadow across it lost the
    /// words in the shadow from its first reading: a signer's title (a place not found: « L'enseig; », or no word of the
    /// boxes at all) or a « Signature : » label left as ink (a place doubtful); scripts/make-quitus-other.py seeds 8,
    /// 9 and 11, photos, three places `unreadable` on four pages.
    public func signatureInspection(_ bytes: [UInt8], mediaType: String, page: PageText, inspector: SignatureInspector)
        async -> SignatureInspector.Inspection?
    {
        let first = await inspector.inspection(bytes, mediaType: mediaType, page: page)
        guard page.source == .ocr, let first, first.readings.contains(where: { $0.verdict == .unreadable }),
            let scratch = try? ScratchDirectory(base: temporaryDirectory)
        else { return first }
        defer { scratch.remove() }
        let rotation = page.rotation
        guard
            let tsv = await withPageAgain(
                bytes, mediaType: mediaType, page: page, scratch: scratch,
                { await $0.flatRecognition(rotation: rotation)?.tsv })
        else { return first }
        let flat = WordBox.fromTSV(tsv, scaledTo: first.image.width, first.image.height)
        guard !flat.isEmpty else { return first }
        let again = SignatureInspector.decide(image: first.image, words: first.words + flat, textLayer: false)
        return SignatureInspector.merged(first, again)
    }
}

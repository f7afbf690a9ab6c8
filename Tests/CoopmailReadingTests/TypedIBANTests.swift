import CoopmailReading
import Testing

@Suite struct TypedIBANTests {
    /// An IBAN with OCR's letter-for-digit slips is read as such only in OCR text.
    @Test func letterForDigitFixesAreForOCRTextOnly() {
        let slipped = "IBAN : FR76 1O1O 7001 0000 5180 6420 968"
        #expect(IBANFinder.find(in: slipped, ocrFixes: true) == "FR7610107001000051806420968")
        #expect(IBANFinder.find(in: slipped, ocrFixes: false) == nil)
        #expect(
            IBANFinder.find(in: "IBAN : FR76 1010 7001 0000 5180 6420 968", ocrFixes: false)
                == "FR7610107001000051806420968")
        #expect(StatementReader.read(slipped, ocr: false).statement.iban == nil)
        #expect(StatementReader.read(slipped, ocr: true).statement.iban == "FR7610107001000051806420968")
    }
}

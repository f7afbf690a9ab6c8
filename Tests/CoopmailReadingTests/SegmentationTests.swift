import CoopmailDomain
import CoopmailReading
import Testing

@Suite struct SegmentationTests {
    @Test func twoPageScanHoldsAQuitusThenAStatement() async throws {
        let (document, parts) = try await CorpusCache.read("scan-quitus-releve-0790.pdf")
        #expect(document.pages.count == 2)
        #expect(document.pages.allSatisfy { $0.source == .ocr })
        #expect(parts.map(\.kind) == [.quitus, .bankStatement])
        #expect(parts.map(\.pages) == [[1], [2]])
        #expect(parts[0].quitus?.cooperativeNumbers.map(\.description) == ["075-0790"])
        #expect(parts[1].statement?.balance(at: Exercise(startYear: 2020).closing)?.amount.cents == -4990)
    }

    @Test func consecutivePagesOfOneKindAreOneDocument() {
        let statement = "BRED RELEVE DE COMPTE SOLDE CREDITEUR AU 31/08/2021 1,00 IBAN"
        let quitus = "QUITUS compte rendu financier semble correct vérificateurs OCCE"
        let doc = ReadDocument(
            mediaType: "application/pdf",
            pages: [
                PageText(number: 1, text: quitus, source: .textLayer),
                PageText(number: 2, text: statement, source: .textLayer),
                PageText(number: 3, text: statement, source: .ocr),
                PageText(number: 4, text: "", source: .unreadable),
            ])
        let segments = DocumentSegmenter.segments(of: doc)
        #expect(segments.map(\.kind) == [.quitus, .bankStatement, .other])
        #expect(segments.map(\.pages) == [[1], [2, 3], [4]])
        #expect(segments[1].ocr)
        #expect(segments[2].unreadable)
    }

    @Test(arguments: [
        ("Madame, Monsieur, veuillez trouver ci-joint les documents.", DocumentKind.other),
        ("RELEVE DE COMPTE BRED Banque Populaire ANCIEN SOLDE NOUVEAU SOLDE", .bankStatement),
        ("COMPTE RENDU FINANCIER QUITUS Les vérificateurs ... semble correct", .quitus),
    ])
    func pageKinds(text: String, kind: DocumentKind) {
        #expect(PageClassifier.kind(of: text) == kind)
    }
}

@Suite struct ContinuationTests {
    @Test func statementContinuationPageWithoutHeaderStaysWithTheStatement() {
        let first =
            "BRED Banque Populaire RELEVE DE COMPTE du 01/08/2021 au 31/08/2021\nSOLDE CREDITEUR AU 31/07/2021   100,00"
        let second = """
            02/08  CHQ 0001 FOURNITURES        02/08     10,00
            05/08  VIR SEPA MAIRIE             05/08              50,00
            09/08  PRLV SEPA OCCE              09/08     20,00
                   SOLDE CREDITEUR AU 31/08/2021                 120,00
            """
        let doc = ReadDocument(
            mediaType: "application/pdf",
            pages: [
                PageText(number: 1, text: first, source: .textLayer),
                PageText(number: 2, text: second, source: .textLayer),
                PageText(number: 3, text: "Conditions générales de banque, tarifs en vigueur.", source: .textLayer),
            ])
        let segments = DocumentSegmenter.segments(of: doc)
        #expect(segments.map(\.pages) == [[1, 2], [3]])
        #expect(segments.map(\.kind) == [.bankStatement, .other])
    }

    @Test(arguments: [
        ("COMPTE RENDU FINANCIER Exercice 2020-2021", 2020), ("exercice 2020/2021", 2020), ("Exercice 2020-21", 2020),
    ])
    func quitusExercise(text: String, start: Int) {
        #expect(QuitusReader.read(text).exercise?.startYear == start)
    }
}

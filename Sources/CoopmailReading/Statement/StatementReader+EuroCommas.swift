import Foundation

extension StatementReader {
    /// The pages of a statement's text (form feeds), carriage returns removed.
    static func pages(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\u{0C}")
    }

    /// OCR loses the decimal comma of an amount the euro sign follows (`12345 €` for `123,45 €`), but a layout that
    /// prints whole euros (`150 €`) looks just the same, and repairing it would read 1,50 €. The statement is read both
    /// ways and the repair kept only on the document's own evidence:
    /// - when one reading reconciles and the other does not, the one that reconciles — the repaired one only if the
    ///   document prints other amounts with decimals (a whole-euro layout repaired throughout reconciles too, a
    ///   hundred times too small);
    /// - otherwise the repaired one only when most of the document's amounts before « € » carry their decimals, so
    ///   that the few without a comma are slips, not the layout.
    /// A whole-euro layout is then read as printed, and its amounts (no decimal comma) are not amounts to the reader:
    /// no balance is given rather than a wrong one.
    /// A row's amount with no euro sign that lost its comma (`FAMILLE HADDAD     142965`) is repaired
    /// (``StatementText/fixColumnAmount(_:)``) only when the reading chosen above does not reconcile and the repaired
    /// one does, on a document that prints other amounts with decimals: a reference number ending a label looks the
    /// same, and only the statement's own balances can tell them apart.
    /// `rereads` and the doubts returned: see ``readDetailed(_:ocr:euroCommas:columnCommas:rereads:)``.
    static func readRepairingEuroCommas(_ text: String, rereads: AmountRereads?) -> Detailed {
        let chosen = readRepairingEuroSigns(text, rereads: rereads)
        guard !chosen.outcome.reading.reconciled, chosen.decimalAmounts > 0,
            pages(text).contains(where: { page in
                page.split(separator: "\n").contains { StatementText.columnAmountsWithoutComma(String($0)) > 0 }
            })
        else { return chosen.outcome }
        let repaired = readDetailed(
            text, ocr: true, euroCommas: chosen.euroRepaired, columnCommas: true, rereads: rereads)
        return repaired.reading.reconciled ? repaired : chosen.outcome
    }

    private static func readRepairingEuroSigns(_ text: String, rereads: AmountRereads?) -> (
        outcome: Detailed, euroRepaired: Bool, decimalAmounts: Int
    ) {
        var euroDecimals = 0
        var withoutComma = 0
        var decimalAmounts = 0
        for page in pages(text) {
            for raw in page.split(separator: "\n") {
                let line = StatementText.normalise(String(raw), ocr: true, euroCommas: false)
                let counts = StatementText.euroAmounts(line)
                euroDecimals += counts.decimals
                withoutComma += counts.withoutComma
                decimalAmounts += AmountScanner.find(in: line).count
            }
        }
        let plain = readDetailed(text, ocr: true, euroCommas: false, rereads: rereads)
        guard withoutComma > 0 else { return (plain, false, decimalAmounts) }
        let repaired = readDetailed(text, ocr: true, euroCommas: true, rereads: rereads)
        if plain.reading.reconciled != repaired.reading.reconciled {
            let useRepaired = repaired.reading.reconciled && decimalAmounts > 0
            return (useRepaired ? repaired : plain, useRepaired, decimalAmounts)
        }
        let useRepaired = euroDecimals > withoutComma
        return (useRepaired ? repaired : plain, useRepaired, decimalAmounts)
    }
}

import Foundation
import Testing

@testable import CoopmailReading

/// An attachment's OCR budget counts the time its pages hold OCR slots, never the time they wait for one: in a busy
/// process (the test suite, a batch of large attachments) an attachment queued behind others must still be read.
@Suite(.serialized) struct OCRBudgetTests {
    @Test func aSpentBudgetStartsNoMorePages() async {
        let budget = OCRBudget(.milliseconds(50))
        #expect(!budget.isSpent)
        let first = await budget.spending { () -> Int? in
            try? await Task.sleep(for: .milliseconds(100))
            return 1
        }
        #expect(first == 1)
        #expect(budget.isSpent)
        var ran = false
        let second = await budget.spending { () -> Int? in
            ran = true
            return 2
        }
        #expect(second == nil)
        #expect(!ran)
    }

    @Test func anEmptyBudgetReadsNothing() async {
        let budget = OCRBudget(.zero)
        #expect(budget.isSpent)
        #expect(await budget.spending { () -> Int? in 1 } == nil)
    }

    /// Both slots are held (one case at a time: two cases each holding one slot would wait for each other forever)
    /// for twice the budget before the reads begin: counted from the read's start, the budget
    /// was spent before any page got a slot and every page came back unreadable (the CI failures of sessions 13 and
    /// 14: readers waiting more than the 600 s budget behind the suite's other OCR).
    @Test(arguments: ["scan-releve-2021-09-0456.png", "scan-releve-2021-08-0123-rot180.pdf"])
    func waitingForASlotDoesNotSpendTheBudget(_ fixture: String) async throws {
        let bytes = try Fixtures.bytes(fixture)
        let reader = DocumentReader(ocrBudget: .seconds(1))
        await OCRSlots.shared.acquire()
        await OCRSlots.shared.acquire()
        async let document = reader.read(bytes)
        try? await Task.sleep(for: .seconds(2))
        await OCRSlots.shared.release()
        await OCRSlots.shared.release()
        let pages = await document.pages
        #expect(pages.map(\.source) == [.ocr])
        #expect(pages.first?.text.contains("RELEVE DE COMPTE") == true)
    }
}

import CoopmailDomain
import CoopmailReading
import CoopmailText
import Testing

@Suite struct FrenchTextTests {
    @Test(arguments: [
        ("SOLDE 1 234,56", Int64(123456)), ("1.234,56 €", 123456), ("- 60,00 €", -6000), ("+ 1.200,00 €", 120000),
        ("987,65", 98765), ("12 345 678,90", 1_234_567_890), ("0,05", 5), ("1\u{00A0}234,56", 123456),
        ("−15,20", -1520),
        ("60,00-", -6000),
    ])
    func amountSpellings(text: String, cents: Int64) {
        let found = AmountScanner.find(in: text)
        #expect(found.count == 1)
        #expect(found.first?.amount.cents == cents)
    }

    @Test func amountsAreNotDatesOrValueDates() {
        // A value date followed by an amount must not merge into a thousands group.
        let found = AmountScanner.find(in: "27/08 VIR SEPA DON 27/08 150,00")
        #expect(found.map(\.amount.cents) == [15000])
        #expect(AmountScanner.find(in: "le 31/08/2021 à 10h30, tél. 01 43 55 12 34").isEmpty)
    }

    @Test(arguments: [
        ("31/08/2021", "2021-08-31"), ("31.08.21", "2021-08-31"), ("31-08-2021", "2021-08-31"),
        ("4 mai 2021", "2021-05-04"),
        ("1er août 2021", "2021-08-01"), ("04 AOUT 2021", "2021-08-04"), ("3 septembre 2021", "2021-09-03"),
        ("15 déc. 2020", "2020-12-15"),
    ])
    func dateSpellings(text: String, iso: String) {
        #expect(FrenchDate.parse(text)?.iso == iso)
    }

    @Test func dayMonthTakesItsYearFromThePeriod() {
        let period = CalendarDate(year: 2021, month: 8, day: 4)!...CalendarDate(year: 2021, month: 9, day: 3)!
        #expect(FrenchDate.parse("31/08", period: period)?.iso == "2021-08-31")
        #expect(FrenchDate.parse("02/09", period: period)?.iso == "2021-09-02")
        let winter = CalendarDate(year: 2020, month: 12, day: 15)!...CalendarDate(year: 2021, month: 1, day: 14)!
        #expect(FrenchDate.parse("28/12", period: winter)?.iso == "2020-12-28")
        #expect(FrenchDate.parse("05/01", period: winter)?.iso == "2021-01-05")
        #expect(FrenchDate.parse("31/08") == nil)
    }

    @Test func yearlessDottedDatesOnlyWhereARowOpensWithOne() {
        let period = CalendarDate(year: 2021, month: 8, day: 15)!...CalendarDate(year: 2021, month: 9, day: 14)!
        let row = "  02.09   03.09   CB LIBRAIRIE 12.08   12,00"
        // Without the row option, and without a period, `dd.mm` is not a date (an amount or a reference looks the same).
        #expect(FrenchDate.find(in: row, period: period).isEmpty)
        #expect(FrenchDate.find(in: row, yearlessRow: true).isEmpty)
        let dates = FrenchDate.find(in: row, period: period, yearlessRow: true).map(\.date.iso)
        #expect(dates == ["2021-09-02", "2021-09-03", "2021-08-12"])
        #expect(FrenchDate.find(in: "31-08 VIR", period: period, yearlessRow: true).map(\.date.iso) == ["2021-08-31"])
        // A row that opens with a label, or with a number that is not a day and month, keeps the strict rule.
        #expect(FrenchDate.find(in: "VIR 02.09 ref 03.09", period: period, yearlessRow: true).isEmpty)
        #expect(FrenchDate.find(in: "1.234,56 02.09", period: period, yearlessRow: true).isEmpty)
        #expect(FrenchDate.find(in: "45.08 02.09", period: period, yearlessRow: true).isEmpty)
    }

    @Test(arguments: ["31/02/2021", "45/08/2021", "31/13/2021", "1.234,56", "2020-2021"])
    func notDates(text: String) {
        #expect(FrenchDate.parse(text) == nil)
    }

    @Test func ibanWithOCRSpacesAndConfusions() throws {
        let valid = "FR7610107001000051809552128"
        #expect(IBANFinder.find(in: "IBAN : FR76 1010 7001 0000 5180 9552 128  BIC : BREDFRPP") == valid)
        #expect(IBANFinder.find(in: "IBAN FR76 1O10 7001 OOOO 5180 9552 128") == valid)
        // One wrong digit fails mod-97: no IBAN rather than a wrong one.
        #expect(IBANFinder.find(in: "IBAN : FR76 1010 7001 0000 5180 9552 129") == nil)
        #expect(IBANFinder.shortAccountNumber(in: "Compte courant n° 51 8.09.5521") == "518.09.5521")
    }
}

@Suite struct CooperativeNumberFinderTests {
    let finder = CooperativeNumberFinder(defaultDepartment: 75)

    @Test(arguments: [
        ("Coopérative 075-0123", "075-0123"), ("coop 75-123 rapport", "075-0123"), ("n° 075 0123", "075-0123"),
        ("coop 123", "075-0123"), ("coopérative n° 0123", "075-0123"), ("n°123", "075-0123"),
        ("Coop. N° 456", "075-0456"),
        ("075/0789", "075-0789"), ("numéro de coopérative : 0042", "075-0042"), ("releve-075-0790.pdf", "075-0790"),
        ("COOP SCOLAIRE N°0123", "075-0123"), ("0750123", "075-0123"), ("Coop 0123 : relevé", "075-0123"),
        ("coop 075.0123", "075-0123"),
    ])
    func spellings(text: String, expected: String) {
        #expect(finder.find(in: text).map(\.number.description) == [expected])
    }

    @Test(arguments: [
        "75011 Paris", "le 31/08/2021", "31/08", "Tél. 01 43 55 12 34", "06 12 34 56 78", "1 234,56 €", "solde 123,45",
        "IBAN FR76 1010 7001 0000 5180 9552 128", "compte 518.06.4209", "exercice 2020-2021", "12 rue Keller",
        "n° 12 rue Keller", "RDV à 10h30", "le 07.05.2021", "compte 075.06.4209", "12.5 %", "Paris 11e",
        "coop scolaire 2021", "CHQ 0004411", "+33 1 43 55 12 34",
    ])
    func nonNumbers(text: String) {
        #expect(finder.find(in: text).isEmpty, "found \(finder.find(in: text).map(\.number)) in \(text)")
    }
}

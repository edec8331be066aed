import Testing
@testable import CasebookCore

/// The input forms of SPEC §1.1, each with what is stored or the error.
struct EraYearTests {
    enum Expected: Sendable {
        case stored(Era, Int?)
        case unrecognised
        case outOfRange(Era, Int)
        case westernOutOfRange(Int)
    }

    static let table: [(String, Expected)] = [
        ("昭和60", .stored(.showa, 60)),
        ("昭和 60 年度", .stored(.showa, 60)),
        ("昭和60年", .stored(.showa, 60)),
        ("昭和60年度～", .stored(.showa, 60)),
        ("S60", .stored(.showa, 60)),
        ("s60", .stored(.showa, 60)),
        ("S63 年度", .stored(.showa, 63)),
        ("平成13", .stored(.heisei, 13)),
        ("H13", .stored(.heisei, 13)),
        ("h30", .stored(.heisei, 30)),
        ("平成元", .stored(.heisei, 1)),
        ("平成元年度", .stored(.heisei, 1)),
        ("令和5", .stored(.reiwa, 5)),
        ("R5", .stored(.reiwa, 5)),
        ("令和元年", .stored(.reiwa, 1)),
        ("1985", .stored(.showa, 60)),
        ("1926", .stored(.showa, 1)),
        ("1988", .stored(.showa, 63)),
        ("1989", .stored(.heisei, 1)),
        ("2018", .stored(.heisei, 30)),
        ("2019", .stored(.reiwa, 1)),
        ("2027", .stored(.reiwa, 9)),
        ("１９８５", .stored(.showa, 60)),
        ("昭和６０", .stored(.showa, 60)),
        ("Ｈ１３", .stored(.heisei, 13)),  // full-width Latin, as an IME types it (issue 13)
        ("Ｓ６０年度", .stored(.showa, 60)),
        ("ｒ５", .stored(.reiwa, 5)),
        ("Ｘ５", .unrecognised),
        ("平成", .stored(.heisei, nil)),
        ("平成 年度", .stored(.heisei, nil)),
        ("昭和64", .outOfRange(.showa, 64)),
        ("平成32", .outOfRange(.heisei, 32)),
        ("令和0", .outOfRange(.reiwa, 0)),
        ("令和10", .outOfRange(.reiwa, 10)),
        ("S0", .outOfRange(.showa, 0)),
        ("1925", .westernOutOfRange(1925)),
        ("2028", .westernOutOfRange(2028)),
        ("大正5", .unrecognised),
        ("昭和六十", .unrecognised),
        ("S", .unrecognised),
        ("60", .unrecognised),
        ("", .unrecognised),
        ("abc", .unrecognised),
        ("H13.5", .unrecognised),
        ("19850", .unrecognised),
    ]

    @Test(arguments: table)
    func parses(input: String, expected: Expected) {
        let result = Result { () throws(EraYear.ParseError) in try EraYear.parse(input, currentWesternYear: 2026) }
        switch (expected, result) {
        case (.stored(let era, let year), .success(let value)):
            #expect(value == EraYear(era: era, year: year), "\(input)")
        case (.unrecognised, .failure(.unrecognised)):
            break
        case (.outOfRange(let era, let year), .failure(.outOfRange(let gotEra, let gotYear, _))):
            #expect(era == gotEra && year == gotYear, "\(input)")
        case (.westernOutOfRange(let year), .failure(.westernYearOutOfRange(let got, _))):
            #expect(year == got, "\(input)")
        default:
            Issue.record("\(input): expected \(expected), got \(result)")
        }
    }

    @Test func display() {
        #expect(EraYear(era: .showa, year: 60).displayText == "昭和60年度（1985年度）")
        #expect(EraYear(era: .heisei, year: 1).displayText == "平成元年度（1989年度）")
        #expect(EraYear(era: .heisei, year: nil).displayText == "平成年度（年不明）")
        #expect(EraYear(era: .reiwa, year: 5).displayText == "令和5年度（2023年度）")
    }

    @Test func reiwaLimitFollowsTheClock() throws {
        #expect(throws: EraYear.ParseError.self) { try EraYear.parse("R9", currentWesternYear: 2025) }
        #expect(try EraYear.parse("R9", currentWesternYear: 2026) == EraYear(era: .reiwa, year: 9))
    }
}

@Test("year 1 is put on the line as 元年, and reads back")
func eraYearOneEditsAsGannen() throws {
    let first = EraYear(era: .heisei, year: 1)
    #expect(first.editingText == "平成元")
    #expect(try EraYear.parse(first.editingText, currentWesternYear: 2026) == first)
    #expect(EraYear(era: .showa, year: 60).editingText == "昭和60")
}

@Test("the editing text the store's index keeps reads back as the era year it was, any year the file held")
func editingTextReadsBack() {
    for era in Era.allCases {
        for year in [nil, 1, 2, 60, 0, -3, 9_999] as [Int?] {
            let value = EraYear(era: era, year: year)
            #expect(EraYear(editingText: value.editingText) == value, "\(value.editingText)")
        }
    }
    for text in ["", "大正5", "平成5年", "平成０５", "平成05", "H5", "平成+5"] {
        #expect(EraYear(editingText: text) == nil, "\(text)")
    }
}

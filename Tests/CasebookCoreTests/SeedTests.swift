import Foundation
import Testing
@testable import CasebookCore

/// The 27 seed sheets (SPEC §2.3): complete, valid, and joined back into whole paragraphs.
struct SeedTests {
    static func sheets() throws -> [(String, CaseSheet)] {
        try TestPaths.seedFiles().map { file in
            (file.lastPathComponent, try SheetCodec.decode(try JSONParser.parse(Array(try Data(contentsOf: file)))))
        }
    }

    @Test func thereAre27ValidSheetsWithReadableIDs() throws {
        let sheets = try Self.sheets()
        #expect(sheets.count == 27)
        for (name, sheet) in sheets {
            #expect(CaseID(String(name.dropLast(5))) != nil, "\(name)")
            let errors = SheetValidator.issues(of: sheet, currentWesternYear: 2026).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors)")
            #expect(SheetField.knownForms.contains(sheet.form), "\(name): form \(sheet.form)")
            #expect(SheetField.domains.contains(sheet.domain), "\(name): domain \(sheet.domain)")
        }
    }

    @Test func everySheetHasItsMainParts() throws {
        for (name, sheet) in try Self.sheets() {
            #expect(!sheet.title.isEmpty, "\(name) title")
            #expect(!sheet.departments.isEmpty, "\(name) departments")
            #expect(!sheet.partners.isEmpty, "\(name) partners")
            #expect(sheet.started != nil, "\(name) started")
            #expect(!sheet.overview.isEmpty, "\(name) overview")
            #expect(!sheet.origin.isEmpty, "\(name) origin")
            #expect(!(sheet.roles.city + sheet.roles.partner).isEmpty, "\(name) roles")
            #expect(!(sheet.strengths.city + sheet.strengths.partner).isEmpty, "\(name) strengths")
            #expect(!sheet.results.isEmpty, "\(name) results")
        }
    }

    @Test func noStringHoldsALineBreakOrEdgeSpace() throws {
        for (name, sheet) in try Self.sheets() {
            for (field, text) in sheet.searchableTexts {
                #expect(!text.contains { $0.isNewline }, "\(name) \(field.key): \(text)")
                #expect(text == text.trimmingWhitespace(), "\(name) \(field.key): edge space in \(text)")
                #expect(!text.isEmpty, "\(name) \(field.key): empty item")
            }
        }
    }

    @Test func headerRowsWereSplitAsTheSeedPrintsThem() throws {
        let byName = Dictionary(uniqueKeysWithValues: try Self.sheets())
        let shigen = try #require(byName["shigen-shudan-kaishu.json"])
        #expect(shigen.title == "資源集団回収")
        #expect(shigen.form == "補助・助成")
        #expect(shigen.started == EraYear(era: .showa, year: 60))
        #expect(shigen.domain == "市民等と連携・協力")
        // S63 in the seed is 昭和63; "平成 年度" is 平成 with the year unknown.
        #expect(byName.values.contains { $0.started == EraYear(era: .showa, year: 63) })
        #expect(byName.values.filter { $0.started == EraYear(era: .heisei, year: nil) }.count == 2)
        // The stray ＞ after a domain is debris.
        #expect(!byName.values.contains { $0.domain.contains("＞") })
    }

    /// The PDF's letter spacing (`金 融 機 関`) is layout, not wording: no text holds two single
    /// characters in a row separated by spaces, so `find 金融機関` finds the diagram.
    @Test func noLetterSpacingFromThePDF() throws {
        for (name, sheet) in try Self.sheets() {
            for (field, text) in sheet.searchableTexts {
                let tokens = text.split(separator: " ").filter { $0 != "→" }  // a flow is shown as 市 → 町内会等
                let spaced = zip(tokens, tokens.dropFirst()).contains { $0.count == 1 && $1.count == 1 && !$0.first!.isASCII && !$1.first!.isASCII }
                #expect(!spaced, "\(name) \(field.key): \(text)")
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: try Self.sheets())
        #expect(byName["suisenka-no-fukyu-sokushin.json"]?.diagram.actors == ["行政（下水道事業推進", "金融機関", "市民"])
        #expect(byName["koen-ryokuchi-to-no-iji-kanri.json"]?.diagram.actors.contains("公園") == true)
        #expect(byName["komyuniti-koza.json"]?.diagram.notes.contains("町内会：ＰＲ活動") == true)
    }

    /// One rule for partners on all 27 sheets: separate partners are separate items; a 、 inside
    /// parentheses, or in 町内会、これに準ずる団体 (one kind of partner), stays.
    @Test func partnersAreSeparateItems() throws {
        for (name, sheet) in try Self.sheets() {
            for partner in sheet.partners where partner != "町内会、これに準ずる団体" {
                var depth = 0
                for character in partner {
                    if "（(".contains(character) { depth += 1 }
                    if "）)".contains(character) { depth -= 1 }
                    #expect(!(character == "、" && depth == 0), "\(name): \(partner)")
                }
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: try Self.sheets())
        #expect(byName["ochiba-fuyodo-ka-moderu-jigyo.json"]?.partners == ["町内会", "学校"])
        #expect(byName["shigen-shudan-kaishu.json"]?.partners == ["町内会、これに準ずる団体"])
    }
}

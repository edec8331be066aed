// CSV bytes: a BOM, CRLF, RFC 4180 read back by a strict parser equal to the store, formulas
// made inert, and CP932 refusing (by case, column and character) what it cannot hold.
import CasebookCore
@testable import CasebookExport
import Foundation
import Testing

/// RFC 4180, strictly: records end with CRLF; a field is quoted or holds no quote, CR or LF;
/// inside quotes a quote is doubled. Anything else is an error, not a guess.
enum StrictCSV {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        func endField() { record.append(String(field)); field = .init() }
        while index < scalars.count {
            if scalars[index] == "\"" {
                guard field.isEmpty else { throw Malformed(description: "a quote inside an unquoted field at \(index)") }
                index += 1
                while true {
                    guard index < scalars.count else { throw Malformed(description: "an unterminated quoted field") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" { field.append("\""); index += 2; continue }
                        index += 1
                        break
                    }
                    field.append(scalars[index]); index += 1
                }
                guard index == scalars.count || scalars[index] == "," || scalars[index] == "\r" else {
                    throw Malformed(description: "text after a closing quote at \(index)")
                }
                continue
            }
            switch scalars[index] {
            case ",": endField(); index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { throw Malformed(description: "a CR without LF at \(index)") }
                endField(); records.append(record); record = []; index += 2
            case "\n": throw Malformed(description: "a bare LF outside quotes at \(index)")
            default: field.append(scalars[index]); index += 1
            }
        }
        guard record.isEmpty, field.isEmpty else { throw Malformed(description: "the last record does not end with CRLF") }
        return records
    }
}

@Suite struct CSVExportTests {
    @Test func startsWithABOMAndEndsEveryRecordWithCRLF() throws {
        let bytes = try CSVExport.bytes(Seed.cases, encoding: .utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("\"id\",\"事業名\",\"担当課\",\"協働の相手\",\"協働の形態\",\"事業実施（和暦）\",\"事業実施（西暦）\",\"協働の領域\","))
        #expect(text.hasSuffix("\r\n"))
        let records = try StrictCSV.parse(text)
        #expect(records.count == 1 + Seed.cases.count)
        #expect(records.allSatisfy { $0.count == CSVExport.headings.count })
    }

    /// What the strict parser reads back, turned into a sheet again, is the sheet in the store.
    @Test func roundTripThroughAStrictParserEqualsTheStore() throws {
        let cases = Seed.cases + [Hostile.exported]
        let text = String(decoding: try CSVExport.bytes(cases, encoding: .utf8).dropFirst(3), as: UTF8.self)
        let records = try StrictCSV.parse(text)
        #expect(records[0] == CSVExport.headings)
        for (exported, record) in zip(cases, records.dropFirst()) {
            let cell = Dictionary(uniqueKeysWithValues: zip(CSVExport.headings, record.map(Self.uninert)))
            let items = { (column: String) in cell[column]!.isEmpty ? [] : cell[column]!.components(separatedBy: "\n") }
            var sheet = CaseSheet()
            sheet.title = cell["事業名"]!
            sheet.departments = items("担当課")
            sheet.partners = items("協働の相手")
            sheet.form = cell["協働の形態"]!
            sheet.started = cell["事業実施（和暦）"]!.isEmpty ? nil : try EraYear.parse(cell["事業実施（和暦）"]!, currentWesternYear: 2026)
            sheet.domain = cell["協働の領域"]!
            sheet.overview = items("取り組みの概要")
            sheet.origin = items("協働のきっかけ")
            sheet.roles = .init(city: items("役割（市）"), partner: items("役割（相手）"))
            sheet.strengths = .init(city: items("強み（市）"), partner: items("強み（相手）"))
            sheet.results = items("協働の成果")
            sheet.points = items("協働のポイント")
            sheet.diagram = Diagram(actors: items("協働の図（登場者）"), flows: items("協働の図（流れ）").compactMap(Diagram.Flow.parse),
                                    notes: items("協働の図（メモ）"))
            sheet.status = SheetStatus(rawValue: cell["状態"]!)!
            var stored = exported.sheet
            stored.original = nil
            #expect(cell["id"] == exported.id.rawValue)
            #expect(SheetCodec.encode(sheet) == SheetCodec.encode(stored), "\(exported.id) does not come back as stored")
            #expect(cell["事業実施（西暦）"] == exported.sheet.started?.westernYear.map(String.init) ?? "")
        }
        // Both forms of the era year, as the seed's first sheet has them.
        let shigen = try #require(records.first { $0[0] == "shigen-shudan-kaishu" })
        #expect(shigen[5] == "昭和60年度" && shigen[6] == "1985")
    }

    /// A cell that starts with a formula trigger, read back: the `'` added to make it inert removed.
    static func uninert(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, CSVExport.formulaTriggers.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    @Test(arguments: ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tタブ", "\r改行", "\n改行"])
    func everyFormulaTriggerIsMadeInert(_ value: String) throws {
        var sheet = CaseSheet()
        sheet.title = value
        sheet.points = [value]
        let bytes = try CSVExport.bytes([ExportedCase(id: CaseID("formula")!, sheet: sheet)], encoding: .utf8)
        let records = try StrictCSV.parse(String(decoding: bytes.dropFirst(3), as: UTF8.self))
        #expect(records[1][1] == "'" + value, "the title cell")
        #expect(records[1][15] == "'" + value, "the points cell")
        // Quoted, so the apostrophe is part of a text cell.
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"'" + value.prefix(1)))
    }

    @Test func anInnocentCellIsLeftAsItIs() {
        #expect(CSVExport.inert("市民等と連携・協力") == "市民等と連携・協力")
        #expect(CSVExport.inert("１＝１") == "１＝１")
        #expect(CSVExport.inert("") == "")
    }

    @Test func cp932RefusesNamingTheCaseColumnAndCharacter() {
        var sheet = CaseSheet()
        sheet.title = "吉野家"
        sheet.partners = ["髙橋商店", "𠮷野家"]
        #expect(throws: CSVExport.UnencodableCharacter(caseID: CaseID("yoshinoya")!, column: "協働の相手", character: "𠮷")) {
            try CSVExport.bytes(Seed.cases + [ExportedCase(id: CaseID("yoshinoya")!, sheet: sheet)], encoding: .cp932)
        }
        #expect(CSVExport.UnencodableCharacter(caseID: CaseID("yoshinoya")!, column: "協働の相手", character: "𠮷").codePoints == "U+20BB7")
    }

    @Test func cp932WritesTheSeedWithoutABOMAndItReadsBack() throws {
        let bytes = try CSVExport.bytes(Seed.cases, encoding: .cp932)
        #expect(Array(bytes.prefix(3)) != [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: Data(bytes), encoding: .shiftJIS))
        let utf8 = String(decoding: try CSVExport.bytes(Seed.cases, encoding: .utf8).dropFirst(3), as: UTF8.self)
        #expect(text == utf8)
        #expect(!bytes.contains(UInt8(ascii: "?")) || utf8.contains("?"))
    }
}

/// Every field of the sheet's description reaches every export without a list of its own to edit.
@Suite struct ExportsFollowTheDescriptionTests {
    @Test(arguments: SheetField.allCases)
    func everyFieldHasItsCSVColumns(field: SheetField) {
        let base = field.label.replacingOccurrences(of: "（年度）", with: "")
        let columns = CSVExport.headings.filter { $0 == field.label || $0.hasPrefix(base + "（") }
        let expected = switch field.kind {
        case .eraYear: 2
        case .diagram: 3
        default: 1
        }
        #expect(columns.count == expected, "\(field.label): \(columns)")
    }

    @Test func theHeadingsAndARowAgree() {
        var sheet = CaseSheet()
        sheet.title = "題名"
        let row = CSVExport.cells(of: ExportedCase(id: CaseID("a")!, sheet: sheet))
        #expect(row.count == CSVExport.headings.count)
        #expect(row[CSVExport.headings.firstIndex(of: "事業名")!] == "題名")
    }

    @Test func everyBasicsFieldIsARowOfTheMarkdownPage() {
        var sheet = CaseSheet()
        sheet.title = "題名"
        let page = MarkdownExport.page(ExportedCase(id: CaseID("a")!, sheet: sheet))
        for field in SheetSection.basics.fields where field != .title {
            #expect(page.contains("| \(field.label) |"), "\(field.label)")
        }
    }
}

import Foundation
import Testing
@testable import CasebookCore

/// The writer must print exactly what `jq .` prints (SPEC §2.1). The expected files were made
/// once with jq 1.6 and committed, so these tests do not need jq.
struct CanonicalJSONTests {
    static let goldenPairs = ["tricky", "nested"]

    @Test(arguments: goldenPairs)
    func matchesJQ(name: String) throws {
        let input = try Data(contentsOf: TestPaths.golden.appendingPathComponent("\(name)-input.json"))
        let expected = try Data(contentsOf: TestPaths.golden.appendingPathComponent("\(name)-expected.json"))
        let value = try JSONParser.parse(Array(input))
        #expect(CanonicalJSONWriter.bytes(of: value) == Array(expected))
    }

    @Test func trickySheetSurvivesTheCodec() throws {
        // Through the sheet model and back: the unknown key and its nested numbers stay as they were.
        let input = try Data(contentsOf: TestPaths.golden.appendingPathComponent("tricky-input.json"))
        let expected = try Data(contentsOf: TestPaths.golden.appendingPathComponent("tricky-expected.json"))
        let sheet = try SheetCodec.decode(try JSONParser.parse(Array(input)))
        #expect(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)) == Array(expected))
    }

    @Test func everySeedFileIsWrittenBackByteForByte() throws {
        let files = try TestPaths.seedFiles()
        #expect(files.count == 27)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let sheet = try SheetCodec.decode(try JSONParser.parse(bytes))
            #expect(CanonicalJSONWriter.bytes(of: SheetCodec.encode(sheet)) == bytes, "\(file.lastPathComponent)")
        }
    }

    @Test(arguments: [
        (1.0, "1"), (-0.0, "-0"), (0.1, "0.1"), (1.5, "1.5"), (1e-7, "1e-07"), (1e20, "1e+20"),
        (123456789012345678, "123456789012345680"), (1e17, "1e+17"), (1e16, "1e+16"), (1e15, "1000000000000000"), (1e-5, "1e-05"), (0.0001, "0.0001"), (12.25, "12.25"),
    ])
    func numbersAsJQPrintsThem(number: Double, text: String) {
        #expect(CanonicalJSONWriter.formatNumber(number) == text)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":1,}", "\"\u{01}\"", "01", "1.", "tru", "\"\\x\"", "\"\\ud800\"", "[1] 2", "{\"a\" 1}"])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: [
        ("{\n  \"title\": [1,\n", JSONParseError.Reason.unexpectedEndOfFile, 3, 1),
        ("{\n  \"事業名\": x}", .unexpectedCharacter, 2, 10),
        ("[1] 2", .textAfterDocument, 1, 5),
        ("{\"a\" 1}", .expectedColon, 1, 6),
    ])
    func errorsSayWhereByLineAndCharacterColumn(text: String, reason: JSONParseError.Reason, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.reason == reason)
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.description == "\(reason.englishWords) at line \(line), column \(column)")
        }
    }

    @Test func rejectsInvalidUTF8AndByteOrderMark() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0xEF, 0xBB, 0xBF, 0x31]) }
    }

    @Test func unknownKeysAreKeptInPlaceAndKnownOnesInOrder() throws {
        let text = #"{"review":{"overview":{"state":"ok","by":"a","at":"2026-01-01","note":"","hash":"h","extra":1},"future":{}},"title":"T","x":[1],"schema":1,"diagram":{"actors":[],"flows":[{"from":"a","to":"b","label":"c","style":"dashed"}],"notes":[],"layout":"lr"}}"#
        var sheet = try SheetCodec.decode(try JSONParser.parse(text))
        sheet.title = "U"
        let written = CanonicalJSONWriter.text(of: SheetCodec.encode(sheet))
        let keys = try JSONParser.parse(written).objectMembers!.map(\.key)
        #expect(keys == ["schema", "title", "departments", "partners", "form", "started", "domain", "overview", "origin",
                         "roles", "strengths", "results", "points", "diagram", "status", "review", "x"])
        #expect(written.contains("\"style\": \"dashed\""))
        #expect(written.contains("\"layout\": \"lr\""))
        #expect(written.contains("\"future\": {}"))
        #expect(written.contains("\"extra\": 1"))
        #expect(written.contains("\"title\": \"U\""))
    }

    @Test func wrongTypesAreNamedByPath() {
        #expect(throws: SheetDecodingError(path: "roles.city[1]", expected: .string)) {
            try SheetCodec.decode(try JSONParser.parse(#"{"schema":1,"roles":{"city":["a",2]}}"#))
        }
        #expect(throws: SheetDecodingError(path: "started.era", expected: .oneOf(["昭和", "平成", "令和"]))) {
            try SheetCodec.decode(try JSONParser.parse(#"{"schema":1,"started":{"era":"大正","year":3}}"#))
        }
    }
}

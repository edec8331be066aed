// `show` on a terminal of 60 and 120 columns against golden files made once by the real program
// and read by a person; a case holding escape sequences shown inert.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import XCTest

final class ShowGoldenTests: XCTestCase {
    /// Set CASEBOOK_UPDATE_GOLDEN=1 to write the golden files instead of comparing (then read them!).
    static let updating = ProcessInfo.processInfo.environment["CASEBOOK_UPDATE_GOLDEN"] == "1"

    /// `casebook show ID` run on a pseudo-terminal of `columns`; what it printed, CR LF made LF.
    func show(_ id: String, columns: Int, fixture: Fixture, colour: Bool = false, noColor: String? = nil) throws -> (text: String, raw: [UInt8]) {
        var environment = fixture.environment()
        if colour { environment["NO_COLOR"] = noColor }
        let session = try PseudoTerminalSession(executable: Fixture.executable, arguments: ["show", id, "--store", fixture.store.path],
                                                environment: environment, workingDirectory: fixture.root.path,
                                                rows: 50, columns: columns)
        XCTAssertEqual(try session.waitForExit(), 0, session.report())
        return (session.text.replacingOccurrences(of: "\r\n", with: "\n"), session.output)
    }

    func compare(_ text: String, golden name: String, columns: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Fixture.goldenDirectory.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: Fixture.goldenDirectory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text, golden, "show differs from \(name)", file: file, line: line)
        // The rules the golden files were read for, checked here as well.
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let width = row.unicodeScalars.reduce(0) { $0 + PseudoTerminalSession.Screen.width($1) }
            XCTAssertLessThanOrEqual(width, columns, "too wide: \(row)", file: file, line: line)
            // Each cell of a row (two columns are split by " | "), after its indent.
            for cell in row.components(separatedBy: " | ") {
                var body = Substring(cell.drop { $0 == " " || $0 == "　" })
                while body.last == " " { body.removeLast() }
                if let first = body.first {
                    XCTAssertFalse("、。，．」』）】〕！？".contains(first), "line starts with a closing mark: \(row)", file: file, line: line)
                }
                // A continuation of a wrapped item keeps its indent: no cell is a lone character.
                XCTAssertFalse(body.count == 1 && body != "市" && cell.hasPrefix("  ") && !cell.hasPrefix("    "), "stray fragment: \(row)", file: file, line: line)
            }
        }
        XCTAssertFalse(text.contains("\u{1B}"), "no escape sequences under NO_COLOR", file: file, line: line)
    }

    func testShowAt60And120ColumnsMatchesGolden() throws {
        let fixture = try Fixture()
        for id in ["danjo-kyodo-sankaku-suishinin-renkei-jigyo", "shigen-shudan-kaishu"] {
            for columns in [60, 120] {
                let shown = try show(id, columns: columns, fixture: fixture)
                try compare(shown.text, golden: "show-\(id)-\(columns).txt", columns: columns)
            }
        }
        // Roles in two columns at 120, one after the other at 60.
        let wide = try show("danjo-kyodo-sankaku-suishinin-renkei-jigyo", columns: 120, fixture: fixture).text
        XCTAssertTrue(wide.split(separator: "\n").contains { $0.contains("内容の企画・検討") && $0.contains("・") && $0.count > 40 }, wide)
        // Colour on a terminal without NO_COLOR.
        let coloured = try show("shigen-shudan-kaishu", columns: 80, fixture: fixture, colour: true)
        XCTAssertTrue(coloured.raw.contains(0x1B), "colour on a terminal")
        // NO_COLOR set but empty is not set (no-color.org).
        XCTAssertTrue(try show("shigen-shudan-kaishu", columns: 80, fixture: fixture, colour: true, noColor: "").raw.contains(0x1B))
    }

    func testEscapeSequencesInACaseAreShownInert() throws {
        let fixture = try Fixture()
        let source = try JSONSerialization.jsonObject(with: Data(fixture.bytes("shigen-shudan-kaishu"))) as! [String: Any]
        var hostile = source
        hostile["title"] = "警告\u{1B}]0;pwned\u{07}テスト"
        hostile["overview"] = ["前\u{1B}[2J\u{1B}[H後。", "右から左\u{202E}逆転\u{202C}です。", "C1\u{9B}31m制御と\u{7F}削除。"]
        hostile["departments"] = ["清掃\u{1B}]52;c;cHduZWQ=\u{07}事業課"]
        let data = try JSONSerialization.data(withJSONObject: hostile)
        let canonical = CanonicalJSONWriter.bytes(of: try JSONParser.parse([UInt8](data)))
        // Keep the key order of the seed file: rewrite from the seed's members.
        var members = try JSONParser.parse(fixture.bytes("shigen-shudan-kaishu")).objectMembers!
        let parsedHostile = try JSONParser.parse(canonical)
        for index in members.indices { members[index].value = parsedHostile[members[index].key]! }
        try Data(CanonicalJSONWriter.bytes(of: .object(members))).write(to: fixture.fileURL("esc-test"))

        let shown = try show("esc-test", columns: 60, fixture: fixture)
        XCTAssertFalse(shown.raw.contains(0x1B), "no ESC reaches the terminal")
        XCTAssertFalse(shown.raw.contains(0x07), "no BEL reaches the terminal")
        XCTAssertFalse(shown.raw.contains(0x7F), "no DEL reaches the terminal")
        let text = shown.text
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x202C || (0x80...0x9F).contains($0.value) }, text)
        XCTAssertTrue(text.contains("^["), text)
        XCTAssertTrue(text.contains("警告^[]0;pwned"), text)
        try compare(text, golden: "show-esc-test-60.txt", columns: 60)
    }
}

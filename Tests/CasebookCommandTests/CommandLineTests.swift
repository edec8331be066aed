// `casebook COMMAND …` once, through pipes, on a temporary copy of the store: output, files, exit codes 0/1/2.
import CasebookCore
import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    let shigen = "shigen-shudan-kaishu"

    // MARK: list

    func testListShowsEveryCaseAlignedAndFilters() throws {
        let fixture = try CommandFixture()
        let all = try fixture.run(["list"])
        XCTAssertEqual(all.status, 0, all.err)
        let rows = all.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 28, all.out)   // a header and 27 cases
        XCTAssertTrue(rows[0].hasPrefix("id"))
        XCTAssertTrue(rows.contains { $0.hasPrefix("shigen-shudan-kaishu") && $0.contains("資源集団回収") && $0.contains("補助・助成") && $0.contains("清掃事業課") && $0.contains("昭和60") })
        // Columns aligned by display width: 事業名 starts at the same column in every row.
        func width(_ s: Substring) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0xFF61...0xFF9F).contains($1.value) ? 2 : 1) } }
        let titleColumns = Set(rows.dropFirst().map { row -> Int in
            let id = row.prefix { $0 != " " }
            return width(row[..<(row[id.endIndex...].firstIndex { $0 != " " } ?? row.endIndex)])
        })
        XCTAssertEqual(titleColumns.count, 1, all.out)

        let kyosai = try fixture.run(["list", "--form", "共催"])
        XCTAssertEqual(kyosai.status, 0)
        let kyosaiRows = kyosai.out.split(separator: "\n").dropFirst()
        XCTAssertEqual(Set(kyosaiRows.map { String($0.prefix { $0 != " " }) }), ["hana-komyunikeshon-tokachi", "komyuniti-koza"])

        // An option given twice takes either value, as one given once takes its own.
        let either = try fixture.run(["list", "--form", "共催", "--form", "実行委員会", "--status", "draft", "--status", "review"])
        let eitherIDs = Set(either.out.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) })
        let executive = try fixture.run(["list", "--form", "実行委員会"])
        let executiveIDs = Set(executive.out.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) })
        XCTAssertFalse(executiveIDs.isEmpty, executive.all)
        XCTAssertEqual(eitherIDs, executiveIDs.union(["hana-komyunikeshon-tokachi", "komyuniti-koza"]), either.all)

        let department = try fixture.run(["list", "--department", "図書館"])
        XCTAssertEqual(Set(department.out.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) }),
                       ["shimin-bunko-masuta", "toshokan-borantia-no-jujitsu-sokushin"])
        let domain = try fixture.run(["list", "--domain", "ＮＰＯ"])   // full width finds NPO
        XCTAssertEqual(domain.out.split(separator: "\n").count, 2, domain.out)
        XCTAssertEqual(try fixture.run(["list", "--status", "approved"]).out.trimmingCharacters(in: .whitespacesAndNewlines), "No cases.")
    }

    func testListUsageErrorsExitTwo() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let badStatus = try fixture.run(["list", "--status", "done"])
        XCTAssertEqual(badStatus.status, 2)
        XCTAssertTrue(badStatus.err.contains("draft, review or approved"), badStatus.err)
        XCTAssertEqual(try fixture.run(["list", "--colour"]).status, 2)
        let emptyFilter = try fixture.run(["list", "--form", ""])
        XCTAssertEqual(emptyFilter.status, 2, emptyFilter.all)
        XCTAssertTrue(emptyFilter.err.contains("--form needs the text to look for"), emptyFilter.err)
        XCTAssertEqual(try fixture.run(["lsit"]).status, 2)
        let missing = try fixture.run(["list", "--store", fixture.root.appendingPathComponent("nowhere").path], storeOption: false)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("No store at"), missing.err)
        // CASEBOOK_STORE names the store when --store is not given.
        let byEnvironment = try fixture.run(["list"], storeOption: false, extra: ["CASEBOOK_STORE": fixture.store.path])
        XCTAssertEqual(byEnvironment.status, 0)
        XCTAssertEqual(byEnvironment.out.split(separator: "\n").count, 28)
        XCTAssertEqual(try fixture.snapshot(), before)
        let help = try fixture.run(["--help"], storeOption: false)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("list") && help.out.contains("validate"), help.out)
        XCTAssertEqual(try fixture.run(["help", "set"], storeOption: false).status, 0)
    }

    // MARK: show

    func testShowPrintsTheSheetOrAPart() throws {
        let fixture = try CommandFixture()
        let sheet = try fixture.run(["show", shigen, "--width", "80"])
        XCTAssertEqual(sheet.status, 0, sheet.err)
        for expected in ["資源集団回収", "【基本情報】", "昭和60年度（1985年度）", "・実績管理、奨励金支給", "□新規の実施団体", "町内会等 → 市：奨励金の申請"] {
            XCTAssertTrue(sheet.out.contains(expected), "missing \(expected)\n\(sheet.out)")
        }
        XCTAssertFalse(sheet.out.contains("\u{1B}"), "no colour through a pipe")
        // By title part, and one section by its Japanese label.
        let roles = try fixture.run(["show", "資源", "役割"])
        XCTAssertEqual(roles.status, 0, roles.err)
        XCTAssertTrue(roles.out.contains("実績管理、奨励金支給"))
        XCTAssertFalse(roles.out.contains("協働のきっかけ"), roles.out)
        XCTAssertEqual(try fixture.run(["show", shigen, "roles.city"]).status, 0)
        // A narrow width: every line fits, the long id under the title too.
        let narrow = try fixture.run(["show", "wakamono-shigoto-machi-zukuri-puran-suishin", "--width", "40"])
        XCTAssertEqual(narrow.status, 0, narrow.err)
        for line in narrow.out.split(separator: "\n") { XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 40, String(line)) }
        XCTAssertTrue(narrow.out.filter { !$0.isWhitespace }.contains("wakamono-shigoto-machi-zukuri-puran-suishin[draft]"), narrow.out)
    }

    func testShowErrors() throws {
        let fixture = try CommandFixture()
        let missing = try fixture.run(["show", "no-such-case"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("No case matches “no-such-case”"), missing.err)
        let japanese = try fixture.run(["show", "no-such-case"], language: "ja_JP.UTF-8")
        XCTAssertEqual(japanese.status, 1)
        XCTAssertTrue(japanese.err.contains("「no-such-case」に当たる事例がありません"), japanese.err)
        let ambiguous = try fixture.run(["show", "obihiro"])
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.err.contains("matches several cases") && ambiguous.err.contains("obihiro-no-mori-zukuri-kyogikai"), ambiguous.err)
        // The candidates' titles stand in one column.
        let candidates = ambiguous.err.split(separator: "\n").filter { $0.hasPrefix("  obihiro") }
        XCTAssertGreaterThan(candidates.count, 1, ambiguous.err)
        XCTAssertEqual(Set(candidates.map { line in line.dropFirst(2).prefix { $0 != " " }.count + (line.dropFirst(2).drop { $0 != " " }.prefix { $0 == " " }.count) }).count, 1, ambiguous.err)
        let field = try fixture.run(["show", shigen, "nonsense"])
        XCTAssertEqual(field.status, 1)
        XCTAssertTrue(field.err.contains("“nonsense” is not a field or section"), field.err)
        XCTAssertEqual(try fixture.run(["show", shigen, "--width", "5"]).status, 2)
        XCTAssertEqual(try fixture.run(["show", "a", "b", "c"]).status, 2)
        XCTAssertEqual(try fixture.run(["show"]).status, 1)   // no case given, none open
    }

    // MARK: find

    func testFindNormalisesAndMarks() throws {
        let fixture = try CommandFixture()
        let result = try fixture.run(["find", "町内会"])
        XCTAssertEqual(result.status, 0, result.err)
        let lines = result.out.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        for line in lines {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 4, String(line))
            XCTAssertTrue(parts[3].contains("[[町内会]]"), String(line))
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("shigen-shudan-kaishu\t資源集団回収\t協働の相手\t") })
        // Full width ＮＰＯ finds NPO; hiragana finds katakana; case folded.
        let npo = try fixture.run(["find", "ＮＰＯ"])
        XCTAssertEqual(npo.status, 0)
        XCTAssertTrue(npo.out.contains("[[NPO]]"), npo.out)
        let kana = try fixture.run(["find", "ぱーくごるふ"])
        XCTAssertEqual(kana.status, 0)
        XCTAssertTrue(kana.out.contains("[[パークゴルフ]]"), kana.out)
        XCTAssertEqual(try fixture.run(["find", "npo"]).out, npo.out)
    }

    func testFindErrors() throws {
        let fixture = try CommandFixture()
        let none = try fixture.run(["find", "存在しない言葉"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.err.contains("Nothing matches “存在しない言葉”"), none.err)
        XCTAssertEqual(none.out, "")
        XCTAssertEqual(try fixture.run(["find"]).status, 2)
        // A control character in the query is not echoed raw.
        let control = try fixture.run(["find", "\u{1B}]0;x\u{07}"])
        XCTAssertEqual(control.status, 1)
        XCTAssertFalse(control.err.contains("\u{1B}"), control.err)
    }

    // MARK: set

    func testSetChangesOneFieldCanonically() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let original = try fixture.sheet(shigen)
        let form = try fixture.run(["set", shigen, "form", "共催"])
        XCTAssertEqual(form.status, 0, form.err)
        XCTAssertTrue(form.out.contains("Saved shigen-shudan-kaishu."), form.out)
        let started = try fixture.run(["set", "資源", "started", "H30"])
        XCTAssertEqual(started.status, 0, started.err)
        let after = try fixture.sheet(shigen)
        XCTAssertEqual(after["form"] as? String, "共催")
        XCTAssertEqual((after["started"] as? [String: Any])?["era"] as? String, "平成")
        XCTAssertEqual((after["started"] as? [String: Any])?["year"] as? Int, 30)
        for key in original.keys where key != "form" && key != "started" {
            XCTAssertEqual(try Self.json(after[key]), try Self.json(original[key]), key)
        }
        // Only that file changed.
        var now = try fixture.snapshot()
        now["shigen-shudan-kaishu.json"] = nil
        var then = before
        then["shigen-shudan-kaishu.json"] = nil
        XCTAssertEqual(now, then)
        // The same value again changes no byte.
        let bytes = try fixture.bytes(shigen)
        let again = try fixture.run(["set", shigen, "form", "共催"])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.out.contains("no change"), again.out)
        XCTAssertEqual(try fixture.bytes(shigen), bytes)
        // Western year, full-width digits, an era alone, the open form with a warning.
        XCTAssertEqual(try fixture.run(["set", shigen, "started", "1989"]).status, 0)
        XCTAssertEqual((try fixture.sheet(shigen)["started"] as? [String: Any])?["year"] as? Int, 1)
        XCTAssertEqual(try fixture.run(["set", shigen, "事業実施（年度）", "昭和６０"]).status, 0)
        XCTAssertEqual((try fixture.sheet(shigen)["started"] as? [String: Any])?["year"] as? Int, 60)
        XCTAssertEqual(try fixture.run(["set", shigen, "started", "平成"]).status, 0)
        XCTAssertTrue((try fixture.sheet(shigen)["started"] as? [String: Any])?["year"] is NSNull)
        let other = try fixture.run(["set", shigen, "form", "覚書"])
        XCTAssertEqual(other.status, 0)
        XCTAssertTrue(other.err.contains("not one of the usual values"), other.err)
        XCTAssertEqual(try fixture.sheet(shigen)["form"] as? String, "覚書")
    }

    func testSetRefusesBadInputAndChangesNothing() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let cases: [([String], Int32, String)] = [
            (["set", shigen, "started", "昭和70"], 1, "昭和 has no year 70"),
            (["set", shigen, "started", "いつか"], 1, "is not a year. Accepted:"),
            (["set", shigen, "started", "令和0"], 1, "令和 has no year 0"),
            (["set", shigen, "domain", "適当に協力"], 1, "is not a value of 協働の領域"),
            (["set", shigen, "title", ""], 1, "事業名 is required"),
            (["set", shigen, "overview", "段落"], 1, "is not set in one go"),
            (["set", shigen, "nonsense", "x"], 1, "is not a field or section"),
            (["set", "no-such-case", "form", "共催"], 1, "No case matches"),
            (["set", shigen, "title", "abc\u{1B}[31mRED\u{7}"], 1, "事業名 cannot hold U+001B"),
            (["set", shigen, "form", "共催\u{202E}"], 1, "協働の形態 cannot hold U+202E"),
            (["set", shigen, "title", "ab\u{FFFD}cd"], 1, "cannot hold U+FFFD"),
            (["set", "form"], 2, "set takes [CASE] FIELD VALUE"),
            (["set", "a", "b", "c", "d"], 2, "set takes [CASE] FIELD VALUE"),
        ]
        for (arguments, status, message) in cases {
            let result = try fixture.run(arguments)
            XCTAssertEqual(result.status, status, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains(message), "\(arguments): \(result.err)")
        }
        XCTAssertEqual(try fixture.snapshot(), before, "no file changed")
    }

    func testWalkRefusesAControlCharacterAndAsksAgain() throws {
        let fixture = try CommandFixture()
        let result = try fixture.run(["new", "kyodo-x"], input: "悪い\u{1B}]0;題名\u{7}\n良い題名\n清掃事業課\n課\u{202E}長\n\n.\n")
        XCTAssertEqual(result.status, 0, result.all)
        XCTAssertTrue(result.all.contains("事業名 cannot hold U+001B"), result.all)
        XCTAssertTrue(result.all.contains("担当課 cannot hold U+202E"), result.all)
        let text = String(decoding: try fixture.bytes("kyodo-x"), as: UTF8.self)
        XCTAssertTrue(text.contains("\"title\": \"良い題名\""), text)
        XCTAssertTrue(text.contains("\"清掃事業課\""), text)
        XCTAssertFalse(text.contains("\\u001b") || text.contains("\u{202E}") || text.contains("課長"), text)
    }

    // MARK: new (hostile ids)

    func testHostileIdsCreateNoFile() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        for id in ["../x", "A", "-n", "a--b", "x/y", String(repeating: "a", count: 49)] {
            let result = try fixture.run(["new", id], input: "題名\n.\n")
            XCTAssertNotEqual(result.status, 0, id)
            XCTAssertFalse(result.err.isEmpty, id)
        }
        XCTAssertEqual(try fixture.snapshot(), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("x.json").path))
    }

    // MARK: validate

    func testValidateTheSeedStoreAndOneCase() throws {
        let fixture = try CommandFixture()
        let all = try fixture.run(["validate"])
        XCTAssertEqual(all.status, 0, all.out + all.err)
        XCTAssertTrue(all.out.contains("27 cases checked: all valid."), all.out)
        let one = try fixture.run(["validate", "資源"])
        XCTAssertEqual(one.status, 0)
        XCTAssertTrue(one.out.contains("1 case checked"), one.out)
        XCTAssertEqual(try fixture.run(["validate", "no-such-case"]).status, 1)
    }

    func testValidateReportsInvalidCasesAndUnreadableFiles() throws {
        let fixture = try CommandFixture()
        try fixture.writeCase("bad-case", from: shigen, [
            "title": "",
            "domain": "なんとなく協力",
            "form": "覚書",
            "started": ["era": "昭和", "year": 70],
            "diagram": ["actors": ["市"], "flows": [["from": "市", "to": "謎の団体", "label": "依頼"]], "notes": []],
        ])
        try Data("{ not json".utf8).write(to: fixture.fileURL("broken"))
        let before = try fixture.snapshot()
        let result = try fixture.run(["validate"])
        XCTAssertEqual(result.status, 1, result.out)
        let said = result.out + result.err
        for expected in ["bad-case: 事業名 is empty", "bad-case: 協働の領域 “なんとなく協力” is not one of the allowed values",
                         "bad-case: 協働の形態 “覚書” is not one of the usual values", "bad-case: 事業実施（年度）",
                         "“謎の団体”", "broken.json: not loaded"] {
            XCTAssertTrue(said.contains(expected), "missing \(expected)\n\(said)")
        }
        XCTAssertTrue(result.out.contains("29 cases checked: 2 with errors"), result.out)
        XCTAssertEqual(try fixture.snapshot(), before, "validate changes no file")
        // The other cases still work.
        XCTAssertEqual(try fixture.run(["validate", "資源"]).status, 0)
    }

    static func json(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["v": value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }
}

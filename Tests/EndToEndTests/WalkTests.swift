// Guided walks typed at the real shell on a pseudo-terminal, then the files on disk.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import XCTest

final class WalkTests: XCTestCase {
    static let overview1 = "市民と市が協力して、地域の課題を話し合う場をつくります。"
    static let overview2 = "年に二回、報告会を開き、成果を共有しています。"
    static let origin = "市民からの提案がきっかけです。"

    /// The keys of a case file, in the order of SPEC §2.1.
    static let keyOrder = ["schema", "title", "departments", "partners", "form", "started", "domain", "overview", "origin",
                           "roles", "strengths", "results", "points", "diagram", "status", "review"]

    /// Checks the case the `new` walk (terminal or pipe) made, field by field.
    static func checkNewCase(_ fixture: Fixture, file: StaticString = #filePath, line: UInt = #line) throws {
        let sheet = try fixture.sheet("kyodo-test", file: file, line: line)
        let members = try JSONParser.parse(fixture.bytes("kyodo-test")).objectMembers?.map(\.key)
        XCTAssertEqual(members, keyOrder, file: file, line: line)
        XCTAssertEqual(sheet["schema"] as? Int, 1, file: file, line: line)
        XCTAssertEqual(sheet["title"] as? String, "市民協働テスト事業", file: file, line: line)
        XCTAssertEqual(sheet["departments"] as? [String], ["清掃事業課"], file: file, line: line)
        XCTAssertEqual(sheet["partners"] as? [String], ["町内会連合会"], file: file, line: line)
        XCTAssertEqual(sheet["form"] as? String, "補助・助成", file: file, line: line)
        let started = sheet["started"] as? [String: Any]
        XCTAssertEqual(started?["era"] as? String, "平成", file: file, line: line)
        XCTAssertEqual(started?["year"] as? Int, 30, file: file, line: line)
        XCTAssertEqual(sheet["domain"] as? String, "対等に役割を分担", file: file, line: line)
        XCTAssertEqual(sheet["overview"] as? [String], [overview1, overview2], file: file, line: line)
        XCTAssertEqual(sheet["origin"] as? [String], [origin], file: file, line: line)
        let roles = sheet["roles"] as? [String: [String]]
        XCTAssertEqual(roles?["city"], ["広報", "会場の確保と運営"], file: file, line: line)
        XCTAssertEqual(roles?["partner"], ["運営スタッフの派遣"], file: file, line: line)
        let strengths = sheet["strengths"] as? [String: [String]]
        XCTAssertEqual(strengths?["city"], [], file: file, line: line)
        XCTAssertEqual(strengths?["partner"], [], file: file, line: line)
        XCTAssertEqual(sheet["results"] as? [String], [], file: file, line: line)
        XCTAssertEqual(sheet["points"] as? [String], [], file: file, line: line)
        let diagram = sheet["diagram"] as? [String: [Any]]
        XCTAssertEqual(diagram?["actors"]?.count, 0, file: file, line: line)
        XCTAssertEqual(diagram?["flows"]?.count, 0, file: file, line: line)
        XCTAssertEqual(diagram?["notes"]?.count, 0, file: file, line: line)
        XCTAssertEqual(sheet["status"] as? String, "draft", file: file, line: line)
        XCTAssertEqual((sheet["review"] as? [String: Any])?.count, 0, file: file, line: line)
    }

    /// A value as JSON with sorted keys, to compare parsed values.
    static func sortedJSON(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["v": value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    func testNewWalkInJapaneseWithTabBackAndStop() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")

        try shell.answer("new kyodo-test", thenWaitFor: "事業名> ")
        var m = try shell.answer("市民協働テスト事業", thenWaitFor: "担当課> ")
        XCTAssertTrue(shell.visibleText(after: 0).contains("Created kyodo-test as a draft."))
        // The case exists, as a draft, as soon as its title is given.
        XCTAssertEqual(try fixture.sheet("kyodo-test")["status"] as? String, "draft")

        // Tab completes a department the store already uses.
        shell.send("清掃")
        shell.send(.tab)
        try shell.waitForScreen("担当課> 清掃事業課")
        m = try shell.answer("", thenWaitFor: "担当課> ")
        try shell.answer("", thenWaitFor: "協働の相手> ")
        try shell.answer("町内会連合会", thenWaitFor: "協働の相手> ")
        m = try shell.answer("", thenWaitFor: "協働の形態> ")
        // The choices are listed, numbered, above the prompt.
        XCTAssertTrue(shell.visibleText(after: m - 200).contains("1. 補助・助成"), shell.report())

        shell.send("補助")
        shell.send(.tab)
        try shell.waitForScreen("協働の形態> 補助・助成")
        try shell.answer("", thenWaitFor: "事業実施（年度）> ")

        // An era year out of range is explained and asked again, with what was typed still on the line.
        m = shell.mark
        shell.send("昭和70")
        shell.send(.enter)
        try shell.waitFor("昭和 has no year 70", after: m)
        try shell.ready("事業実施（年度）> ", after: m)
        try shell.waitForScreen("事業実施（年度）> 昭和70")
        XCTAssertNil(try fixture.sheet("kyodo-test")["started"] as? [String: Any], "nothing stored for a bad year")
        shell.send(.ctrlA, .ctrlK)
        try shell.answer("H30", thenWaitFor: "協働の領域> ")

        shell.send("対等")
        shell.send(.tab)
        try shell.waitForScreen("協働の領域> 対等に役割を分担")
        try shell.answer("", thenWaitFor: "取り組みの概要> ")

        try shell.answer(Self.overview1, thenWaitFor: "取り組みの概要> ")
        try shell.answer(Self.overview2, thenWaitFor: "取り組みの概要> ")
        try shell.answer("", thenWaitFor: "協働のきっかけ> ")
        try shell.answer(Self.origin, thenWaitFor: "協働のきっかけ> ")
        try shell.answer("", thenWaitFor: "役割（市）> ")

        try shell.answer("・広報", thenWaitFor: "役割（市）> ")
        try shell.answer("会場の確保", thenWaitFor: "役割（市）> ")
        try shell.answer("", thenWaitFor: "役割（相手）> ")

        // `<` goes back to 役割（市）: the items entered are on the line again, to keep or correct.
        try shell.answer("<", thenWaitFor: "役割（市）> ")
        try shell.waitForScreen("役割（市）> 広報")
        try shell.answer("", thenWaitFor: "役割（市）> ")
        try shell.waitForScreen("役割（市）> 会場の確保")
        try shell.answer("と運営", thenWaitFor: "役割（市）> ")
        try shell.answer("", thenWaitFor: "役割（相手）> ")

        try shell.answer("運営スタッフの派遣", thenWaitFor: "役割（相手）> ")
        try shell.answer("", thenWaitFor: "強み（市）> ")

        // `.` stops the walk; the case is open.
        m = try shell.answer(".", thenWaitFor: "casebook:kyodo-test> ")
        XCTAssertTrue(shell.visibleText(after: 0).contains("Stopped; everything entered so far is saved in kyodo-test."))

        shell.send("quit")
        shell.send(.enter)
        XCTAssertEqual(try shell.waitForExit(), 0)
        try Self.checkNewCase(fixture)
        XCTAssertEqual(try fixture.ids().count, 28)
    }

    /// The same walk through a pipe (no terminal, no prompts) gives the same file.
    func testNewWalkThroughPipeGivesTheSameFile() throws {
        let fixture = try Fixture()
        let lines = [
            "new kyodo-test", "市民協働テスト事業", "清掃事業課", "", "町内会連合会", "", "補助・助成",
            "昭和70", "H30", "対等に役割を分担", Self.overview1, Self.overview2, "", Self.origin, "",
            "・広報", "会場の確保", "", "<", "広報", "会場の確保と運営", "", "運営スタッフの派遣", "", ".", "quit",
        ]
        let result = try fixture.run([], input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertFalse(result.out.contains("casebook> "), "no prompts without a terminal")
        XCTAssertTrue(result.out.contains("昭和 has no year 70"), result.out)
        try Self.checkNewCase(fixture)

        // Byte for byte the file the terminal walk made.
        let terminal = try Fixture()
        let shell = try terminal.startShell()
        try shell.ready("casebook> ")
        try shell.answer("new kyodo-test", thenWaitFor: "事業名> ")
        for (index, line) in lines.dropFirst().dropLast(2).enumerated() {
            let m = shell.mark
            // On the terminal, a bad year and the items seen again after `<` are still on the line: clear them first.
            if index == 7 || index == 18 || index == 19 { shell.send(.ctrlA, .ctrlK) }
            shell.send(line)
            shell.send(.enter)
            try shell.ready("> ", after: m)
        }
        try shell.answer(".", thenWaitFor: "casebook:kyodo-test> ")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
        XCTAssertEqual(try terminal.bytes("kyodo-test"), try fixture.bytes("kyodo-test"))
    }

    func testEditTitleWithCtrlAAndRolesItemByItem() throws {
        let fixture = try Fixture()
        let id = "danjo-kyodo-sankaku-suishinin-renkei-jigyo"
        let before = try fixture.sheet(id)
        XCTAssertEqual((before["roles"] as? [String: [String]])?["city"], ["内容の企画・検討", "活動のＰＲ・運営", "経費負担"])
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")

        try shell.answer("edit danjo title", thenWaitFor: "事業名> ")
        try shell.waitForScreen("事業名> 帯広市男女共同参画推進員との連携事業")
        shell.send(.ctrlA)
        shell.send("【改】")
        try shell.waitForScreen("事業名> 【改】帯広市男女共同参画推進員との連携事業")
        try shell.answer("", thenWaitFor: "casebook> ")
        XCTAssertTrue(shell.visibleText(after: 0).contains("Done: \(id) saved."), shell.report())

        try shell.answer("edit danjo roles.city", thenWaitFor: "役割（市）> ")
        try shell.waitForScreen("役割（市）> 内容の企画・検討")
        try shell.answer("", thenWaitFor: "役割（市）> ")                 // keep
        try shell.waitForScreen("役割（市）> 活動のＰＲ・運営")
        try shell.answer("・広報", thenWaitFor: "役割（市）> ")           // change (cursor at the end)
        try shell.waitForScreen("役割（市）> 経費負担")
        shell.send(.ctrlA, .ctrlK)                                          // erase entirely: delete
        try shell.answer("", thenWaitFor: "役割（市）> ")
        try shell.answer("会場の提供", thenWaitFor: "役割（市）> ")        // add
        try shell.answer("", thenWaitFor: "casebook> ")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)

        let after = try fixture.sheet(id)
        XCTAssertEqual(after["title"] as? String, "【改】帯広市男女共同参画推進員との連携事業")
        XCTAssertEqual((after["roles"] as? [String: [String]])?["city"], ["内容の企画・検討", "活動のＰＲ・運営・広報", "会場の提供"])
        XCTAssertEqual((after["roles"] as? [String: [String]])?["partner"], (before["roles"] as? [String: [String]])?["partner"])
        for key in before.keys where key != "title" && key != "roles" {
            XCTAssertEqual(try Self.sortedJSON(after[key]), try Self.sortedJSON(before[key]), "\(key) must not change")
        }
        // Only that case changed.
        for other in try fixture.ids() where other != id {
            XCTAssertEqual(try fixture.bytes(other), [UInt8](try Data(contentsOf: Fixture.repositoryRoot.appendingPathComponent("Store/\(other).json"))))
        }
    }

    func testBackAndStopTypedAfterAValueOnTheLineKeepTheValue() throws {
        // `<` and `.` typed at the end of the value shown (without clearing the line first) go
        // back and stop, and the value is kept as it was, not saved with them.
        let fixture = try Fixture()
        let id = "shigen-shudan-kaishu"
        let before = try fixture.bytes(id)
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        try shell.answer("edit shigen", thenWaitFor: "事業名> ")
        try shell.answer("", thenWaitFor: "担当課> ")
        try shell.waitForScreen("担当課> 清掃事業課")
        try shell.answer("<", thenWaitFor: "事業名> ")
        try shell.waitForScreen("事業名> 資源集団回収")
        try shell.answer(" .", thenWaitFor: "casebook> ")
        XCTAssertEqual(try fixture.bytes(id), before, "nothing changed: " + shell.report())
        // 。 at the end of a value is the value's (a sentence's end), and saved.
        try shell.answer("edit shigen title", thenWaitFor: "事業名> ")
        try shell.answer("。", thenWaitFor: "casebook> ")
        XCTAssertEqual(try fixture.sheet(id)["title"] as? String, "資源集団回収。")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testCtrlCInsideAWalkKeepsTheFieldsEntered() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        try shell.answer("new cc-test", thenWaitFor: "事業名> ")
        try shell.answer("割り込みテスト", thenWaitFor: "担当課> ")
        try shell.answer("市民活動推進課", thenWaitFor: "担当課> ")
        shell.send("途中まで")
        let m = shell.mark
        shell.send(.ctrlC)
        try shell.ready("casebook:cc-test> ", after: m)
        XCTAssertTrue(shell.visibleText(after: m).contains("Interrupted; the fields already entered are saved in cc-test."), shell.report())
        // The shell is still there.
        try shell.answer("show cc-test title", thenWaitFor: "casebook:cc-test> ")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
        let sheet = try fixture.sheet("cc-test")
        XCTAssertEqual(sheet["title"] as? String, "割り込みテスト")
        XCTAssertEqual(sheet["departments"] as? [String], ["市民活動推進課"])
        XCTAssertEqual(sheet["partners"] as? [String], [])
        XCTAssertFalse(String(decoding: try fixture.bytes("cc-test"), as: UTF8.self).contains("途中"))
    }
}

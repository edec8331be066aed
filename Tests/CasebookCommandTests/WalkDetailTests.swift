// Walk details (issue 13, item 6): `casebook` reading shell lines from a pipe.
import CasebookCore
import Foundation
import Testing

@Suite("Walk and review details")
struct WalkDetailTests {
    @Test("a flow naming an unknown actor asks before adding it; no refuses the flow; -> and : work; ※ is not doubled")
    func flowsAskAboutNewActors() throws {
        let fixture = try CommandFixture()
        let lines = [
            "new flow-test", "図のテスト", ".",
            "edit flow-test diagram",
            "町内会", "市", "",
            "町内会 → 市：申請", "市 -> 町内会: 交付", "町内会 → 巿：誤字", "n", "町内会 → 学校：依頼", "y", "",
            "※注意書き", "",
            "show flow-test diagram", "quit",
        ]
        let result = try fixture.run([], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("“巿” is not an actor of this diagram"), "\(result.out)")
        #expect(result.out.contains("FROM → TO：WHAT"))
        let diagram = try #require(try fixture.sheet("flow-test")["diagram"] as? [String: Any])
        #expect(diagram["actors"] as? [String] == ["町内会", "市", "学校"])
        let flows = (diagram["flows"] as? [[String: String]]) ?? []
        #expect(flows.map { "\($0["from"]!)>\($0["to"]!):\($0["label"]!)" } == ["町内会>市:申請", "市>町内会:交付", "町内会>学校:依頼"])
        #expect(diagram["notes"] as? [String] == ["※注意書き"])
        #expect(result.out.contains("※注意書き") && !result.out.contains("※※"))
    }

    @Test("the seed's note written with ※ shows with one ※")
    func seedNoteNotDoubled() throws {
        let fixture = try CommandFixture()
        let shown = try fixture.run(["show", "fudo-bare", "diagram"])
        #expect(shown.out.contains("※市民ボランティアの役割"))
        #expect(!shown.out.contains("※※"))
    }

    @Test("review starts at the first section without a current verdict, and a flag's note is kept until replaced")
    func reviewStartsWhereWorkIsLeft() throws {
        let fixture = try CommandFixture()
        let first = try fixture.run([], input: "review shigen\nflag 年度を確認\nok\n.\nquit\n")
        #expect(first.status == 0, "\(first.all)")
        let second = try fixture.run([], input: "review shigen\n<\n<\nflag\n.\nquit\n")
        #expect(second.status == 0, "\(second.all)")
        #expect(second.out.contains("starting at 【協働のきっかけ】"), "\(second.out)")
        #expect(!second.out.contains("A flag needs a note"))
        let review = try #require(try fixture.sheet("shigen-shudan-kaishu")["review"] as? [String: [String: Any]])
        #expect(review["basics"]?["note"] as? String == "年度を確認")
        #expect(review["basics"]?["state"] as? String == "flagged")
    }

    @Test("editing an approved case says that it goes back to review")
    func approvedGoesBackToReview() throws {
        let fixture = try CommandFixture()
        let lines = ["review shigen"] + Array(repeating: "ok", count: SheetSection.allCases.count)
            + ["approve shigen", "set shigen form 共催", "quit"]
        let result = try fixture.run([], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("was approved; its content changed, so it is in review again"), "\(result.out)")
        #expect(try fixture.sheet("shigen-shudan-kaishu")["status"] as? String == "review")
    }
}

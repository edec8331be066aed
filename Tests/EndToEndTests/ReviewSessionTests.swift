// A whole working session at the terminal: draft a case, review it, approve it, commit it.
import Foundation
@testable import CasebookTestSupport
import XCTest

final class ReviewSessionTests: XCTestCase {
    func testNewReviewApproveCommitThenGitLogShowsTheCommit() throws {
        let fixture = try Fixture(storeInside: "repo")
        try fixture.commitStore()
        func git(_ arguments: [String]) throws -> String {
            try BuiltProgram.run("/usr/bin/env", ["git"] + arguments, environment: fixture.environment(),
                                 in: fixture.store.deletingLastPathComponent()).out
        }
        // The reviewer's name comes from git's user.name.
        _ = try git(["config", "user.name", "E2E Tester"])
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")

        // A new case: a title and a department, then stop.
        try shell.answer("new bosai-kunren", thenWaitFor: "事業名> ")
        try shell.answer("地域防災訓練", thenWaitFor: "担当課> ")
        try shell.answer("危機対策課", thenWaitFor: "担当課> ")
        try shell.answer(".", thenWaitFor: "casebook:bosai-kunren> ")

        // Review every section with ok.
        var mark = try shell.answer("review", thenWaitFor: "review 基本情報> ")
        for section in ["取り組みの概要", "協働のきっかけ", "役割", "強み", "協働の成果", "協働のポイント", "協働の図"] {
            mark = try shell.answer("ok", thenWaitFor: "review \(section)> ")
        }
        mark = try shell.answer("ok", thenWaitFor: "casebook:bosai-kunren> ")

        mark = try shell.answer("approve", thenWaitFor: "casebook:bosai-kunren> ")
        XCTAssertTrue(shell.visibleText(after: mark - 200).contains("is approved"), shell.report())
        mark = try shell.answer("commit", thenWaitFor: "casebook:bosai-kunren> ")
        XCTAssertTrue(shell.visibleText(after: mark - 300).contains("Committed"), shell.report())
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)

        let sheet = try fixture.sheet("bosai-kunren")
        XCTAssertEqual(sheet["title"] as? String, "地域防災訓練")
        XCTAssertEqual(sheet["departments"] as? [String], ["危機対策課"])
        XCTAssertEqual(sheet["status"] as? String, "approved")
        let review = try XCTUnwrap(sheet["review"] as? [String: [String: Any]])
        XCTAssertEqual(review.count, 8)
        XCTAssertTrue(review.values.allSatisfy { $0["state"] as? String == "ok" && $0["by"] as? String == "E2E Tester" })

        // git log shows the commit, by the session's author, naming the new case.
        XCTAssertEqual(try git(["status", "--porcelain"]), "", "everything in the store is committed")
        let text = try git(["log", "-1", "--format=%an%n%s", "--name-only"])
        XCTAssertTrue(text.hasPrefix("E2E Tester\n"), text)
        XCTAssertTrue(text.contains("地域防災訓練"), text)
        XCTAssertTrue(text.contains("Store/bosai-kunren.json"), text)
    }
}

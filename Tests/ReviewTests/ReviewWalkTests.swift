import Foundation
import Testing
@testable import CasebookCore

/// `review` and `approve` (SPEC §4), driven through the built binary in a temporary repository.
@Suite struct ReviewWalkTests {
    static let id = "shigen-shudan-kaishu"
    static let allOK = Array(repeating: "ok", count: SheetSection.allCases.count)

    @Test func allSectionsOKThenApproveSucceeds() throws {
        let fixture = try ReviewFixture()
        let review = try fixture.run(["review", Self.id], input: Self.allOK.map { $0 + "\n" }.joined())
        #expect(review.status == 0, "\(review.all)")
        var sheet = try fixture.sheet(Self.id)
        #expect(sheet.status == .review)
        #expect(sheet.sectionsBlockingApproval.isEmpty)
        for section in SheetSection.allCases {
            let verdict = try #require(sheet.review[section])
            #expect(verdict.state == .ok)
            #expect(verdict.by == "査読 花子")
            #expect(verdict.at.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
            #expect(verdict.hash == SectionHash.of(section, in: sheet))
        }
        #expect(review.out.contains("approve \(Self.id)"))

        let approve = try fixture.run(["approve", Self.id])
        #expect(approve.status == 0, "\(approve.all)")
        sheet = try fixture.sheet(Self.id)
        #expect(sheet.status == .approved)
        let list = try fixture.run(["list", "--status", "approved"])
        #expect(list.out.contains(Self.id))
    }

    @Test func oneFlagThenApproveRefusesNamingTheSection() throws {
        let fixture = try ReviewFixture()
        // basics ok, overview ok, origin flagged, the rest ok.
        var answers = Self.allOK
        answers[2] = "flag 昭和55年度の表記を確認"
        let review = try fixture.run(["review", Self.id], input: answers.map { $0 + "\n" }.joined())
        #expect(review.status == 0, "\(review.all)")
        let sheet = try fixture.sheet(Self.id)
        let verdict = try #require(sheet.review[.origin])
        #expect(verdict.state == .flagged)
        #expect(verdict.note == "昭和55年度の表記を確認")
        #expect(sheet.flagCount == 1)
        #expect(sheet.status == .review)

        let before = try fixture.bytes(Self.id)
        let approve = try fixture.run(["approve", Self.id])
        #expect(approve.status == 1)
        #expect(approve.err.contains("協働のきっかけ"))
        #expect(approve.err.contains("昭和55年度の表記を確認"))
        #expect(!approve.err.contains("基本情報"))
        #expect(try fixture.bytes(Self.id) == before)
        // show and list show the flag.
        let show = try fixture.run(["show", Self.id])
        #expect(show.out.contains("昭和55年度の表記を確認"))
        let list = try fixture.run(["list"])
        let row = list.out.split(separator: "\n").first { $0.hasPrefix(Self.id) }
        #expect(row?.hasSuffix("review・1 flagged") == true, "the case's row shows its status and one flag: \(list.out)")
        let others = list.out.split(separator: "\n").filter { !$0.hasPrefix(Self.id) }
        #expect(!others.contains { $0.contains("flagged") }, "no other case has a flag")
    }

    @Test func flagWithoutNoteAsksForOne() throws {
        let fixture = try ReviewFixture()
        let review = try fixture.run(["review", Self.id], input: "flag\n担当課名が古い\n.\n")
        #expect(review.status == 0, "\(review.all)")
        #expect(try fixture.sheet(Self.id).review[.basics]?.note == "担当課名が古い")
    }

    @Test func aNoteWithAControlCharacterIsRefusedAndAskedAgain() throws {
        let fixture = try ReviewFixture()
        // On the answer's line, and when asked for: each refused, the section asked again.
        let review = try fixture.run(["review", Self.id], input: "flag \u{1B}[31m赤\nflag\n古い\u{202E}名\nflag 担当課名が古い\n.\n")
        #expect(review.status == 0, "\(review.all)")
        #expect(review.all.components(separatedBy: "A note cannot hold").count - 1 == 2, "\(review.all)")
        #expect(review.all.contains("U+001B") && review.all.contains("U+202E"), "\(review.all)")
        #expect(try fixture.sheet(Self.id).review[.basics]?.note == "担当課名が古い")
        // A commit message likewise: git log shows it as it is to every colleague.
        try fixture.run(["set", Self.id, "form", "共催"])
        let head = try fixture.git(["rev-parse", "HEAD"]).out
        let commit = try fixture.run(["commit", "-m", "変更\u{1B}]0;pwn\u{7}"])
        #expect(commit.status == 1 && commit.err.contains("A commit message cannot hold U+001B"), "\(commit.all)")
        #expect(try fixture.git(["rev-parse", "HEAD"]).out == head)
    }

    @Test func skipBackAndStopWalkTheSections() throws {
        let fixture = try ReviewFixture()
        // skip basics, ok overview, back to overview's predecessor (basics), ok it, stop.
        let review = try fixture.run(["review", Self.id], input: "skip\nok\n<\n<\nok\n.\n")
        #expect(review.status == 0, "\(review.all)")
        let sheet = try fixture.sheet(Self.id)
        #expect(sheet.review[.basics]?.state == .ok)
        #expect(sheet.review[.overview]?.state == .ok)
        #expect(sheet.review[.origin] == nil)
        #expect(review.out.contains("2 sections ok"))
    }

    @Test func unknownAnswerIsExplainedAndAskedAgain() throws {
        let fixture = try ReviewFixture()
        let review = try fixture.run(["review", Self.id], input: "maybe\nok\n.\n")
        #expect(review.out.contains("“maybe” is not an answer here"))
        #expect(try fixture.sheet(Self.id).review[.basics]?.state == .ok)
    }

    @Test func editingAReviewedSectionMakesItChangedSinceReview() throws {
        let fixture = try ReviewFixture()
        try fixture.run(["review", Self.id], input: Self.allOK.map { $0 + "\n" }.joined())
        let set = try fixture.run(["set", Self.id, "form", "共催"])
        #expect(set.status == 0, "\(set.all)")
        let sheet = try fixture.sheet(Self.id)
        guard case .changedSinceReview = SectionReviewState.of(.basics, in: sheet) else {
            Issue.record("basics should be changed since review")
            return
        }
        if case .ok = SectionReviewState.of(.overview, in: sheet) {} else { Issue.record("overview should still be ok") }
        #expect(sheet.sectionsBlockingApproval == [.basics])
        let approve = try fixture.run(["approve", Self.id])
        #expect(approve.status == 1)
        #expect(approve.err.contains("基本情報: changed since review"))
        let show = try fixture.run(["show", Self.id, "basics"])
        #expect(show.out.contains("changed since review"))
    }

    @Test func editInsideTheWalkThenReviewTheNewContent() throws {
        let fixture = try ReviewFixture()
        // edit basics: the walk asks 事業名 first; a new title, then `.` ends the walk; then ok.
        let review = try fixture.run(["review", Self.id], input: "edit\n資源集団回収事業\n.\nok\n.\n")
        #expect(review.status == 0, "\(review.all)")
        let sheet = try fixture.sheet(Self.id)
        #expect(sheet.title == "資源集団回収事業")
        #expect(sheet.review[.basics]?.hash == SectionHash.of(.basics, in: sheet))
        if case .ok = SectionReviewState.of(.basics, in: sheet) {} else { Issue.record("basics should be ok after the edit") }
    }

    @Test func anApprovedCaseEditedOutsideCasebookIsNeitherShownNorPublishedAsApproved() throws {
        let fixture = try ReviewFixture()
        try fixture.run(["review", Self.id], input: Self.allOK.map { $0 + "\n" }.joined())
        #expect(try fixture.run(["approve", Self.id]).status == 0)
        #expect(try fixture.run(["export", "csv", "--status", "approved", "-o", "-"]).out.contains("資源集団回収"))
        // Changed by another program: the file still says approved, its verdicts no longer match.
        var text = String(decoding: try fixture.bytes(Self.id), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"title\": \"資源集団回収\"", with: "\"title\": \"手で変えた題\"")
        try Data(text.utf8).write(to: fixture.store.appendingPathComponent("\(Self.id).json"))
        let published = try fixture.run(["export", "csv", "--status", "approved", "-o", "-"])
        #expect(!published.out.contains("手で変えた題"), "\(published.all)")
        let inReview = try fixture.run(["export", "csv", "--status", "review", "-o", "-"])
        #expect(inReview.out.contains("手で変えた題"), "\(inReview.all)")
        let shown = try fixture.run(["show", Self.id])
        #expect(shown.out.contains("[review]") && !shown.out.contains("[approved]"), "\(shown.out)")
        // list too, read from the index its first run wrote as well as from the files.
        for _ in 0..<2 {
            #expect(try fixture.run(["list", "--status", "approved"]).out.contains("No cases"))
            let listed = try fixture.run(["list", "--status", "review", "--wide"])
            #expect(listed.out.contains("手で変えた題"), "\(listed.all)")
        }
    }

    @Test func aFileThatSaysApprovedWithoutVerdictsIsListedAsInReview() throws {
        let fixture = try ReviewFixture()
        // Written by hand (or by another program): approved, with no review at all.
        var text = String(decoding: try fixture.bytes(Self.id), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"status\": \"draft\"", with: "\"status\": \"approved\"")
        try Data(text.utf8).write(to: fixture.store.appendingPathComponent("\(Self.id).json"))
        #expect(try fixture.run(["list", "--status", "approved"]).out.contains("No cases"))
        #expect(try fixture.run(["list", "--status", "review"]).out.contains(Self.id))
    }

    @Test func editingAnApprovedCaseReturnsItToReview() throws {
        let fixture = try ReviewFixture()
        try fixture.run(["review", Self.id], input: Self.allOK.map { $0 + "\n" }.joined())
        #expect(try fixture.run(["approve", Self.id]).status == 0)
        #expect(try fixture.sheet(Self.id).status == .approved)
        // Saving an approved case unchanged keeps it approved.
        #expect(try fixture.run(["set", Self.id, "form", "補助・助成"]).status == 0)
        #expect(try fixture.sheet(Self.id).status == .approved)
        // Any real edit sends it back.
        #expect(try fixture.run(["set", Self.id, "title", "資源集団回収（改）"]).status == 0)
        let sheet = try fixture.sheet(Self.id)
        #expect(sheet.status == .review)
        #expect(!sheet.sectionsBlockingApproval.isEmpty)
        #expect(try fixture.run(["approve", Self.id]).status == 1)
    }

    @Test func reviewInTheShellThenApproveAndCommit() throws {
        let fixture = try ReviewFixture()
        let lines = ["review \(Self.id)"] + Self.allOK + ["approve \(Self.id)", "commit", "quit"]
        let shell = try fixture.shell(lines)
        #expect(shell.status == 0, "\(shell.all)")
        #expect(try fixture.sheet(Self.id).status == .approved)
        let subject = try fixture.subjects().first
        #expect(subject == "更新: 資源集団回収（状態, レビュー）")
        #expect(try fixture.porcelain().isEmpty)
    }

    @Test func reviewerIsTheLoginNameWithoutAGitUserName() throws {
        let fixture = try ReviewFixture()
        try fixture.git(["config", "--unset", "user.name"])
        try fixture.run(["review", Self.id], input: "ok\n.\n")
        #expect(try fixture.sheet(Self.id).review[.basics]?.by == "loginname")
    }

    @Test func japaneseMessages() throws {
        let fixture = try ReviewFixture()
        let review = try fixture.run(["review", Self.id], input: "flag 要確認\n.\n", extra: ["LANG": "ja_JP.UTF-8"])
        #expect(review.out.contains("指摘を記録しました"))
        let approve = try fixture.run(["approve", Self.id], extra: ["LANG": "ja_JP.UTF-8"])
        #expect(approve.err.contains("基本情報: 指摘あり — 要確認"))
        #expect(approve.err.contains("取り組みの概要: 未レビュー"))
    }
}

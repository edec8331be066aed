// Merges across clones through sync: field by field, without rename detection, conflicts named by
// field, sync --abort, clones without the driver's config, and review verdicts across clones.
import CasebookCore
import CasebookStore
import Foundation
@testable import CasebookTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SyncMergeTests {
    /// Hanako's and Taro's clones; Hanako has synced `hanakoEdit`, Taro has `taroEdit` uncommitted.
    static func diverged(_ id: String = SyncFixture.caseID, hanakoEdit: (inout CaseSheet) -> Void,
                         taroEdit: (inout CaseSheet) -> Void) throws -> (SyncFixture, SyncFixture.Clone, SyncFixture.Clone) {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "査読 花子")
        let taro = try fixture.clone("taro", user: "起案 太郎")
        try hanako.modify(id, hanakoEdit)
        let pushed = try hanako.casebook(["sync"])
        guard pushed.status == 0 else { throw SyncFixture.Failure.command(pushed.all) }
        try taro.modify(id, taroEdit)
        return (fixture, hanako, taro)
    }

    /// Both clones sync; afterwards both are level with the remote, the case canonical, nothing uncommitted.
    static func syncBoth(_ hanako: SyncFixture.Clone, _ taro: SyncFixture.Clone, _ id: String) throws {
        let result = try taro.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(!result.all.contains("onflict"), "\(result.all)")
        #expect(try hanako.casebook(["sync"]).status == 0)
        for clone in [hanako, taro] {
            #expect(try clone.isLevelWithRemote())
            #expect(try clone.isCanonical(id))
            #expect(try clone.porcelain() == "")
        }
        #expect(try hanako.bytes(id) == taro.bytes(id))
    }

    @Test func differentFieldsOfOneCaseMergeWithoutConflict() throws {
        let (_, hanako, taro) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.results.append("回収量が前年より増えた。") })
        try Self.syncBoth(hanako, taro, SyncFixture.caseID)
        let sheet = try taro.sheet()
        #expect(sheet.form == "共催")
        #expect(sheet.results.last == "回収量が前年より増えた。")
    }

    /// casebook killed while git merges (a laptop closed, a terminal killed): git runs on to its
    /// end, so the merge is made whole, never left half-written in the files with nothing to
    /// abort and the other person's changes looking like one's own.
    @Test(.timeLimit(.minutes(1))) func aSyncKilledWhileGitMergesLeavesTheMergeWhole() throws {
        let (fixture, _, taro) = try Self.diverged(hanakoEdit: { $0.form = "共催" },
                                                    taroEdit: { $0.results.append("回収量が前年より増えた。") })
        // A hook that runs inside the merge, once the files are written: it says so, waits while
        // casebook is killed, then writes on its output, as git itself does.
        let started = fixture.root.appendingPathComponent("merge-started").path
        let hook = taro.work.appendingPathComponent(".git/hooks/pre-merge-commit").path
        try "#!/bin/sh\ntouch '\(started)'\nsleep 1\necho 'the merge goes on'\necho 'on both outputs' >&2\n"
            .write(toFile: hook, atomically: false, encoding: .utf8)
        chmod(hook, 0o755)
        let sync = Process()
        sync.executableURL = URL(fileURLWithPath: BuiltProgram.casebook)
        sync.arguments = ["sync", "--store", taro.store.path]
        sync.environment = fixture.environment
        sync.standardOutput = FileHandle.nullDevice
        sync.standardError = FileHandle.nullDevice
        try sync.run()
        func waitUntil(_ what: String, _ condition: () throws -> Bool) throws {
            for _ in 0..<400 where try !condition() { usleep(50_000) }
            if try !condition() { Issue.record("timed out waiting for \(what)") }
        }
        try waitUntil("the merge to start") { FileManager.default.fileExists(atPath: started) }
        kill(sync.processIdentifier, SIGKILL)
        sync.waitUntilExit()
        // git goes on without casebook and makes the merge commit.
        try waitUntil("the merge commit") { try taro.git(["rev-parse", "-q", "--verify", "HEAD^2"], allowFailure: true).status == 0 }
        try waitUntil("git to finish") { !FileManager.default.fileExists(atPath: taro.work.appendingPathComponent(".git/index.lock").path) }
        #expect(try taro.porcelain() == "")
        let sheet = try taro.sheet()
        #expect(sheet.form == "共催" && sheet.results.last == "回収量が前年より増えた。")
        // The next sync sends it.
        #expect(try taro.casebook(["sync"]).status == 0)
        #expect(try taro.isLevelWithRemote())
    }

    /// Renamed by one person (`casebook rename`), changed by the other: resolve says it was
    /// renamed, not deleted, and `r` moves the change to the new id, leaving one case.
    @Test func aChangeToACaseRenamedOnTheOtherSideMovesToItsNewID() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "査読 花子")
        let taro = try fixture.clone("taro", user: "起案 太郎")
        #expect(try hanako.casebook(["rename", SyncFixture.caseID, "shigen-kaishu"]).status == 0)
        #expect(try hanako.casebook(["sync"]).status == 0)
        try taro.modify { $0.form = "共催" }
        let conflicted = try taro.casebook(["sync"])
        #expect(conflicted.status == 1, "\(conflicted.all)")
        #expect(conflicted.err.contains("shigen-shudan-kaishu  資源集団回収 (renamed to shigen-kaishu by the shared change, changed here)"), "\(conflicted.err)")
        let resolve = try taro.casebook(["resolve"], input: "r\n")
        #expect(resolve.status == 0, "\(resolve.all)")
        #expect(resolve.out.contains("資源集団回収 (shigen-shudan-kaishu): you updated it; the shared change renamed it to shigen-kaishu."), "\(resolve.out)")
        #expect(resolve.out.contains("r move your changes to shigen-kaishu"), "\(resolve.out)")
        #expect(!FileManager.default.fileExists(atPath: taro.store.appendingPathComponent("\(SyncFixture.caseID).json").path))
        #expect(try taro.sheet("shigen-kaishu").form == "共催")
        #expect(try taro.isCanonical("shigen-kaishu"))
        #expect(try taro.casebook(["sync"]).status == 0)
        #expect(try hanako.casebook(["sync"]).status == 0)
        #expect(try hanako.sheet("shigen-kaishu").form == "共催")
        let listed = try hanako.casebook(["list"]).out
        #expect(listed.components(separatedBy: "資源集団回収").count == 2, "one case, not two: \(listed)")
    }

    @Test func adjacentParagraphsOfOneTextFieldMergeWithoutConflict() throws {
        let id = "paku-gorufu-jo-kanri-unei"
        let (_, hanako, taro) = try Self.diverged(id, hanakoEdit: { $0.overview[0] += "（花子が加筆）" },
                                                  taroEdit: { $0.overview[1] += "（太郎が加筆）" })
        try Self.syncBoth(hanako, taro, id)
        let overview = try hanako.sheet(id).overview
        #expect(overview[0].hasSuffix("（花子が加筆）") && overview[1].hasSuffix("（太郎が加筆）"), "\(overview)")
    }

    @Test func additionsToOneListOnBothSidesAreBothKept() throws {
        let (_, hanako, taro) = try Self.diverged(hanakoEdit: { $0.points.append("花子の追加") },
                                                  taroEdit: { $0.points.append("太郎の追加") })
        try Self.syncBoth(hanako, taro, SyncFixture.caseID)
        let points = try hanako.sheet().points
        #expect(points.suffix(2) == ["太郎の追加", "花子の追加"], "\(points)")
    }

    @Test func theSameFieldOnBothSidesStopsNamingTheFieldWithMarkersAroundItsLinesOnly() throws {
        let (_, _, taro) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託"; $0.points.append("太郎の追加") })
        let result = try taro.casebook(["sync"])
        #expect(result.status == 1, "\(result.all)")
        #expect(result.err.contains("Conflicts remain in 1 case:"), "\(result.err)")
        #expect(result.err.contains("shigen-shudan-kaishu  資源集団回収 (協働の形態)"), "\(result.err)")
        #expect(result.err.contains("casebook resolve"), "\(result.err)")
        let text = String(decoding: try taro.bytes(), as: UTF8.self)
        #expect(text.contains("<<<<<<< ours\n  \"form\": \"委託\",\n=======\n  \"form\": \"共催\",\n>>>>>>> theirs\n"), "\(text)")
        #expect(text.components(separatedBy: "<<<<<<<").count == 2, "one marked place")
        #expect(text.contains("太郎の追加"), "the rest merged")
        // The shell and list name the file as conflicted, not as garbage.
        #expect(try taro.casebook(["list"]).err.contains("conflict"))
        // A second sync refuses: the merge is under way.
        let again = try taro.casebook(["sync"])
        #expect(again.status == 1 && again.err.contains("A merge is under way"), "\(again.all)")
        // resolve with nobody to answer stops, saying what is left, and fails: a script can tell.
        let unanswered = try taro.casebook(["resolve"])
        #expect(unanswered.status == 1 && unanswered.all.contains("1 conflict remains"), "\(unanswered.all)")
        // An answer it does not take: the ones this conflict offers are named (協働の形態: no both).
        let wrong = try taro.casebook(["resolve"], input: "zz\n.\n")
        #expect(wrong.all.contains("“zz” is not a choice: type m, t, e, < or ."), "\(wrong.all)")
    }

    @Test func syncAbortRestoresTheExactHeadAndFiles() throws {
        let (_, _, taro) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託" })
        // Something staged and something untracked too: all as it was afterwards.
        try taro.modify("komyuniti-koza") { $0.points.append("staged") }
        try taro.git(["add", "Store/komyuniti-koza.json"])
        try "draft\n".write(to: taro.work.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        let head = try taro.head()
        let files = try taro.snapshot()
        let status = try taro.porcelain()
        let index = try taro.git(["ls-files", "--stage"]).out
        #expect(try taro.casebook(["sync"]).status == 1)
        #expect(try taro.head() != head, "the sync committed")
        let abort = try taro.casebook(["sync", "--abort"])
        #expect(abort.status == 0, "\(abort.all)")
        #expect(abort.out.contains("Back to before the sync"), "\(abort.out)")
        #expect(try taro.head() == head)
        #expect(try taro.snapshot() == files)
        #expect(try taro.porcelain() == status)
        #expect(try taro.git(["ls-files", "--stage"]).out == index)
        #expect(!FileManager.default.fileExists(atPath: taro.work.appendingPathComponent(".git/MERGE_HEAD").path))
        // Nothing left to abort.
        let twice = try taro.casebook(["sync", "--abort"])
        #expect(twice.status == 0 && twice.out.contains("no sync to abort"), "\(twice.all)")
    }

    @Test func theRenameTrapEndsAsAModifyDeleteConflictAndLeavesTheNewCaseAlone() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "花子")
        let taro = try fixture.clone("taro", user: "太郎")
        // Hanako deletes X and adds Y, almost the same case (a rename to git's eyes).
        var similar = try hanako.sheet()
        similar.title = "資源集団回収（新）"
        try hanako.write(similar, as: "shigen-shudan-kaishu-2")
        try FileManager.default.removeItem(at: hanako.store.appendingPathComponent("shigen-shudan-kaishu.json"))
        try hanako.git(["add", "--all"])
        #expect(try hanako.git(["diff", "--cached", "-M50%", "--name-status"]).out.hasPrefix("R"), "git sees a rename")
        #expect(try hanako.casebook(["sync"]).status == 0)
        let y = try hanako.bytes("shigen-shudan-kaishu-2")
        // Taro edits X's status.
        try taro.modify { $0.status = .review }
        let result = try taro.casebook(["sync"])
        #expect(result.status == 1, "\(result.all)")
        #expect(result.err.contains("shigen-shudan-kaishu  資源集団回収 (deleted on one side, changed on the other)"), "\(result.err)")
        #expect(try taro.bytes("shigen-shudan-kaishu-2") == y, "Y untouched")
        let unmerged = try taro.git(["ls-files", "--unmerged"]).out
        #expect(unmerged.contains("Store/shigen-shudan-kaishu.json") && !unmerged.contains("shigen-shudan-kaishu-2"), "\(unmerged)")
        // `commit` now would settle the deletion unasked (staging taro's version): it refuses and
        // leaves the index as it is, conflict and all, for `resolve`.
        try taro.modify("komyuniti-koza") { $0.points.append("another change") }
        let index = try taro.git(["ls-files", "--stage"]).out
        let commit = try taro.casebook(["commit"])
        #expect(commit.status == 1 && commit.err.contains("A merge is under way") && commit.err.contains("casebook resolve"), "\(commit.all)")
        #expect(try taro.git(["ls-files", "--stage"]).out == index)
        #expect(try taro.git(["ls-files", "--unmerged"]).out == unmerged)
    }

    @Test func aFreshCloneWithoutTheDriverConfigStillMergesFieldByFieldInSync() throws {
        let (fixture, _, _) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { _ in })
        // A plain `git clone`: no merge.casebook.* in its config; the runner passes the driver with `git -c`.
        let fresh = try fixture.clone("fresh", user: "新人 三郎")
        try fresh.git(["reset", "--quiet", "--hard", "HEAD~1"])
        // The neighbouring line: git's own line merge would conflict here.
        try fresh.modify { $0.started = nil }
        try fresh.commitAll("三郎")
        #expect(try fresh.git(["config", "--get-regexp", "^merge\\."], allowFailure: true).out == "")
        let runner = SyncRunner(storePath: fresh.store.path, driver: MergeDriverRegistration(executable: BuiltProgram.casebook), timeLimit: 30)
        guard case .success(let upstream) = runner.check() else { Issue.record("no upstream"); return }
        guard case .success(let report) = runner.run(upstream, commitMessage: { _, message in message }) else {
            Issue.record("sync stopped"); return
        }
        guard case .synced = report.ending else { Issue.record("\(report.ending)"); return }
        #expect(try fresh.git(["config", "--get-regexp", "^merge\\."], allowFailure: true).out == "", "the runner registers nothing")
        let sheet = try fresh.sheet()
        #expect(sheet.form == "共催" && sheet.started == nil)
        #expect(try fresh.isCanonical())
    }

    @Test func aPlainGitPullWithoutTheDriverConflictsAndResolveSettlesItFromTheIndex() throws {
        let (fixture, _, _) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { _ in })
        let fresh = try fixture.clone("fresh", user: "新人 三郎")
        try fresh.git(["reset", "--quiet", "--hard", "HEAD~1"])
        // A change on the neighbouring line: git's line merge conflicts, a field merge would not.
        try fresh.modify { $0.started = nil }
        try fresh.commitAll("三郎")
        let pull = try fresh.git(["pull", "--no-rebase", "--quiet"], allowFailure: true)
        #expect(pull.status != 0, "git's line merge conflicts: \(pull.all)")
        #expect(String(decoding: try fresh.bytes(), as: UTF8.self).contains("<<<<<<<"))
        let resolve = try fresh.casebook(["resolve"])
        #expect(resolve.status == 0, "\(resolve.all)")
        #expect(resolve.out.contains("Settled 資源集団回収"), "\(resolve.out)")
        #expect(resolve.out.contains("the merge is committed"), "\(resolve.out)")
        let sheet = try fresh.sheet()
        #expect(sheet.form == "共催" && sheet.started == nil)
        #expect(try fresh.isCanonical() && fresh.porcelain() == "")
        #expect(try fresh.git(["log", "-1", "--format=%P"]).out.split(separator: " ").count == 2)
        #expect(try fresh.casebook(["sync"]).status == 0)
        #expect(try fresh.isLevelWithRemote())
    }

    // MARK: Review across clones

    @Test func twoReviewersVerdictsOnDifferentSectionsBothSurvive() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "査読 花子")
        let taro = try fixture.clone("taro", user: "査読 太郎")
        #expect(try hanako.casebook(["review", SyncFixture.caseID], input: "ok\n.\n").status == 0)
        #expect(try taro.casebook(["review", SyncFixture.caseID], input: "skip\nflag 数字を確認\n.\n").status == 0)
        #expect(try hanako.casebook(["sync"]).status == 0)
        let result = try taro.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(try hanako.casebook(["sync"]).status == 0)
        for clone in [hanako, taro] {
            let review = try clone.sheet().review
            #expect(review[.basics]?.by == "査読 花子" && review[.basics]?.state == .ok)
            #expect(review[.overview]?.by == "査読 太郎" && review[.overview]?.state == .flagged && review[.overview]?.note == "数字を確認")
        }
    }

    @Test func anApprovedCaseWhoseContentChangedInTheMergeGoesBackToReview() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "査読 花子")
        let taro = try fixture.clone("taro", user: "起案 太郎")
        let review = try hanako.casebook(["review", SyncFixture.caseID], input: String(repeating: "ok\n", count: 8))
        #expect(review.status == 0, "\(review.all)")
        #expect(try hanako.casebook(["approve", SyncFixture.caseID]).status == 0)
        #expect(try hanako.sheet().status == .approved)
        #expect(try hanako.casebook(["sync"]).status == 0)
        // Taro, not yet knowing of the approval, changes the results.
        try taro.modify { $0.results.append("太郎の追記") }
        let result = try taro.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        let sheet = try taro.sheet()
        #expect(sheet.results.last == "太郎の追記")
        #expect(sheet.status == .review, "the approval no longer holds")
        #expect(sheet.review[.basics]?.state == .ok, "verdicts on unchanged sections stand")
    }
}

extension SyncMergeTests {
    @Test func syncAbortAlsoEndsAMergeThatAPlainGitPullLeft() throws {
        let (fixture, _, _) = try Self.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { _ in })
        let fresh = try fixture.clone("fresh", user: "新人 三郎")
        try fresh.git(["reset", "--quiet", "--hard", "HEAD~1"])
        try fresh.modify { $0.started = nil }
        try fresh.commitAll("三郎")
        let head = try fresh.head()
        let files = try fresh.snapshot()
        #expect(try fresh.git(["pull", "--no-rebase", "--quiet"], allowFailure: true).status != 0)
        let abort = try fresh.casebook(["sync", "--abort"])
        #expect(abort.status == 0 && abort.out.contains("Aborted the merge under way"), "\(abort.all)")
        #expect(try fresh.head() == head && fresh.snapshot() == files)
    }
}

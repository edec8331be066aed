import Foundation
import Testing
@testable import CasebookTestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import CasebookCore

/// `status`, `diff`, `commit`, `log`, `revert`, `init` (SPEC §5), in temporary repositories.
@Suite struct VersionControlTests {
    static let id = "shigen-shudan-kaishu"

    // MARK: diff

    @Test func oneCharacterChangeInAJapaneseParagraphIsThatCharacter() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.overview[0] = $0.overview[0].replacingOccurrences(of: "市民総ぐるみ", with: "市民全ぐるみ") }
        let diff = try fixture.run(["diff", Self.id])
        #expect(diff.status == 0, "\(diff.all)")
        #expect(diff.out.contains("【取り組みの概要】"))
        #expect(diff.out.contains("市民[-総-]{+全+}ぐるみ"))
        #expect(!diff.out.contains("【事業名】"))
        #expect(!diff.out.contains("\u{1B}["))
        let status = try fixture.run(["status"])
        #expect(status.out.contains("changed  \(Self.id)  “資源集団回収”: 取り組みの概要"))
    }

    @Test func addedAndRemovedListItems() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) {
            $0.partners.append("NPO法人リサイクル十勝")
            $0.roles.city = []
        }
        let diff = try fixture.run(["diff", Self.id])
        #expect(diff.out.contains("【協働の相手】\n    + {+NPO法人リサイクル十勝+}"))
        #expect(diff.out.contains("【役割（市）】\n    - [-実績管理、奨励金支給-]"))
        #expect(!diff.out.contains("町内会、これに準ずる団体"))
        let status = try fixture.run(["status"])
        #expect(status.out.contains("協働の相手, 役割（市）"))
    }

    @Test func aNewCaseAndADeletedCase() throws {
        let fixture = try ReviewFixture()
        var sheet = CaseSheet()
        sheet.title = "新しい協働事業"
        sheet.partners = ["十勝の会"]
        try fixture.write(sheet, as: "atarashii")
        try FileManager.default.removeItem(at: fixture.store.appendingPathComponent("komyuniti-koza.json"))
        let diff = try fixture.run(["diff"])
        #expect(diff.status == 0, "\(diff.all)")
        #expect(diff.out.contains("added atarashii “新しい協働事業”"))
        #expect(diff.out.contains("{+新しい協働事業+}"))
        #expect(diff.out.contains("{+十勝の会+}"))
        #expect(diff.out.contains("deleted komyuniti-koza “コミュニティ講座”"))
        #expect(diff.out.contains("[-コミュニティ講座-]"))
        let one = try fixture.run(["diff", "komyuniti-koza"])
        #expect(one.out.contains("deleted komyuniti-koza"))
        #expect(!one.out.contains("atarashii"))
        let status = try fixture.run(["status"])
        #expect(status.out.contains("added    atarashii  “新しい協働事業”"))
        #expect(status.out.contains("deleted  komyuniti-koza  “コミュニティ講座”"))
    }

    @Test func nothingChanged() throws {
        let fixture = try ReviewFixture()
        #expect(try fixture.run(["status"]).out.contains("No changes since the last commit."))
        #expect(try fixture.run(["diff"]).out.contains("No changes since the last commit."))
        #expect(try fixture.run(["diff", Self.id]).out.contains("has no changes since the last commit"))
    }

    // MARK: commit

    /// A change to 2,000 cases at once (a department renamed everywhere): git is asked for all
    /// their committed versions in one run, more than a pipe holds each way, and status, diff and
    /// commit finish and call each case changed, not added.
    @Test(.timeLimit(.minutes(2))) func aBulkChangeToTwoThousandCasesIsListedAndCommitted() throws {
        let fixture = try ReviewFixture()
        let seed = try Data(contentsOf: fixture.store.appendingPathComponent("\(Self.id).json"))
        // Long ids (48 characters), as kakasi makes them of long titles: 120 KB of names to ask for.
        let ids = (0..<2000).map { String(format: "shigen-shudan-kaishu-no-ikkatsu-henko-jirei-%04d", $0) }
        for id in ids { try seed.write(to: fixture.store.appendingPathComponent("\(id).json")) }
        try fixture.git(["add", "--all"])
        try fixture.git(["commit", "--quiet", "-m", "two thousand"])
        let changed = Data(String(decoding: seed, as: UTF8.self).replacingOccurrences(of: "\"清掃事業課\"", with: "\"ごみ減量推進課\"").utf8)
        #expect(changed != seed)
        for id in ids { try changed.write(to: fixture.store.appendingPathComponent("\(id).json")) }
        let status = try fixture.run(["status"])
        #expect(status.status == 0, "\(status.err)")
        #expect(status.out.split(separator: "\n").filter { $0.hasPrefix("changed  ") }.count == 2000, "\(status.out.prefix(300))")
        #expect(!status.out.contains("added"))
        #expect(try fixture.run(["diff"]).status == 0)
        let commit = try fixture.run(["commit"])
        #expect(commit.status == 0, "\(commit.err)")
        // Ten named on the first line and the others counted; every one of them in the body.
        #expect(try fixture.subjects().first?.hasPrefix("更新:") == true)
        #expect(try fixture.subjects().first?.hasSuffix("ほか 1990 件") == true)
        #expect(commit.out.split(separator: "\n").count == 1 && commit.out.contains("ほか 1990 件"), "\(commit.out.prefix(300))")
        #expect(try fixture.git(["log", "-1", "--format=%b"]).out.split(separator: "\n").count == 2000)
        #expect(try fixture.porcelain().isEmpty)
    }

    @Test func generatedMessageNamesNewAndChangedCasesAndFields() throws {
        let fixture = try ReviewFixture()
        var sheet = CaseSheet()
        sheet.title = "ちょっと新しい事業"
        try fixture.write(sheet, as: "chotto-atarashii")
        try fixture.modify(Self.id) {
            $0.results.append("回収量が増えた。")
            $0.roles.city.append("広報")
        }
        try FileManager.default.removeItem(at: fixture.store.appendingPathComponent("komyuniti-koza.json"))
        let commit = try fixture.run(["commit"])
        #expect(commit.status == 0, "\(commit.all)")
        let subject = try fixture.subjects().first
        #expect(subject == "新規: ちょっと新しい事業; 更新: 資源集団回収（役割（市）, 協働の成果）; 削除: コミュニティ講座")
        #expect(commit.out.contains("Committed"))
        #expect(try fixture.git(["log", "-1", "--format=%an"]).out == "Test Author\n")
    }

    /// A save's temporary file — one a killed save left, or one another shell's save is writing
    /// (held under its lock) — is no change: status does not list it, commit neither names it to
    /// git nor commits it, with a few changed cases or with hundreds.
    @Test(arguments: [1, 250]) func aSavesTemporaryFileIsNeverCommitted(changedCases: Int) throws {
        let fixture = try ReviewFixture()
        let seed = try Data(contentsOf: fixture.store.appendingPathComponent("\(Self.id).json"))
        for number in 0..<changedCases {
            try seed.write(to: fixture.store.appendingPathComponent("kopi-\(number).json"))
        }
        let left = fixture.store.appendingPathComponent(".komyuniti-koza.json.tmp-KILLED")
        let held = fixture.store.appendingPathComponent(".chotto-kurashi-sapoto-jigyo.json.tmp-HELD01")
        try Data("{\n  \"schema\": 1,\n  \"ti".utf8).write(to: left)
        try Data("{\n  \"schema\": 1,\n  \"ti".utf8).write(to: held)
        let lock = open(held.path, O_RDWR)
        #expect(flock(lock, LOCK_EX) == 0)
        defer { close(lock) }
        let status = try fixture.run(["status"])
        #expect(!status.out.contains("tmp-"), "\(status.out)")
        let commit = try fixture.run(["commit", "-m", "copies"])
        #expect(commit.status == 0, "\(commit.all)")
        let committed = try fixture.git(["show", "--name-only", "--format=", "HEAD"]).out
        #expect(!committed.contains("tmp-"), "\(committed)")
        #expect(committed.split(separator: "\n").count == changedCases, "\(committed)")
        // The held one is still there, for its save to finish; nothing else is left to commit.
        #expect(FileManager.default.fileExists(atPath: held.path))
        #expect(try !fixture.porcelain().contains("kopi"))
    }

    /// A file casebook cannot read as a case is not committed (it would reach every colleague
    /// with the next sync): commit names it and why, and commits nothing.
    @Test func commitRefusesAFileItCannotReadAsACase() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.form = "共催" }
        let head = try fixture.git(["rev-parse", "HEAD"]).out
        try FileManager.default.createSymbolicLink(atPath: fixture.store.appendingPathComponent("passwd.json").path, withDestinationPath: "/etc/passwd")
        let linked = try fixture.run(["commit"])
        #expect(linked.status == 1, "\(linked.all)")
        #expect(linked.err.contains("passwd.json cannot be read as a case") && linked.err.contains("Nothing was committed."), "\(linked.err)")
        try FileManager.default.removeItem(at: fixture.store.appendingPathComponent("passwd.json"))
        try Data([0x7B, 0x0A, 0xFF, 0xFE, 0x7D, 0x0A]).write(to: fixture.store.appendingPathComponent("garbled.json"))
        let garbled = try fixture.run(["commit"])
        #expect(garbled.status == 1 && garbled.err.contains("garbled.json cannot be read as a case"), "\(garbled.all)")
        #expect(try fixture.git(["rev-parse", "HEAD"]).out == head)
        try FileManager.default.removeItem(at: fixture.store.appendingPathComponent("garbled.json"))
        #expect(try fixture.run(["commit"]).status == 0)
    }

    /// A commit git cannot write (a full disk; here a file size limit) says the disk is the
    /// trouble, with git's words, and commits nothing.
    @Test func aCommitThatCannotBeWrittenSaysTheDiskIsTheTrouble() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.form = "共催" }
        let head = try fixture.git(["rev-parse", "HEAD"]).out
        let script = "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\""
        let result = try BuiltProgram.run("/bin/sh", ["-c", script, ReviewFixture.executable, "commit", "--store", fixture.store.path],
                                          environment: fixture.environment, in: fixture.root)
        #expect(result.status == 1, "\(result.all)")
        #expect(result.err.contains("git could not write: the disk is full or cannot be written."), "\(result.err)")
        #expect(try fixture.git(["rev-parse", "HEAD"]).out == head)
    }

    /// A commit while another git holds the index (a stopped sync's merge finishing on its own)
    /// says to wait, not that git refused.
    @Test func aCommitWhileAnotherGitIsAtWorkSaysToWait() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.form = "共催" }
        let lock = fixture.work.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        let busy = try fixture.run(["commit"])
        #expect(busy.status == 1, "\(busy.all)")
        #expect(busy.err.contains("Another git is at work in this clone") && busy.err.contains("Wait a moment"), "\(busy.err)")
        try FileManager.default.removeItem(at: lock)
        #expect(try fixture.run(["commit"]).status == 0)
    }

    /// A file in the store that is not a case is named by status, since commit takes it too:
    /// status never says "no changes" while commit would commit something.
    @Test func statusNamesAFileInTheStoreThatIsNotACase() throws {
        let fixture = try ReviewFixture()
        try "メモ\n".write(to: fixture.store.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        let status = try fixture.run(["status"])
        #expect(status.out == "other    notes.txt  (not a case; commit takes it too)\n", "\(status.all)")
        try fixture.modify(Self.id) { $0.form = "共催" }
        let both = try fixture.run(["status"])
        #expect(both.out.hasPrefix("changed  \(Self.id)") && both.out.hasSuffix("other    notes.txt  (not a case; commit takes it too)\n"), "\(both.out)")
    }

    @Test func commitTakesOnlyTheStoreAndSaysWhenThereIsNothing() throws {
        let fixture = try ReviewFixture()
        try "changed\n".write(to: fixture.work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        try "new\n".write(to: fixture.work.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        try "staged\n".write(to: fixture.work.appendingPathComponent("staged.txt"), atomically: false, encoding: .utf8)
        try fixture.git(["add", "staged.txt"])
        try fixture.modify(Self.id) { $0.form = "共催" }
        let commit = try fixture.run(["commit", "-m", "形態を共催に"])
        #expect(commit.status == 0, "\(commit.all)")
        #expect(try fixture.subjects().first == "形態を共催に")
        let files = try fixture.git(["show", "--name-only", "--format=", "HEAD"]).out
        #expect(files == "Store/shigen-shudan-kaishu.json\n")
        let porcelain = try fixture.porcelain()
        #expect(porcelain.contains(" M README.txt"))
        #expect(porcelain.contains("?? notes.txt"))
        #expect(porcelain.contains("A  staged.txt"))
        #expect(!porcelain.contains("Store/"))

        let again = try fixture.run(["commit"])
        #expect(again.status == 0)
        #expect(again.out.contains("Nothing to commit"))
        #expect(try fixture.subjects().count == 2)
    }

    @Test func aFailingPreCommitHookLeavesTheCaseFilesAndShowsItsWords() throws {
        let fixture = try ReviewFixture()
        let hook = fixture.work.appendingPathComponent(".git/hooks/pre-commit")
        try "#!/bin/sh\necho 'pre-commit: 提出前に validate を実行してください' >&2\nexit 1\n".write(to: hook, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        try fixture.modify(Self.id) { $0.form = "共催" }
        let before = try fixture.snapshot()
        let head = try fixture.git(["rev-parse", "HEAD"]).out
        let commit = try fixture.run(["commit"])
        #expect(commit.status == 1)
        #expect(commit.err.contains("pre-commit: 提出前に validate を実行してください"))
        #expect(try fixture.snapshot() == before)
        #expect(try fixture.git(["rev-parse", "HEAD"]).out == head)
    }

    @Test func noUserIdentityIsGitsOwnWords() throws {
        let fixture = try ReviewFixture()
        try fixture.git(["config", "--unset", "user.name"])
        try fixture.git(["config", "--unset", "user.email"])
        try fixture.git(["config", "user.useConfigOnly", "true"])
        try fixture.modify(Self.id) { $0.form = "共催" }
        let before = try fixture.snapshot()
        let commit = try fixture.run(["commit"], extra: ["GIT_AUTHOR_NAME": "", "GIT_AUTHOR_EMAIL": "",
                                                         "GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": "", "EMAIL": ""])
        #expect(commit.status == 1)
        #expect(commit.err.contains("git refused"))
        #expect(commit.err.lowercased().contains("ident"), "\(commit.err)")
        #expect(try fixture.snapshot() == before)
    }

    @Test func firstCommitInANewRepository() throws {
        let fixture = try ReviewFixture(commit: false)
        #expect(try fixture.run(["log"]).out.contains("No commits yet."))
        let status = try fixture.run(["status"])
        #expect(status.out.contains("added    shigen-shudan-kaishu"))
        let commit = try fixture.run(["commit"])
        #expect(commit.status == 0, "\(commit.all)")
        #expect(try fixture.subjects() == ["新規: ちょっと暮らしサポート事業, コミュニティ講座, 資源集団回収"])
        #expect(try fixture.porcelain() == "?? README.txt\n")
    }

    // MARK: log and revert

    @Test func logOfTheStoreAndOfOneCase() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.form = "共催" }
        try fixture.run(["commit", "-m", "資源の形態"])
        try fixture.modify("komyuniti-koza") { $0.points.append("講師の確保") }
        try fixture.run(["commit", "-m", "講座の形態"])
        let log = try fixture.run(["log"])
        #expect(log.status == 0, "\(log.all)")
        let lines = log.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("  Test Author  講座の形態"))
        #expect(lines[0].contains(try fixture.git(["log", "-1", "--date=short", "--format=%ad"]).out.trimmingCharacters(in: .newlines)))
        let one = try fixture.run(["log", Self.id])
        let oneLines = one.out.split(separator: "\n")
        #expect(oneLines.count == 2)
        #expect(oneLines[0].hasSuffix("資源の形態"))
        #expect(oneLines[1].hasSuffix("seed"))
    }

    @Test func revertOneFieldLeavesTheOthers() throws {
        let fixture = try ReviewFixture()
        let committed = try fixture.sheet(Self.id)
        try fixture.modify(Self.id) {
            $0.overview = ["書き換えた概要"]
            $0.form = "共催"
        }
        // "no" keeps everything.
        let refused = try fixture.run(["revert", Self.id, "overview"], input: "no\n")
        #expect(refused.status == 0)
        #expect(try fixture.sheet(Self.id).overview == ["書き換えた概要"])
        // "yes" puts the field back and only it.
        let revert = try fixture.run(["revert", Self.id, "取り組みの概要"], input: "yes\n")
        #expect(revert.status == 0, "\(revert.all)")
        #expect(revert.out.contains("Put 取り組みの概要 of shigen-shudan-kaishu “資源集団回収” back"))
        let sheet = try fixture.sheet(Self.id)
        #expect(sheet.overview == committed.overview)
        #expect(sheet.form == "共催")
        #expect(try fixture.run(["status"]).out.contains(": 協働の形態\n"))
        // The whole case.
        let whole = try fixture.run(["revert", Self.id, "--yes"])
        #expect(whole.status == 0, "\(whole.all)")
        #expect(try fixture.porcelain().isEmpty)
    }

    @Test func revertRestoresADeletedCaseAndRemovesANewOne() throws {
        let fixture = try ReviewFixture()
        let original = try fixture.bytes("komyuniti-koza")
        try FileManager.default.removeItem(at: fixture.store.appendingPathComponent("komyuniti-koza.json"))
        var sheet = CaseSheet()
        sheet.title = "新規の事例"
        try fixture.write(sheet, as: "shinki")
        #expect(try fixture.run(["revert", "komyuniti-koza"], input: "yes\n").status == 0)
        #expect(try fixture.bytes("komyuniti-koza") == original)
        #expect(try fixture.run(["revert", "shinki"], input: "y\n").status == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.store.appendingPathComponent("shinki.json").path))
        #expect(try fixture.porcelain().isEmpty)
    }

    // MARK: outside git, init

    @Test func aStoreOutsideGitSaysSoInEveryGitCommand() throws {
        let fixture = try ReviewFixture(inGit: false)
        let before = try fixture.snapshot()
        for arguments in [["status"], ["diff"], ["diff", Self.id], ["commit"], ["commit", "-m", "x"], ["log"], ["log", Self.id],
                          ["revert", Self.id, "--yes"], ["revert", Self.id, "form", "--yes"]] {
            let result = try fixture.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains("is not in a git repository"), "\(arguments): \(result.err)")
            #expect(result.err.contains("casebook init \(fixture.store.path)"), "\(arguments)")
        }
        #expect(try fixture.snapshot() == before)
        let ja = try fixture.run(["status"], extra: ["LANG": "ja_JP.UTF-8"])
        #expect(ja.err.contains("git リポジトリの中にありません"))
    }

    @Test func initCreatesAStoreWithGitAndAttributes() throws {
        let fixture = try ReviewFixture(inGit: false)
        let fresh = fixture.root.appendingPathComponent("new/cases")
        let result = try fixture.run(["init", fresh.path])
        #expect(result.status == 0, "\(result.all)")
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent(".git").path))
        let attributes = try String(contentsOf: fresh.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributes == "*.json text eol=lf merge=casebook\n")
        // casebook's merge driver is registered in the new clone's config (git keeps it out of the repository).
        let config = try String(contentsOf: fresh.appendingPathComponent(".git/config"), encoding: .utf8)
        #expect(config.contains("[merge \"casebook\"]") && config.contains("merge-driver %O %A %B %L %P"), "\(config)")
        // The new store works with every git command.
        #expect(try fixture.run(["status"], store: fresh).out.contains("No changes"))
        #expect(try fixture.run(["commit"], store: fresh).status == 0)
        // An existing store outside git: init turns it into a repository, keeping its cases.
        let existing = try fixture.run(["init"])
        #expect(existing.status == 0, "\(existing.all)")
        #expect(try fixture.run(["status"]).out.contains("added    shigen-shudan-kaishu"))
        // Inside a repository already: nothing changes.
        let again = try fixture.run(["init"])
        #expect(again.out.contains("already in the git repository"))
        // A file in the way: said, not taken for a missing store.
        let file = fixture.root.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let onAFile = try fixture.run(["init", file.path])
        #expect(onAFile.status == 1 && onAFile.err.contains("Not a directory") && !onAFile.err.contains("No store at"), "\(onAFile.all)")
    }

    @Test func renameAndRevertKeepANewerCasebooksFileByteForByte() throws {
        let fixture = try ReviewFixture()
        // A file a newer casebook wrote (schema 2, a field this one does not know), committed.
        var text = String(decoding: try fixture.bytes(Self.id), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"schema\": 1,", with: "\"schema\": 2,\n  \"future\": \"kept\",")
        try Data(text.utf8).write(to: fixture.store.appendingPathComponent("\(Self.id).json"))
        try fixture.git(["commit", "-q", "-am", "schema 2"])
        let newer = try fixture.bytes(Self.id)
        let renamed = try fixture.run(["rename", Self.id, "renamed-case"])
        #expect(renamed.status == 0, "\(renamed.all)")
        #expect(try fixture.bytes("renamed-case") == newer, "the file as it was, under the new name")
        // Still read-only under the new name, in this process and the next.
        let set = try fixture.run(["set", "renamed-case", "title", "書き換え"])
        #expect(set.status == 1 && set.err.contains("newer casebook"), "\(set.all)")
        #expect(try fixture.bytes("renamed-case") == newer)
        // Put back from the last commit: the committed bytes, not this casebook's encoding of them.
        let reverted = try fixture.run(["revert", Self.id, "--yes"])
        #expect(reverted.status == 0, "\(reverted.all)")
        #expect(try fixture.bytes(Self.id) == newer)
    }

    // MARK: ids that look like options

    @Test func anIDThatLooksLikeAnOptionIsHarmless() throws {
        let fixture = try ReviewFixture()
        try fixture.modify(Self.id) { $0.form = "共催" }
        let before = try fixture.snapshot()
        let head = try fixture.git(["rev-parse", "HEAD"]).out
        for arguments in [["diff", "--", "-n"], ["log", "--", "-n"], ["revert", "--yes", "--", "-n"], ["revert", "--yes", "--", "-n", "form"],
                          ["review", "--", "-n"], ["approve", "--", "-n"], ["log", "--", "--all"], ["diff", "--", "--cached"]] {
            let result = try fixture.run(arguments, input: "ok\n")
            #expect(result.status == 1, "\(arguments): \(result.all)")
            #expect(result.err.contains("No case") || result.err.contains("no case") || result.err.contains("not found") || result.err.contains("Unknown"),
                    "\(arguments): \(result.err)")
        }
        #expect(try fixture.snapshot() == before)
        #expect(try fixture.git(["rev-parse", "HEAD"]).out == head)
        // As a word on the command line it is refused as an unknown option: a usage error.
        #expect(try fixture.run(["log", "-n"]).status == 2)

        // A case whose title is option-like is found by it, and its path stays its id.
        var sheet = CaseSheet()
        sheet.title = "-n --all 事業"
        try fixture.write(sheet, as: "option-like")
        try fixture.run(["commit", "-m", "add"])
        try fixture.modify("option-like") { $0.form = "共催" }
        let diff = try fixture.run(["diff", "--", "-n --all"])
        #expect(diff.status == 0, "\(diff.all)")
        #expect(diff.out.contains("changed option-like"))
        let log = try fixture.run(["log", "--", "-n --all"])
        #expect(log.out.split(separator: "\n").count == 1)
        #expect(try fixture.run(["revert", "--yes", "--", "-n --all", "form"]).status == 0)
        #expect(try fixture.sheet("option-like").form == "")
        // A message that looks like an option is just the message.
        try fixture.modify("option-like") { $0.form = "委託" }
        #expect(try fixture.run(["commit", "--message=-n"]).status == 0)
        #expect(try fixture.subjects().first == "-n")
    }
}

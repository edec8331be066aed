// sync's exchange with the remote: fast-forward, merge of different cases, push races, refusals,
// no upstream, offline, and git daemon as a real network remote.
import CasebookCore
import CasebookStore
import Foundation
@testable import CasebookTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SyncExchangeTests {
    @Test func twoClonesEditingDifferentCasesEndLevelAndSayWhatMovedByTitle() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "査読 花子")
        let taro = try fixture.clone("taro", user: "起案 太郎")
        try hanako.modify("shigen-shudan-kaishu") { $0.form = "共催" }
        try taro.modify("komyuniti-koza") { $0.points.append("参加者アンケートを毎回とる") }

        // Hanako's change goes out; the uncommitted change is committed first with the generated message.
        let first = try hanako.casebook(["sync"])
        #expect(first.status == 0, "\(first.all)")
        #expect(first.out.contains("Committed the uncommitted changes: 更新: 資源集団回収（協働の形態）"), "\(first.out)")
        #expect(first.out.contains("Went out (1):"), "\(first.out)")
        #expect(first.out.contains("changed  shigen-shudan-kaishu  資源集団回収"), "\(first.out)")

        // Taro's clone has diverged: a merge brings Hanako's in, and Taro's goes out.
        let second = try taro.casebook(["sync"])
        #expect(second.status == 0, "\(second.all)")
        #expect(second.out.contains("Came in (1):\n  changed  shigen-shudan-kaishu  資源集団回収"), "\(second.out)")
        #expect(second.out.contains("Went out (1):\n  changed  komyuniti-koza"), "\(second.out)")
        #expect(try taro.git(["log", "-1", "--format=%P"]).out.split(separator: " ").count == 2, "a merge commit, not a rebase")

        // Hanako is only behind: a fast-forward.
        let third = try hanako.casebook(["sync"])
        #expect(third.status == 0, "\(third.all)")
        #expect(third.out.contains("Came in (1):\n  changed  komyuniti-koza"), "\(third.out)")
        #expect(try hanako.isLevelWithRemote())
        #expect(try taro.isLevelWithRemote())
        #expect(try hanako.sheet("komyuniti-koza").points.last == "参加者アンケートを毎回とる")
        #expect(try taro.sheet().form == "共催")
        #expect(try hanako.porcelain() == "" && taro.porcelain() == "")
        // The commits carry each clone's own identity.
        #expect(try fixture.run("/usr/bin/env", ["git", "-C", fixture.remote.path, "log", "--format=%an", "main"]).out
            .contains("起案 太郎\n査読 花子"))

        // Level already: said so.
        let fourth = try hanako.casebook(["sync"])
        #expect(fourth.status == 0 && fourth.out.contains("Already in sync with origin/main."), "\(fourth.all)")
    }

    @Test func syncRegistersTheDriverAndStatusSaysWhenItIsNot() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        let before = try clone.casebook(["status"])
        #expect(before.err.contains("merge driver is not registered"), "\(before.all)")
        #expect(try clone.git(["config", "--get", "merge.casebook.driver"], allowFailure: true).status == 1)
        #expect(try clone.casebook(["sync"]).status == 0)
        let driver = try clone.git(["config", "--get", "merge.casebook.driver"]).out
        #expect(driver == "'\(BuiltProgram.casebook)' merge-driver %O %A %B %L %P\n")
        #expect(try clone.git(["config", "--get", "merge.casebook.name"]).out.contains("casebook"))
        #expect(!(try clone.casebook(["status"]).err.contains("not registered")))
        // Idempotent: a second registration changes nothing and says nothing.
        let config = try Data(contentsOf: clone.work.appendingPathComponent(".git/config"))
        #expect(!(try clone.casebook(["sync"]).out.contains("Registered")))
        #expect(try Data(contentsOf: clone.work.appendingPathComponent(".git/config")) == config)
    }

    @Test func aStoreWithoutTheAttributesLineGetsItAndTheSyncCommitsIt() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try "*.json text eol=lf\n".write(to: clone.store.appendingPathComponent(".gitattributes"), atomically: false, encoding: .utf8)
        try clone.commitAll("older attributes")
        let result = try clone.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(try String(contentsOf: clone.store.appendingPathComponent(".gitattributes"), encoding: .utf8)
            == "*.json text eol=lf merge=casebook\n")
        #expect(try clone.porcelain() == "")
        #expect(try clone.isLevelWithRemote())
    }

    @Test func noUpstreamSaysHowToAddOneAndChangesNothing() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try clone.git(["remote", "remove", "origin"])
        try clone.modify { $0.form = "共催" }
        let before = try clone.snapshot()
        let head = try clone.head()
        let result = try clone.casebook(["sync"])
        #expect(result.status == 1)
        #expect(result.err.contains("git remote add origin URL"), "\(result.err)")
        #expect(result.err.contains("git push -u origin main"), "\(result.err)")
        #expect(try clone.snapshot() == before && clone.head() == head)

        // A remote, but the branch does not track it.
        try clone.git(["remote", "add", "shared", fixture.remote.path])
        let again = try clone.casebook(["sync"])
        #expect(again.status == 1)
        #expect(again.err.contains("git push -u shared main"), "\(again.err)")
        let ja = try clone.casebook(["sync"], extra: ["LANG": "ja_JP.UTF-8"])
        #expect(ja.err.contains("上流（upstream）がありません"), "\(ja.err)")
    }

    @Test func refusesWhileAMergeIsUnderWay() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "花子")
        let taro = try fixture.clone("taro", user: "太郎")
        try "hanako's words\n".write(to: hanako.work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        try hanako.commitAll("readme")
        try hanako.git(["push", "--quiet"])
        try "taro's words\n".write(to: taro.work.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        try taro.commitAll("readme")
        try taro.git(["pull", "--quiet", "--no-rebase"], allowFailure: true)
        let before = try taro.snapshot()
        let result = try taro.casebook(["sync"])
        #expect(result.status == 1)
        #expect(result.err.contains("A merge is under way"), "\(result.err)")
        #expect(try taro.snapshot() == before)
    }

    @Test func aPushRaceIsRetriedUntilLevel() throws {
        let fixture = try SyncFixture()
        let hanako = try fixture.clone("hanako", user: "花子")
        let racer = try fixture.clone("racer", user: "競争 次郎")
        // Once, just before Hanako's push, another clone pushes a change of another case.
        let marker = fixture.root.appendingPathComponent("raced").path
        let hook = """
        #!/bin/sh
        [ -e '\(marker)' ] && exit 0
        touch '\(marker)'
        unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
        cd '\(racer.work.path)' || exit 1
        sed -i 's/"form": "[^"]*"/"form": "委託"/' Store/komyuniti-koza.json
        git commit --quiet -am 'race' && git push --quiet origin HEAD:main
        """
        let hookPath = hanako.work.appendingPathComponent(".git/hooks/pre-push").path
        try hook.write(toFile: hookPath, atomically: false, encoding: .utf8)
        chmod(hookPath, 0o755)
        try hanako.modify { $0.form = "共催" }
        let result = try hanako.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(FileManager.default.fileExists(atPath: marker), "the race happened")
        #expect(result.out.contains("pushed again (1 time)"), "\(result.out)")
        #expect(result.out.contains("changed  komyuniti-koza"), "\(result.out)")
        #expect(try hanako.isLevelWithRemote())
        #expect(try hanako.sheet("komyuniti-koza").form == "委託")
        #expect(try hanako.sheet().form == "共催")
    }

    @Test func overGitDaemonOfflineIsExit3AndARefusingHookIsShownInItsOwnWords() throws {
        let fixture = try SyncFixture()
        try fixture.startDaemon()
        defer { fixture.stopDaemon() }
        let hanako = try fixture.clone("hanako", user: "花子")
        #expect(try hanako.git(["remote", "get-url", "origin"]).out.hasPrefix("git://127.0.0.1:"))
        try hanako.modify { $0.form = "共催" }
        let first = try hanako.casebook(["sync"])
        #expect(first.status == 0, "\(first.all)")
        #expect(try hanako.isLevelWithRemote())

        // The remote refuses with a hook: its words, exit 1, the commit stays local.
        try fixture.installRemoteHook("pre-receive", "#!/bin/sh\necho 'main is protected: send a merge request to the section chief'\nexit 1\n")
        try hanako.modify { $0.form = "委託" }
        let refused = try hanako.casebook(["sync"])
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.err.contains("main is protected: send a merge request to the section chief"), "\(refused.err)")
        #expect(refused.err.contains("refused the push"), "\(refused.err)")
        #expect(try hanako.git(["log", "-1", "--format=%s"]).out.contains("協働の形態"))
        try FileManager.default.removeItem(at: fixture.remote.appendingPathComponent("hooks/pre-receive"))

        // The daemon stopped: exit 3, the change committed locally, every file as it was.
        fixture.stopDaemon()
        try hanako.modify { $0.form = "事業協力" }
        let committedBefore = try hanako.git(["rev-list", "--count", "HEAD"]).out
        let result = try hanako.casebook(["sync"], extra: ["CASEBOOK_NETWORK_TIMEOUT": "20"])
        #expect(result.status == 3, "\(result.all)")
        #expect(result.err.contains("Could not reach the remote origin"), "\(result.err)")
        #expect(result.err.contains("Your changes are committed in this clone. 2 commits are waiting to be sent. Nothing else changed."),
                "the refused one and this one: \(result.err)")
        #expect(try hanako.sheet().form == "事業協力")
        #expect(try hanako.porcelain() == "")
        #expect(Int(try hanako.git(["rev-list", "--count", "HEAD"]).out.trimmingCharacters(in: .newlines))!
            == Int(committedBefore.trimmingCharacters(in: .newlines))! + 1)
        // Offline with nothing new: still exit 3, and nothing at all changes.
        let snapshot = try hanako.snapshot()
        let head = try hanako.head()
        let again = try hanako.casebook(["sync"])
        #expect(again.status == 3, "\(again.all)")
        #expect(again.err.contains("Could not reach the remote origin. 2 commits are waiting to be sent. Nothing else changed."), "\(again.err)")
        #expect(try hanako.snapshot() == snapshot && hanako.head() == head)
    }

    @Test func aRemoteThatNeverAnswersIsStoppedByTheTimeLimit() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        // A "remote" whose upload-pack sleeps: the fetch must be stopped, not waited for.
        let slow = fixture.root.appendingPathComponent("slow-upload-pack").path
        try "#!/bin/sh\nsleep 600\n".write(toFile: slow, atomically: false, encoding: .utf8)
        chmod(slow, 0o755)
        try clone.git(["config", "remote.origin.uploadpack", slow])
        let result = try clone.casebook(["sync"], extra: ["CASEBOOK_NETWORK_TIMEOUT": "1"])
        #expect(result.status == 3, "\(result.all)")
        #expect(result.err.contains("timed out"), "\(result.err)")
    }
}

extension SyncExchangeTests {
    /// A remote address with no repository behind it is not "the network is down": exit 1, and
    /// the advice is to check the address; nothing changes.
    @Test func aRemoteAddressWithNoRepositoryIsSaidSo() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        try clone.git(["remote", "set-url", "origin", fixture.root.appendingPathComponent("nosuch.git").path])
        let snapshot = try clone.snapshot()
        let result = try clone.casebook(["sync"])
        #expect(result.status == 1, "\(result.all)")
        #expect(result.err.contains("There is no repository at the remote's address: check it with git remote -v."), "\(result.err)")
        #expect(!result.err.contains("network"), "\(result.err)")
        #expect(try clone.snapshot() == snapshot)
        let japanese = try clone.casebook(["sync"], extra: ["LANG": "ja_JP.UTF-8"])
        #expect(japanese.err.contains("リモートのアドレスにリポジトリがありません"), "\(japanese.err)")
    }

    @Test(arguments: [
        ("fatal: unable to write loose object file: No space left on device", GitFailureCause.localDisk),
        ("error: unable to create temporary file: Read-only file system", .localDisk),
        ("error: cannot update ref 'refs/remotes/origin/main': couldn't write '/c/.git/refs/remotes/origin/main.lock'", .localDisk),
        ("fatal: sha1 file '/c/.git/index.lock' write error. Out of diskspace", .localDisk),
        ("fatal: '/srv/nosuch.git' does not appear to be a git repository", .noRepository),
        ("fatal: remote error: access denied or repository not exported: /nosuch.git", .noRepository),
        ("remote: Repository not found.\nfatal: repository 'https://example.org/x.git/' not found", .noRepository),
        ("fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused", .unreachable),
        ("fatal: unable to access 'https://example.org/x.git/': Could not resolve host: example.org", .unreachable),
    ])
    func gitsWordsNameWhySyncStopped(words: String, cause: GitFailureCause) {
        #expect(GitFailureCause(gitWords: words) == cause)
    }

    @Test func aNewEmptyRemoteGetsTheBranchFromTheFirstSync() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        let empty = fixture.root.appendingPathComponent("empty.git")
        try fixture.run("/usr/bin/env", ["git", "init", "--quiet", "--bare", empty.path])
        try clone.git(["remote", "set-url", "origin", empty.path])
        let result = try clone.casebook(["sync"])
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("Went out (4):"), "\(result.out)")
        #expect(try fixture.run("/usr/bin/env", ["git", "-C", empty.path, "rev-parse", "main"]).out.trimmingCharacters(in: .newlines)
            == clone.head())
    }
}

// Readable ids and renames (issue 13, item 5): `casebook` through pipes.
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite("Readable ids and rename")
struct ReadableIDTests {
    static let hasKakasi = FileManager.default.isExecutableFile(atPath: "/usr/bin/kakasi")

    @Test("new without an id takes one romanised from the title, unique in the store; a duplicate title is warned about",
          .enabled(if: hasKakasi, "kakasi is installed by scripts/install-deps"))
    func newProposesReadableID() throws {
        let fixture = try CommandFixture()
        let made = try fixture.run([], input: "new\n子ども食堂ネットワーク支援事業\n.\nquit\n")
        #expect(made.status == 0, "\(made.all)")
        #expect(FileManager.default.fileExists(atPath: fixture.fileURL("kodomo-shokudo-nettowaku-shien-jigyo").path), "\(made.all)")
        let again = try fixture.run([], input: "new\n資源集団回収\n.\nquit\n")
        #expect(again.status == 0, "\(again.all)")
        #expect(again.err.contains("資源集団回収") && again.err.contains("shigen-shudan-kaishu"), "\(again.err)")
        #expect(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu-2").path))
        #expect(try fixture.sheet("shigen-shudan-kaishu-2")["title"] as? String == "資源集団回収")
        // With an id given, a duplicate title is warned about too.
        let named = try fixture.run([], input: "new shigen-copy\n資源集団回収\n.\nquit\n")
        #expect(named.status == 0)
        #expect(named.err.contains("資源集団回収") && named.err.contains("shigen-shudan-kaishu"), "\(named.err)")
    }

    @Test("rename CASE NEW-ID keeps the content under the new name, and git records one rename")
    func renameIsOneGitRename() throws {
        let fixture = try CommandFixture()
        let environment = fixture.environment(language: "C.UTF-8").merging([
            "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        ]) { _, new in new }
        func git(_ arguments: [String]) throws -> ProgramResult {
            try BuiltProgram.run("/usr/bin/env", ["git"] + arguments, environment: environment, in: fixture.root)
        }
        for arguments in [["init", "-q"], ["add", "--", "Store"], ["commit", "-q", "-m", "seed"]] {
            #expect(try git(arguments).status == 0)
        }
        let before = try fixture.bytes("shigen-shudan-kaishu")
        let inode = { (id: String) in try FileManager.default.attributesOfItem(atPath: fixture.fileURL(id).path)[.systemFileNumber] as? UInt64 }
        let fileBefore = try inode("shigen-shudan-kaishu")
        let renamed = try fixture.run(["rename", "shigen", "shigen-kaishu"])
        #expect(renamed.status == 0, "\(renamed.all)")
        #expect(try fixture.bytes("shigen-kaishu") == before)
        // The file itself took the new name, in one step (a kill cannot leave the case twice).
        #expect(try inode("shigen-kaishu") == fileBefore)
        #expect(!FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path))
        // status and diff show one rename, and the commit's message says so.
        func casebook(_ arguments: [String]) throws -> ProgramResult {
            try BuiltProgram.run(CommandFixture.executable, arguments + ["--store", fixture.store.path], environment: environment, in: fixture.root)
        }
        let status = try casebook(["status"])
        #expect(status.out == "renamed  shigen-shudan-kaishu → shigen-kaishu  “資源集団回収”\n", "\(status.all)")
        let diff = try casebook(["diff"])
        #expect(diff.out == "renamed shigen-shudan-kaishu → shigen-kaishu “資源集団回収” (content unchanged)\n", "\(diff.all)")
        let committed = try casebook(["commit"])
        #expect(committed.status == 0, "\(committed.all)")
        #expect(try git(["log", "-1", "--format=%s"]).out == "ID変更: 資源集団回収（shigen-shudan-kaishu → shigen-kaishu）\n")
        let log = try git(["log", "-1", "--name-status", "-M", "--format="])
        #expect(log.out.trimmingCharacters(in: .whitespacesAndNewlines) == "R100\tStore/shigen-shudan-kaishu.json\tStore/shigen-kaishu.json", "\(log.all)")
        // The case's history goes on under its new id: the rename and the commit before it.
        let history = try BuiltProgram.run(CommandFixture.executable, ["log", "shigen-kaishu", "--store", fixture.store.path],
                                           environment: environment, in: fixture.root)
        #expect(history.status == 0, "\(history.all)")
        #expect(history.out.contains("ID変更") && history.out.contains("seed"), "\(history.out)")
    }

    @Test("rename to a taken or bad id fails and changes nothing")
    func renameRefusals() throws {
        let fixture = try CommandFixture()
        let before = try fixture.snapshot()
        let taken = try fixture.run(["rename", "shigen", "komyuniti-koza"])
        #expect(taken.status == 1, "\(taken.all)")
        let bad = try fixture.run(["rename", "shigen", "Bad_ID"])
        #expect(bad.status == 1, "\(bad.all)")
        let unknown = try fixture.run(["rename", "no-such-case", "x"])
        #expect(unknown.status == 1)
        #expect(try fixture.snapshot() == before)
    }
}

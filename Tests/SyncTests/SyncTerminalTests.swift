// `sync` on a terminal: it asks for the commit message (the generated one on the line), offers to
// resolve conflicts at once, and then shares the result; in the shell, and at the shell's start.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct SyncTerminalTests {
    static func sync(_ fixture: SyncFixture, _ clone: SyncFixture.Clone) throws -> PseudoTerminalSession {
        var environment = fixture.environment
        environment["TERM"] = "xterm"
        return try PseudoTerminalSession(executable: BuiltProgram.casebook, arguments: ["sync", "--store", clone.store.path],
                                         environment: environment, workingDirectory: clone.work.path, rows: 40, columns: 120)
    }

    @Test func asksForTheMessageOffersResolveAndThenShares() throws {
        let (fixture, hanako, taro) = try SyncMergeTests.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託" })
        let terminal = try Self.sync(fixture, taro)
        try terminal.prompted("Commit message> ")
        try terminal.waitForScreen("Commit message> 更新: 資源集団回収（協働の形態）", timeout: 10)
        terminal.send("・太郎")
        terminal.send(.enter)
        try terminal.prompted("Resolve them now? (y/n)> ")
        #expect(terminal.visibleText.contains("資源集団回収 (協働の形態)"), "\(terminal.visibleText)")
        let mark = try terminal.type("y", thenWaitFor: "resolve 協働の形態> ")
        _ = mark
        terminal.send("t")
        terminal.send(.enter)
        #expect(try terminal.waitForExit(timeout: 30) == 0, "\(terminal.visibleText)")
        #expect(terminal.visibleText.contains("In sync with origin/main."), "\(terminal.visibleText)")
        #expect(try taro.isLevelWithRemote())
        #expect(try taro.sheet().form == "共催")
        #expect(try taro.git(["log", "--format=%s"]).out.contains("更新: 資源集団回収（協働の形態）・太郎\n"))
        #expect(try hanako.casebook(["sync"]).status == 0)
        #expect(try hanako.bytes() == taro.bytes())
    }

    @Test func anEmptyMessageStopsTheSyncAndChangesNothing() throws {
        let (fixture, _, taro) = try SyncMergeTests.diverged(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託" })
        let head = try taro.head()
        let files = try taro.snapshot()
        let terminal = try Self.sync(fixture, taro)
        try terminal.prompted("Commit message> ")
        terminal.send(.ctrlA, .ctrlK)
        terminal.send(.enter)
        #expect(try terminal.waitForExit(timeout: 30) == 1)
        #expect(terminal.visibleText.contains("the changes were not committed"), "\(terminal.visibleText)")
        #expect(try taro.head() == head)
        #expect(try taro.snapshot().filter { !$0.key.hasPrefix("Store/.gitattributes") } == files.filter { !$0.key.hasPrefix("Store/.gitattributes") })
    }

    @Test func theShellRegistersTheDriverAtItsStartAndSyncsToo() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone("hanako", user: "花子")
        #expect(try clone.git(["config", "--get", "merge.casebook.driver"], allowFailure: true).status == 1)
        let shell = try clone.casebook([], input: "status\nsync\nquit\n")
        #expect(shell.status == 0, "\(shell.all)")
        #expect(!shell.err.contains("not registered"), "registered before the first command: \(shell.err)")
        #expect(shell.out.contains("Already in sync with origin/main."), "\(shell.out)")
        #expect(try clone.git(["config", "--get", "merge.casebook.driver"]).out.contains("merge-driver %O %A %B %L %P"))
    }
}

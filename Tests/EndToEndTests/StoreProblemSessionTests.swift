// The shell on a terminal starts on a store holding a named pipe called *.json (issue 10).
import Foundation
@testable import CasebookTestSupport
import Testing

struct StoreProblemSessionTests {
    @Test(.timeLimit(.minutes(1)))
    func theShellStartsWithinTwoSecondsAndNamesTheFifo() throws {
        let fixture = try Fixture()
        #expect(mkfifo(fixture.store.appendingPathComponent("pipe.json").path, 0o644) == 0)
        let shell = try fixture.startShell()
        try shell.waitFor("casebook> ", timeout: 2)
        // The files that did not load are named with the banner's counts, once the store is looked at
        // (after the first prompt, issue 14): that look must not hang on the FIFO either.
        try shell.waitFor("pipe.json: not loaded: not a regular file (a named pipe (FIFO))", timeout: 2)
        try shell.ready("casebook> ")
        let mark = try shell.answer("list", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark - 2000).contains("資源集団回収"), "\(shell.report())")
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFileThatStopsLoadingWhileTheShellRunsIsNamedOnceAfterTheNextCommand() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        let file = fixture.store.appendingPathComponent("shigen-shudan-kaishu.json")
        let original = try Data(contentsOf: file)
        try Data("{\"title\": ".utf8).write(to: file)
        // An export of every case leaves it out, and the shell says which file and why.
        let folder = fixture.root.appendingPathComponent("published").path
        var mark = shell.mark
        try shell.answer("export html -o \(folder)", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark).contains("shigen-shudan-kaishu.json: not loaded"), "\(shell.report())")
        #expect(!FileManager.default.fileExists(atPath: folder + "/shigen-shudan-kaishu.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/komyuniti-koza.html"))
        // Named once, not after every command.
        mark = shell.mark
        try shell.answer("list", thenWaitFor: "casebook> ")
        #expect(!shell.visibleText(after: mark).contains("not loaded"), "\(shell.report())")
        // Mended, then broken again: named again.
        try original.write(to: file)
        try shell.answer("list", thenWaitFor: "casebook> ")
        try Data("<<<<<<< ours\n".utf8).write(to: file)
        mark = shell.mark
        try shell.answer("list", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark).contains("shigen-shudan-kaishu.json: not loaded"), "\(shell.report())")
        shell.send("quit")
        shell.send(.enter)
        _ = try shell.waitForExit()
    }
}

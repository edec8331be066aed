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
}

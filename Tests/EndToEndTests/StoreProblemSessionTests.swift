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
        #expect(shell.visibleText(after: 0).contains("pipe.json: not loaded: not a regular file (a named pipe (FIFO))"), "\(shell.report())")
        try shell.waitForEditing()
        let mark = try shell.answer("list", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: mark - 2000).contains("資源集団回収"), "\(shell.report())")
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }
}

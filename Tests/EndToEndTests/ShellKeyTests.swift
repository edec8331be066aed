// Completion, history, Ctrl-C, Ctrl-D and messages, typed at the real shell on a pseudo-terminal.
import Foundation
@testable import CasebookTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ShellKeyTests: XCTestCase {
    func testTabCompletesCommandCaseTitleAndFieldLabel() throws {
        let fixture = try Fixture()
        let before = try fixture.bytes("shigen-shudan-kaishu")
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        shell.send("ed")
        shell.send(.tab)
        try shell.waitForScreen("casebook> edit")
        shell.send("資源")
        shell.send(.tab)
        try shell.waitForScreen("casebook> edit 資源集団回収")
        shell.send("取り")
        shell.send(.tab)
        try shell.waitForScreen("casebook> edit 資源集団回収 取り組みの概要")
        XCTAssertEqual(shell.screen.cursorLine, "casebook> edit 資源集団回収 取り組みの概要")
        // A unique completion ends the word with a space: the cursor is past it.
        XCTAssertEqual(shell.screen.cursorColumn, "casebook> edit 資源集団回収 取り組みの概要 ".unicodeScalars.reduce(0) { $0 + PseudoTerminalSession.Screen.width($1) })
        // The completed line runs: the overview's paragraph is on the line; `.` stops without a change.
        try shell.answer("", thenWaitFor: "取り組みの概要> ")
        try shell.waitForScreen("取り組みの概要> 市民総ぐるみの")
        shell.send(.ctrlA, .ctrlK)
        try shell.answer(".", thenWaitFor: "casebook> ")

        // Several candidates: listed, and the common prefix completed.
        shell.send("show 帯広市")
        shell.send(.tab)
        try shell.waitForScreen("帯広市わかば会")
        try shell.waitForScreen("帯広市男女共同参画推進員との連携事業")
        shell.send(.ctrlA, .ctrlK)
        // A field key by its start.
        shell.send("show shigen-shudan-kaishu ov")
        shell.send(.tab)
        try shell.waitForScreen("casebook> show shigen-shudan-kaishu overview")
        let m = shell.mark
        shell.send(.enter)
        try shell.ready("casebook> ", after: m)
        XCTAssertTrue(shell.visibleText(after: m).contains("市民総ぐるみのごみ減量"), shell.report())
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
        XCTAssertEqual(try fixture.bytes("shigen-shudan-kaishu"), before, "stopping with `.` changes no byte")
    }

    func testTabSeesACaseAddedFromOutsideAtOnce() throws {
        // A Tab looks at the store's files again when the directory says something changed (not
        // on a clock): a case another program adds completes on the very next Tab.
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        shell.send("show 陸別")
        shell.send(.tab)
        shell.send(.ctrlA, .ctrlK)
        var sheet = try String(contentsOf: fixture.store.appendingPathComponent("shigen-shudan-kaishu.json"), encoding: .utf8)
        sheet = sheet.replacingOccurrences(of: "\"title\": \"資源集団回収\"", with: "\"title\": \"陸別町資源回収\"")
        try sheet.write(to: fixture.store.appendingPathComponent("rikubetsu.json"), atomically: true, encoding: .utf8)
        shell.send("show 陸別")
        shell.send(.tab)
        try shell.waitForScreen("casebook> show 陸別町資源回収")
        shell.send(.ctrlA, .ctrlK)
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testUpRecallsAJapaneseCommandFromAnEarlierRunAndEditsItInTheMiddle() throws {
        let fixture = try Fixture()
        do {
            let first = try fixture.startShell()
            try first.ready("casebook> ")
            let m = try first.answer("find 集団回収", thenWaitFor: "casebook> ")
            XCTAssertTrue(first.visibleText(after: m - 300).contains("資源[[集団回収]]"), first.report())
            first.send(.ctrlD)
            XCTAssertEqual(try first.waitForExit(), 0)
        }
        let history = fixture.state.appendingPathComponent("casebook/history").path
        XCTAssertTrue(try String(contentsOfFile: history, encoding: .utf8).contains("find 集団回収"))

        let second = try fixture.startShell()
        try second.ready("casebook> ")
        second.send(.up)
        try second.waitForScreen("casebook> find 集団回収")
        second.send(.left, .left, .left, .left)
        second.send("資源")
        try second.waitForScreen("casebook> find 資源集団回収")
        // The editor's cursor is right after 資源 (by whole characters): typing goes there.
        second.send("の")
        try second.waitForScreen("casebook> find 資源の集団回収")
        second.send(.backspace)
        try second.waitForScreen("casebook> find 資源集団回収")
        let m = second.mark
        second.send(.enter)
        try second.ready("casebook> ", after: m)
        XCTAssertTrue(second.visibleText(after: m).contains("[[資源集団回収]]"), second.report())
        second.send(.ctrlD)
        XCTAssertEqual(try second.waitForExit(), 0)
        let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("find 資源集団回収"), "\(lines)")
    }

    func testCtrlCAtThePromptAbandonsTheLineAndTheShellStays() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        shell.send("delete shigen-shudan-kaishu --yes")
        let m = shell.mark
        shell.send(.ctrlC)
        try shell.ready("casebook> ", after: m)
        try shell.answer("open 資源", thenWaitFor: "casebook:shigen-shudan-kaishu> ")
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path), "the abandoned line did not run")
        XCTAssertNil(shell.waitStatus)
        shell.send("quit")
        shell.send(.enter)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    /// SIGINT, which Ctrl-C sends while a command runs (the terminal is not in the editor's hands
    /// then), does not end the shell either.
    func testInterruptSignalAtThePromptDoesNotEndTheShell() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        shell.signal(SIGINT)
        try shell.waitForEditing()
        XCTAssertNil(shell.waitStatus)
        try shell.answer("open 資源", thenWaitFor: "casebook:shigen-shudan-kaishu> ")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    /// Ctrl-C while a command prints a long output stops the output, not the shell: the prompt
    /// comes back, the shell says why the output ended, and the next command prints whole.
    func testCtrlCStopsALongOutputAndTheShellGoesOn() throws {
        let fixture = try Fixture()
        // 27 × 41 cases: megabytes of passages, far more than the terminal holds unread, so that
        // casebook is still writing (blocked on the terminal) when Ctrl-C comes.
        try fixture.addCopies(40)
        let everyCase = try fixture.run(["find", "市"])
        let allFound = Set(everyCase.out.split(separator: "\n").map { $0.prefix { $0 != "\t" } })
        XCTAssertEqual(allFound.count, 27 * 41, everyCase.err)
        let shell = try fixture.startShell(rows: 40, columns: 100)
        try shell.ready("casebook> ")
        shell.send("find 市 --no-pager")
        let start = shell.mark
        shell.send(.enter)
        try shell.wait(for: "the first of the output") { shell.mark - start > 8192 }
        shell.send(.ctrlC)
        let stopped = try shell.waitFor("(output stopped by Ctrl-C)", after: start, timeout: 30)
        try shell.ready("casebook> ", after: stopped)
        XCTAssertNil(shell.waitStatus)
        let printed = shell.visibleText(after: start)
        let shown = allFound.filter { printed.contains($0 + "  ") }
        XCTAssertGreaterThan(shown.count, 0, printed)
        XCTAssertLessThan(shown.count, allFound.count / 2, "the output went on after Ctrl-C")
        // Neither a count of what was found (it is not known) nor "no match".
        XCTAssertFalse(printed.contains("matches in") || printed.contains("Nothing matches"), printed)
        // The next command's output is not stopped by the Ctrl-C before it.
        let next = shell.mark
        try shell.answer("find 資源 --no-pager", thenWaitFor: "casebook> ")
        let found = shell.visibleText(after: next)
        XCTAssertTrue(found.contains("c40-shigen-shudan-kaishu"), found)
        XCTAssertFalse(found.contains("Ctrl-C"), found)
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    /// Ctrl-C while `commit` runs git stops nothing: git runs in a process group of its own, so
    /// the commit is made, with the message naming what changed.
    func testCtrlCDuringACommitDoesNotCutGitShort() throws {
        let fixture = try Fixture(storeInside: "repo")
        try fixture.commitStore()
        XCTAssertEqual(try fixture.run(["set", "shigen-shudan-kaishu", "form", "共催"]).status, 0)
        // A hook that runs inside the commit: it says so, then takes a moment.
        let started = fixture.root.appendingPathComponent("hook-started").path
        let hook = fixture.root.appendingPathComponent("repo/.git/hooks/pre-commit").path
        try "#!/bin/sh\ntouch '\(started)'\nsleep 1\n".write(toFile: hook, atomically: false, encoding: .utf8)
        chmod(hook, 0o755)
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        let start = shell.mark
        shell.send("commit")
        shell.send(.enter)
        try shell.wait(for: "the commit's hook") { FileManager.default.fileExists(atPath: started) }
        shell.send(.ctrlC)
        try shell.ready("casebook> ", after: start)
        let said = shell.visibleText(after: start)
        XCTAssertTrue(said.contains("Committed") && !said.contains("git refused"), said)
        let subject = try BuiltProgram.run("/usr/bin/env", ["git", "log", "-1", "--format=%s"], environment: fixture.environment(),
                                           in: fixture.root.appendingPathComponent("repo")).out
        XCTAssertTrue(subject.hasPrefix("更新: 資源集団回収（協働の形態）"), subject)
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    /// Tab offers a status by its Japanese name too, as list takes it.
    func testTabCompletesAStatusByItsJapaneseName() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell(language: "ja_JP.UTF-8")
        try shell.ready("casebook> ")
        shell.send("list --status レ")
        shell.send(.tab)
        try shell.waitForScreen("casebook> list --status レビュー中")
        shell.send(.ctrlA, .ctrlK, .ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testCtrlDOnAnEmptyLineExitsAndReportsUncommittedCases() throws {
        let fixture = try Fixture(storeInside: "repo")
        try fixture.commitStore()
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        // The banner wraps at the terminal's width (issue 13): read it as one text.
        XCTAssertTrue(shell.visibleText.replacingOccurrences(of: "\n", with: "").contains("27 cases, 0 with uncommitted changes"), shell.report())
        try shell.answer("set shigen-shudan-kaishu form 共催", thenWaitFor: "casebook> ")
        try shell.answer("set danjo started R2", thenWaitFor: "casebook> ")
        let m = shell.mark
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
        let said = shell.visibleText(after: m)
        XCTAssertTrue(said.contains("2 cases have uncommitted changes"), said)
        XCTAssertTrue(said.contains("Bye."), said)
    }

    func testHistoryFileIsPrivateUnderUmask000() throws {
        let fixture = try Fixture()
        let old = umask(0)
        let shell: PseudoTerminalSession
        do { defer { umask(old) }; shell = try fixture.startShell() }
        try shell.ready("casebook> ")
        try shell.answer("list --status draft", thenWaitFor: "casebook> ")
        shell.send("quit")
        shell.send(.enter)
        XCTAssertEqual(try shell.waitForExit(), 0)
        let directory = fixture.state.appendingPathComponent("casebook")
        let file = directory.appendingPathComponent("history")
        var info = stat()
        XCTAssertEqual(lstat(file.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o600)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFREG)
        XCTAssertEqual(lstat(directory.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o700)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init), ["list --status draft", "quit"])
    }

    /// A history file that cannot be written (here no file may grow, as on a full disk) is said
    /// once, by its own name, not after every command by the name of a temporary file.
    func testAHistoryThatCannotBeSavedIsSaidOnceByItsName() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShellWhereNoFileCanGrow()
        try shell.ready("casebook> ")
        try shell.answer("show 資源 title", thenWaitFor: "casebook> ")
        try shell.answer("show 資源 form", thenWaitFor: "casebook> ")
        try shell.answer("show 資源 domain", thenWaitFor: "casebook> ")
        shell.send(.ctrlD)
        _ = try shell.waitForExit()
        let said = shell.visibleText(after: 0)
        let history = fixture.state.appendingPathComponent("casebook/history").path
        XCTAssertEqual(said.components(separatedBy: "Cannot read or write the history file").count - 1, 1, said)
        XCTAssertTrue(said.contains("history file \(history):"), said)
        XCTAssertFalse(said.contains(".tmp-"), said)
    }

    /// `new` when the case cannot be created (no file may grow, as on a full disk): what was typed
    /// is kept in memory under its id, the shell says so, and quit asks before dropping it.
    func testANewCaseThatCannotBeCreatedIsKept() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShellWhereNoFileCanGrow()
        try shell.ready("casebook> ")
        try shell.answer("new manpai-shinki", thenWaitFor: "事業名> ")
        try shell.answer("満杯のときの新規事例", thenWaitFor: "casebook> ")
        XCTAssertTrue(shell.visibleText(after: 0).contains("kept in memory as manpai-shinki: save manpai-shinki creates it"), shell.report())
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.fileURL("manpai-shinki").path))
        shell.send("quit")
        shell.send(.enter)
        try shell.waitFor("Unsaved edits are kept in memory: manpai-shinki")
        shell.send("yes")
        shell.send(.enter)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testUnknownCommandIsAnsweredWithUsageInEnglishAndJapanese() throws {
        let fixture = try Fixture()
        for (language, expected) in [("C.UTF-8", "Unknown command “frobnicate”. Commands: list, find, new"),
                                     ("ja_JP.UTF-8", "「frobnicate」というコマンドはありません。コマンド: list, find, new")] {
            let shell = try fixture.startShell(language: language)
            try shell.ready("casebook> ")
            let m = try shell.answer("frobnicate 資源", thenWaitFor: "casebook> ")
            _ = m
            XCTAssertTrue(shell.visibleText(after: 0).contains(expected), shell.report())
            // The shell goes on.
            try shell.answer("show 資源 title", thenWaitFor: "casebook> ")
            shell.send(.ctrlD)
            XCTAssertEqual(try shell.waitForExit(), 0)
        }
        let japanese = try fixture.startShell(language: "ja_JP.UTF-8")
        try japanese.ready("casebook> ")
        try japanese.answer("new ja-test", thenWaitFor: "事業名> ")
        try japanese.answer("日本語テスト", thenWaitFor: "担当課> ")
        try japanese.answer(".", thenWaitFor: "casebook:ja-test> ")
        XCTAssertTrue(japanese.visibleText(after: 0).contains("ja-test を下書きとして作成しました。"), japanese.report())
        XCTAssertTrue(japanese.visibleText(after: 0).contains("中断しました。"), japanese.report())
        japanese.send(.ctrlD)
        XCTAssertEqual(try japanese.waitForExit(), 0)
    }
}

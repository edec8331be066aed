// `resolve` driven in a pseudo-terminal as a person would: keep mine, take theirs, both, edit
// (pre-filled), `<` back and `.` stop; then the next `sync` shares the result.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension PseudoTerminalSession {
    /// Waits for `prompt` after `after`, then until the line editor has the terminal (ICANON off);
    /// returns the mark past the prompt.
    @discardableResult
    func prompted(_ prompt: String, after: Int = 0) throws -> Int {
        let end = try waitFor(prompt, after: after, timeout: 20)
        try wait(timeout: 10, for: "the line editor to take the terminal") {
            var settings = termios()
            return tcgetattr(masterFD, &settings) == 0 && (settings.c_lflag & tcflag_t(ICANON)) == 0
        }
        return end
    }

    /// Types `text` and Enter, then waits for `prompt`; returns the mark past it.
    @discardableResult
    func type(_ text: String, thenWaitFor prompt: String) throws -> Int {
        let start = mark
        send(text)
        send(.enter)
        return try prompted(prompt, after: start)
    }
}

@Suite struct ResolveTerminalTests {
    /// `casebook resolve` in Taro's clone, on a terminal.
    static func resolve(_ fixture: SyncFixture, _ clone: SyncFixture.Clone, language: String = "C.UTF-8") throws -> PseudoTerminalSession {
        var environment = fixture.environment
        environment["LANG"] = language
        environment["TERM"] = "xterm"
        return try PseudoTerminalSession(executable: BuiltProgram.casebook, arguments: ["resolve", "--store", clone.store.path],
                                         environment: environment, workingDirectory: clone.work.path, rows: 40, columns: 120)
    }

    /// Taro's sync stops with the conflict.
    static func conflicted(_ id: String = SyncFixture.caseID, hanakoEdit: (inout CaseSheet) -> Void,
                           taroEdit: (inout CaseSheet) -> Void) throws -> (SyncFixture, SyncFixture.Clone, SyncFixture.Clone) {
        let (fixture, hanako, taro) = try SyncMergeTests.diverged(id, hanakoEdit: hanakoEdit, taroEdit: taroEdit)
        let sync = try taro.casebook(["sync"])
        guard sync.status == 1 else { throw SyncFixture.Failure.command("expected a conflict: \(sync.all)") }
        return (fixture, hanako, taro)
    }

    /// After resolve: the merge committed, the file canonical; the next sync shares it with Hanako.
    static func share(_ hanako: SyncFixture.Clone, _ taro: SyncFixture.Clone) throws {
        #expect(try taro.git(["log", "-1", "--format=%P"]).out.split(separator: " ").count == 2, "the merge is committed")
        #expect(try taro.porcelain() == "")
        #expect(try taro.isCanonical())
        let sync = try taro.casebook(["sync"])
        #expect(sync.status == 0, "\(sync.all)")
        #expect(try taro.isLevelWithRemote())
        #expect(try hanako.casebook(["sync"]).status == 0)
        #expect(try hanako.bytes() == taro.bytes())
    }

    @Test func keepMineInJapaneseAfterStoppingOnce() throws {
        let (fixture, hanako, taro) = try Self.conflicted(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託" })
        let date = try taro.git(["log", "-1", "--format=%ad", "--date=short", "origin/main"]).out.trimmingCharacters(in: .newlines)

        // `.` stops: nothing written, the conflict still there.
        let first = try Self.resolve(fixture, taro, language: "ja_JP.UTF-8")
        try first.prompted("解消 協働の形態> ")
        let screen = first.screen.text
        #expect(screen.contains("あなたの変更:"), "\(screen)")
        #expect(screen.contains("委託"), "\(screen)")
        #expect(screen.contains("共有の変更（査読 花子、\(date)）:"), "\(screen)")
        #expect(screen.contains("- [-委託-]") && screen.contains("+ {+共催+}"), "the difference: \(screen)")
        first.send(".")
        first.send(.enter)
        // Stopped with the merge not finished: exit 1, as for any command left undone.
        #expect(try first.waitForExit(timeout: 20) == 1)
        #expect(first.visibleText.contains("残りの競合は 1 件"), "\(first.visibleText)")
        #expect(String(decoding: try taro.bytes(), as: UTF8.self).contains("<<<<<<<"))

        let second = try Self.resolve(fixture, taro, language: "ja_JP.UTF-8")
        try second.prompted("解消 協働の形態> ")
        second.send("m")
        second.send(.enter)
        #expect(try second.waitForExit(timeout: 20) == 0)
        #expect(second.visibleText.contains("マージをコミットしました"), "\(second.visibleText)")
        #expect(try taro.sheet().form == "委託")
        try Self.share(hanako, taro)
        #expect(try hanako.sheet().form == "委託")
    }

    @Test func takeTheirs() throws {
        let (fixture, hanako, taro) = try Self.conflicted(hanakoEdit: { $0.form = "共催" }, taroEdit: { $0.form = "委託"; $0.points.append("太郎の追加") })
        let shell = try Self.resolve(fixture, taro)
        try shell.prompted("resolve 協働の形態> ")
        #expect(shell.screen.text.contains("Your change:"))
        #expect(shell.screen.text.contains("The shared change (査読 花子, "))
        shell.send("t")
        shell.send(.enter)
        #expect(try shell.waitForExit(timeout: 20) == 0)
        #expect(shell.visibleText.contains("Settled 資源集団回収"), "\(shell.visibleText)")
        let sheet = try taro.sheet()
        #expect(sheet.form == "共催" && sheet.points.last == "太郎の追加")
        try Self.share(hanako, taro)
    }

    @Test func bothParagraphsOfATextField() throws {
        let (fixture, hanako, taro) = try Self.conflicted(hanakoEdit: { $0.results[0] = "花子の書き直し。" },
                                                          taroEdit: { $0.results[0] = "太郎の書き直し。" })
        let rest = try hanako.sheet().results.dropFirst()
        let shell = try Self.resolve(fixture, taro)
        try shell.prompted("resolve 協働の成果> ")
        #expect(shell.screen.text.contains("b both"), "\(shell.screen.text)")
        shell.send("b")
        shell.send(.enter)
        #expect(try shell.waitForExit(timeout: 20) == 0)
        #expect(try taro.sheet().results == ["太郎の書き直し。", "花子の書き直し。"] + rest)
        try Self.share(hanako, taro)
    }

    @Test func editPrefilledWithMineAfterGoingBack() throws {
        let (fixture, hanako, taro) = try Self.conflicted(
            hanakoEdit: { $0.title = "資源集団回収（花子）"; $0.form = "共催" },
            taroEdit: { $0.title = "資源集団回収（太郎）"; $0.form = "委託" })
        let shell = try Self.resolve(fixture, taro)
        var mark = try shell.prompted("resolve 事業名> ")
        // Both is not offered for a line; a wrong answer is explained and asked again.
        mark = try shell.type("b", thenWaitFor: "resolve 事業名> ")
        #expect(shell.visibleText(after: mark - 200).contains("Both is for lists and text only"))
        mark = try shell.type("m", thenWaitFor: "resolve 協働の形態> ")
        // `<` goes back to the title; this time it is edited, starting from mine.
        mark = try shell.type("<", thenWaitFor: "resolve 事業名> ")
        mark = try shell.type("e", thenWaitFor: "事業名> ")
        shell.send("・改")
        shell.send(.enter)
        try shell.prompted("resolve 協働の形態> ", after: mark)
        shell.send("t")
        shell.send(.enter)
        #expect(try shell.waitForExit(timeout: 20) == 0)
        let sheet = try taro.sheet()
        #expect(sheet.title == "資源集団回収（太郎）・改", "\(sheet.title)")
        #expect(sheet.form == "共催")
        try Self.share(hanako, taro)
        #expect(try hanako.sheet().title == "資源集団回収（太郎）・改")
    }
}

extension PseudoTerminalSession {
    /// The visible text printed after `mark`.
    func visibleText(after mark: Int) -> String {
        PseudoTerminalSession.stripEscapes(String(decoding: output[max(0, mark)...], as: UTF8.self))
    }
}

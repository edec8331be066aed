// The shell as a Japanese user meets it (issue 13): whole characters and pastes typed at the real
// `casebook` on an 80-column pseudo-terminal under LANG=ja_JP.UTF-8, then the files it left.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite("The shell under a Japanese locale at 80 columns", .serialized)
struct JapaneseShellTests {
    static let language = "ja_JP.UTF-8"

    /// A fixture with one more case, `harite`, titled テスト事業, with nothing else filled in.
    func fixtureWithEmptyCase() throws -> Fixture {
        let fixture = try Fixture()
        let made = try fixture.run([], input: "new harite\nテスト事業\n.\nquit\n", language: Self.language)
        #expect(made.status == 0, "\(made.all)")
        return fixture
    }

    func shell(_ fixture: Fixture) throws -> PseudoTerminalSession {
        let shell = try fixture.startShell(rows: 40, columns: 80, language: Self.language)
        try shell.ready("casebook> ")
        return shell
    }

    /// The case file of `id`, parsed.
    func sheet(_ fixture: Fixture, _ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try fixture.bytes(id))) as? [String: Any] ?? [:]
    }

    func quit(_ shell: PseudoTerminalSession) throws {
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }

    @Test("Backspace after か + U+3099 removes both, and the saved title is what the screen showed")
    func backspaceOverCombiningMark() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite title", thenWaitFor: "事業名> ")
        try shell.waitForScreen("事業名> テスト事業")
        shell.send("か\u{3099}")
        try shell.waitForScreen("事業名> テスト事業か\u{3099}")
        shell.send(.backspace)
        try shell.wait(for: "が erased whole") {
            shell.screen.cursorLine == "事業名> テスト事業" && shell.screen.cursorColumn == 8 + 10
        }
        let shown = String(shell.screen.cursorLine.dropFirst("事業名> ".count))
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["title"] as? String == shown)
        #expect(shown == "テスト事業")
        try quit(shell)
    }

    @Test("Left over 葛 + U+E0100 moves two columns; the name is saved with its variation selector")
    func leftOverVariationSequence() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite title", thenWaitFor: "事業名> ")
        try shell.waitForScreen("事業名> テスト事業")
        shell.send(.ctrlA, .ctrlK)
        shell.send("葛\u{E0100}飾")
        try shell.waitForScreen("事業名> 葛\u{E0100}飾")
        #expect(shell.screen.cursorColumn == 8 + 4)
        shell.send(.left)
        try shell.wait(for: "before 飾") { shell.screen.cursorColumn == 8 + 2 }
        shell.send(.left)
        try shell.wait(for: "two columns more, before 葛") { shell.screen.cursorColumn == 8 }
        shell.send("新")
        try shell.waitForScreen("事業名> 新葛\u{E0100}飾")
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["title"] as? String == "新葛\u{E0100}飾")
        try quit(shell)
    }

    @Test("a bracketed paste of three paragraphs into 取り組みの概要 gives three paragraphs, and the walk goes on at the same field")
    func pasteThreeParagraphs() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite overview", thenWaitFor: "取り組みの概要> ")
        try shell.waitForEditing()
        // As copied from a PDF: the second paragraph broken in the middle of its sentence.
        let pasted = "市民と市が協力して、地域の課題を話し合います。\r\r年に二回、報告会を開き、\r成果を共有しています。\r\r\r会場は市役所です。\r"
        var m = shell.mark
        shell.send("\u{1B}[200~" + pasted + "\u{1B}[201~")
        try shell.waitFor("行を結合しますか", after: m)
        try shell.ready("> ", after: m)
        m = try shell.answer("", thenWaitFor: "取り組みの概要> ")
        #expect(shell.visibleText(after: 0).contains("貼り付けた 3 段落を入れました"))
        // Nothing ran as a command, nothing spilled into the next field.
        #expect(!shell.visibleText(after: 0).contains("協働のきっかけ> "))
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["overview"] as? [String] == [
            "市民と市が協力して、地域の課題を話し合います。", "年に二回、報告会を開き、成果を共有しています。", "会場は市役所です。",
        ])
        try quit(shell)
    }

    @Test("a pasted item holding a control character is refused and not counted as taken")
    func pastedItemWithAControlCharacter() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite partners", thenWaitFor: "協働の相手> ")
        try shell.waitForEditing()
        let m = shell.mark
        shell.send("\u{1B}[200~町内会\r課\u{202E}長\r老人クラブ\r\u{1B}[201~")
        try shell.ready("> ", after: try shell.waitFor("行を結合しますか", after: m))
        shell.send("n")
        shell.send(.enter)
        try shell.waitFor("貼り付けた 2 項目を入れました", after: m)
        #expect(shell.visibleText(after: m).contains("U+202E"), "\(shell.visibleText(after: m))")
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["partners"] as? [String] == ["町内会", "老人クラブ"])
        try quit(shell)
    }

    @Test("pasted lines not joined stay separate items; a paste into a one-line field loses its line breaks")
    func pasteWithoutJoiningAndIntoOneLine() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite partners", thenWaitFor: "協働の相手> ")
        try shell.waitForEditing()
        var m = shell.mark
        shell.send("\u{1B}[200~町内会\r老人クラブ\r\u{1B}[201~")
        try shell.ready("> ", after: try shell.waitFor("行を結合しますか", after: m))
        try shell.answer("n", thenWaitFor: "協働の相手> ")
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["partners"] as? [String] == ["町内会", "老人クラブ"])

        try shell.answer("edit harite title", thenWaitFor: "事業名> ")
        try shell.waitForScreen("事業名> テスト事業")
        shell.send(.ctrlA, .ctrlK)
        m = shell.mark
        shell.send("\u{1B}[200~子ども食堂\rネットワーク支援事業\u{1B}[201~")
        try shell.waitFor("この項目は一行です", after: m)
        try shell.waitForScreen("事業名> 子ども食堂ネットワーク支援事業")
        try shell.waitForEditing()
        try shell.answer("", thenWaitFor: "casebook> ")
        #expect(try sheet(fixture, "harite")["title"] as? String == "子ども食堂ネットワーク支援事業")
        try quit(shell)
    }

    @Test("new without an id puts an id romanised from the title on the line, to accept or edit",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kakasi")))
    func newProposesID() throws {
        let fixture = try Fixture()
        let shell = try shell(fixture)
        try shell.answer("new", thenWaitFor: "事業名> ")
        try shell.answer("子ども食堂ネットワーク支援事業", thenWaitFor: "ID> ")
        try shell.waitForScreen("ID> kodomo-shokudo-nettowaku-shien-jigyo")
        try shell.waitForEditing()
        shell.send(.backspace, .backspace, .backspace, .backspace, .backspace)  // jigyo
        try shell.answer("kyogikai", thenWaitFor: "担当課> ")
        try shell.answer(".", thenWaitFor: "casebook:kodomo-shokudo-nettowaku-shien-kyogikai> ")
        #expect(try sheet(fixture, "kodomo-shokudo-nettowaku-shien-kyogikai")["title"] as? String == "子ども食堂ネットワーク支援事業")
        try quit(shell)
    }

    @Test("Ctrl-C at the proposed id ends the walk and makes no case",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kakasi")))
    func ctrlCAtTheProposedIDMakesNoCase() throws {
        let fixture = try Fixture()
        let before = try FileManager.default.contentsOfDirectory(atPath: fixture.store.path).sorted()
        let shell = try shell(fixture)
        try shell.answer("new", thenWaitFor: "事業名> ")
        let asked = try shell.answer("子ども食堂ネットワーク支援事業", thenWaitFor: "ID> ")
        try shell.waitForEditing()
        shell.send(.ctrlC)
        _ = try shell.ready("casebook> ", after: asked)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.store.path).sorted() == before)
        try quit(shell)
    }

    @Test("Tab completes actor names in the flows prompt, after the arrow too")
    func tabCompletesActors() throws {
        let fixture = try fixtureWithEmptyCase()
        let shell = try shell(fixture)
        try shell.answer("edit harite diagram", thenWaitFor: "協働の図（登場者）> ")
        try shell.answer("町内会連合会", thenWaitFor: "協働の図（登場者）> ")
        try shell.answer("市民活動推進課", thenWaitFor: "協働の図（登場者）> ")
        let m = try shell.answer("", thenWaitFor: "協働の図（流れ（から → へ：内容））> ")
        #expect(shell.visibleText(after: m - 400).contains("から → へ：内容　例"))
        shell.send("町")
        shell.send(.tab)
        try shell.waitForScreen("> 町内会連合会")
        shell.send(" → 市")
        shell.send(.tab)
        try shell.waitForScreen("> 町内会連合会 → 市民活動推進課")
        try shell.answer("：申請", thenWaitFor: "協働の図（流れ（から → へ：内容））> ")
        try shell.answer("", thenWaitFor: "協働の図（メモ）> ")
        try shell.answer("", thenWaitFor: "casebook> ")
        let diagram = try sheet(fixture, "harite")["diagram"] as? [String: Any]
        #expect((diagram?["flows"] as? [[String: String]])?.first == ["from": "町内会連合会", "to": "市民活動推進課", "label": "申請"])
        try quit(shell)
    }

    @Test("lines pasted at the command prompt are not run as commands")
    func pasteAtCommandPrompt() throws {
        let fixture = try fixtureWithEmptyCase()
        let before = try fixture.bytes("harite")
        let shell = try shell(fixture)
        let m = shell.mark
        shell.send("\u{1B}[200~delete harite\ry\r\u{1B}[201~")
        try shell.waitFor("コマンドとして実行しません", after: m)
        try shell.ready("casebook> ", after: m)
        try quit(shell)
        #expect(try fixture.bytes("harite") == before)
    }
}

@Suite("Output that fits the terminal", .serialized)
struct FittingOutputTests {
    /// Runs `casebook ARGS` on a pseudo-terminal of `columns` columns and returns what it printed.
    func onTerminal(_ fixture: Fixture, _ arguments: [String], columns: Int = 80) throws -> String {
        let session = try PseudoTerminalSession(executable: Fixture.executable, arguments: arguments + ["--store", fixture.store.path],
                                                environment: fixture.environment(language: JapaneseShellTests.language),
                                                workingDirectory: fixture.root.path, rows: 40, columns: columns)
        #expect(try session.waitForExit() == 0)
        return session.visibleText
    }

    @Test("list of the seed store at 80 columns has no line wider than 80, and every id shown still names its case")
    func listFitsEighty() throws {
        let fixture = try Fixture()
        let text = try onTerminal(fixture, ["list"])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 27 + 1, "\(text)")
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(DisplayWidth.of(line)): \(line)") }
        for line in lines.dropFirst().prefix(27) {
            let reference = String(line.prefix { $0 != " " })
            let shown = try fixture.run(["show", reference, "title"], language: JapaneseShellTests.language)
            #expect(shown.status == 0, "\(reference): \(shown.all)")
        }
        #expect(text.contains("…"))
    }

    @Test("diff on a terminal wraps long entries at 80 columns with the continuation indented under the text; the banner fits")
    func diffWrapsIndented() throws {
        let fixture = try Fixture(storeInside: "repo")
        try fixture.commitStore()
        let long = String(repeating: "市民と行政が協働して地域の課題を解決するための", count: 3) + "事業"
        #expect(try fixture.run(["set", "shigen", "title", long]).status == 0)
        let text = try onTerminal(fixture, ["diff", "shigen"])
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(line)") }
        let marked = try #require(lines.firstIndex { $0.hasPrefix("    ~ ") || $0.hasPrefix("    + ") })
        #expect(lines[marked + 1].hasPrefix("      ") && !lines[marked + 1].hasPrefix("       "), "\(text)")

        let shell = try fixture.startShell(rows: 40, columns: 80, language: JapaneseShellTests.language)
        try shell.ready("casebook> ")
        // Each row as printed, from its last carriage return: the banner comes after the first
        // prompt (issue 14), which is erased from the start of its row before it.
        for row in shell.text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            let line = PseudoTerminalSession.stripEscapes(String(row.split(separator: "\r", omittingEmptySubsequences: false).last ?? ""))
            #expect(DisplayWidth.of(line) <= 80, "\(line)")
        }
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }

    @Test("list at 40 columns goes without 事業実施, 形態 and 担当課, and still names each case and its status")
    func listFitsForty() throws {
        let fixture = try Fixture()
        let text = try onTerminal(fixture, ["list"], columns: 40)
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines { #expect(DisplayWidth.of(line) <= 40, "\(DisplayWidth.of(line)): \(line)") }
        #expect(lines.first?.hasPrefix("id") == true && lines.first?.contains("事業名") == true, "\(text)")
        #expect(!(lines.first ?? "").contains("事業実施"), "\(text)")
        for line in lines.dropFirst().prefix(27) { #expect(line.hasSuffix("draft") || line.hasSuffix("下書き"), "\(line)") }
    }

    @Test("find on a terminal: a case whose id and title are wider than the screen is wrapped")
    func findWrapsALongHeading() throws {
        let fixture = try Fixture()
        // obihiro-midori-to-hana-de-tsutsumu-kadan-konkuru  帯広を緑と花でつつむ花壇コンクール: 84 columns.
        let text = try onTerminal(fixture, ["find", "花壇コンクール"])
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(DisplayWidth.of(line)): \(line)") }
        #expect(text.contains("obihiro-midori-to-hana-de-tsutsumu-kadan-konkuru"), "\(text)")
    }

    @Test("find on a terminal: the case on a line, labels in an aligned column, passages wrapped under themselves")
    func findAlignedAndWrapped() throws {
        let fixture = try Fixture()
        let text = try onTerminal(fixture, ["find", "奨励金"])
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "\(line)") }
        #expect(lines.first == "shigen-shudan-kaishu  資源集団回収", "\(text)")
        let labelWidth = SheetField.allCases.map { DisplayWidth.of($0.label) }.max()!
        let passages = lines.dropFirst().dropLast()
        #expect(passages.contains { $0.hasPrefix("  取り組みの概要") })
        for line in passages where !line.hasPrefix("    ") {
            // Each passage starts in the same column, after its label padded by display width.
            let label = String(line.dropFirst(2).prefix { $0 != " " })
            #expect(line.hasPrefix("  " + DisplayWidth.padded(label, to: labelWidth) + "  "), "\(line)")
        }
        let continuation = try #require(passages.first { $0.hasPrefix("    ") })
        #expect(continuation.hasPrefix(String(repeating: " ", count: 2 + labelWidth + 2)), "\(text)")
        #expect(text.contains("[[奨励金]]"))
    }

    @Test("list --wide on a terminal and list in a pipe give whole ids and cells")
    func wideAndPipeAreWhole() throws {
        let fixture = try Fixture()
        let wide = try onTerminal(fixture, ["list", "--wide"])
        let piped = try fixture.run(["list"], language: JapaneseShellTests.language)
        for text in [wide, piped.out] {
            #expect(text.contains("kodomo-shokudo-nettowaku-shien-jigyo") || text.contains("danjo-kyodo-sankaku-suishinin-renkei-jigyo"))
            #expect(!text.contains("…"))
        }
    }
}

@Suite("undo in the shell", .serialized)
struct UndoTests {
    let shigen = "shigen-shudan-kaishu"

    @Test("undo after a set restores the file byte for byte, saying what it undid")
    func undoSet() throws {
        let fixture = try Fixture()
        let before = try fixture.bytes(shigen)
        let shell = try fixture.startShell(rows: 40, columns: 80, language: JapaneseShellTests.language)
        try shell.ready("casebook> ")
        try shell.answer("set shigen form 共催", thenWaitFor: "casebook> ")
        #expect(try fixture.bytes(shigen) != before)
        let m = try shell.answer("undo", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: m - 200).contains("元に戻しました: 資源集団回収（shigen-shudan-kaishu）の 協働の形態"))
        #expect(try fixture.bytes(shigen) == before)
        let n = try shell.answer("undo", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: n - 300).contains("元に戻す変更はありません"))
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }

    @Test("undo takes back a new case and a deletion, newest first, one command at a time")
    func undoNewAndDelete() throws {
        let fixture = try Fixture()
        let seed = try fixture.bytes(shigen)
        let lines = ["new undo-test", "取り消す事業", ".", "set shigen title 変更した名前", "set shigen form 共催",
                     "delete shigen", "y", "undo", "undo", "undo", "undo", "quit"]
        let result = try fixture.run([], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.all)")
        #expect(result.out.contains("Undid the deletion"), "\(result.out)")
        #expect(result.out.contains("Undone: 協働の形態"), "\(result.out)")
        #expect(result.out.contains("Undone: 事業名"), "\(result.out)")
        #expect(result.out.contains("Undid the new case"), "\(result.out)")
        #expect(try fixture.bytes(shigen) == seed)
        #expect(!(try fixture.ids()).contains("undo-test"))
    }

    @Test("undo refuses to overwrite a change made outside the shell, and changes nothing")
    func undoRefusesOverOtherChange() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell(rows: 40, columns: 80)
        try shell.ready("casebook> ")
        try shell.answer("set shigen form 共催", thenWaitFor: "casebook> ")
        // Someone else saves the case: casebook from the command line.
        let other = try fixture.run(["set", shigen, "form", "委託"])
        #expect(other.status == 0, "\(other.all)")
        let theirs = try fixture.bytes(shigen)
        let m = try shell.answer("undo", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: m - 300).contains("changed after this shell saved it"))
        #expect(try fixture.bytes(shigen) == theirs)
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }
}

@Suite("Long output through the pager", .serialized)
struct PagerTests {
    static let pager = "sed s/^/PAGED:/"

    func onTerminal(_ fixture: Fixture, _ arguments: [String], extra: [String: String] = ["PAGER": PagerTests.pager]) throws -> String {
        let session = try PseudoTerminalSession(executable: Fixture.executable, arguments: arguments + ["--store", fixture.store.path],
                                                environment: fixture.environment(language: JapaneseShellTests.language, extra: extra),
                                                workingDirectory: fixture.root.path, rows: 24, columns: 80)
        #expect(try session.waitForExit() == 0)
        return session.visibleText
    }

    @Test("show, list and find longer than the screen go through $PAGER on a terminal; short output does not")
    func longOutputIsPaged() throws {
        let fixture = try Fixture()
        for arguments in [["show", "shigen"], ["list"], ["find", "町内会"]] {
            let text = try onTerminal(fixture, arguments)
            #expect(text.contains("PAGED:"), "\(arguments): \(text)")
        }
        let short = try onTerminal(fixture, ["show", "shigen", "title"])
        #expect(!short.contains("PAGED:"), "\(short)")
        #expect(short.contains("資源集団回収"))
    }

    @Test("help longer than the screen goes through $PAGER on a terminal")
    func helpIsPaged() throws {
        let fixture = try Fixture()
        let session = try PseudoTerminalSession(executable: Fixture.executable, arguments: ["--help"],
                                                environment: fixture.environment(language: JapaneseShellTests.language, extra: ["PAGER": Self.pager]),
                                                workingDirectory: fixture.root.path, rows: 12, columns: 80)
        #expect(try session.waitForExit() == 0)
        #expect(session.visibleText.contains("PAGED:"), "\(session.visibleText)")
        let piped = try fixture.run(["--help"], extra: ["PAGER": Self.pager], storeOption: false)
        #expect(!piped.out.contains("PAGED:") && piped.out.contains("list"))
    }

    @Test("--no-pager and a pipe never page")
    func noPagerAndPipe() throws {
        let fixture = try Fixture()
        let unpaged = try onTerminal(fixture, ["show", "shigen", "--no-pager"])
        #expect(!unpaged.contains("PAGED:"))
        #expect(unpaged.contains("【取り組みの概要】"))
        let piped = try fixture.run(["show", "shigen"], extra: ["PAGER": Self.pager])
        #expect(piped.status == 0)
        #expect(!piped.out.contains("PAGED:"))
    }

    @Test("inside the shell, long output is paged too, and the shell goes on")
    func pagedInShell() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell(rows: 24, columns: 80, language: JapaneseShellTests.language, extra: ["PAGER": Self.pager])
        try shell.ready("casebook> ")
        let m = try shell.answer("list", thenWaitFor: "casebook> ")
        #expect(shell.visibleText(after: m - 2000).contains("PAGED:shigen"))
        shell.send("quit")
        shell.send(.enter)
        #expect(try shell.waitForExit() == 0)
    }
}

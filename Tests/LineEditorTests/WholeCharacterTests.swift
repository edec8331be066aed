@testable import CasebookTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Whole characters, pastes and resizes in TerminalLineReader: line-editor-probe typed at in a
/// pseudo-terminal at 80 columns under a Japanese locale.
@Suite("TerminalLineReader: whole characters, bracketed paste, resize", .serialized)
final class WholeCharacterTests {
    let home: String

    init() throws {
        home = try makeTemporaryDirectory()
    }

    deinit { removeTemporaryDirectory(home) }

    func start(columns: Int = 80) throws -> PseudoTerminalSession {
        try startJapaneseProbe(home: home, columns: columns, arguments: [])
    }

    func enter(_ session: PseudoTerminalSession) throws -> String {
        try enterAndReadProbeResult(session)
    }

    @Test("Backspace after か + U+3099 removes both, and what is returned is what the screen shows")
    func backspaceOverCombiningMark() throws {
        let session = try start()
        session.send("資源か\u{3099}")
        try session.waitForScreen("probe> 資源か\u{3099}")
        #expect(session.screen.cursorColumn == 7 + 6)
        session.send(.backspace)
        try session.wait(for: "が erased as one character") {
            session.screen.cursorLine == "probe> 資源" && session.screen.cursorColumn == 7 + 4
        }
        #expect(try enter(session) == hex("資源"))
    }

    @Test("Left over 葛 + U+E0100 moves two columns, and text typed there goes before it")
    func leftOverVariationSequence() throws {
        let session = try start()
        session.send("葛\u{E0100}x")
        try session.waitForScreen("probe> 葛\u{E0100}x")
        #expect(session.screen.cursorColumn == 7 + 3)
        session.send(.left)
        try session.wait(for: "the cursor before x") { session.screen.cursorColumn == 7 + 2 }
        session.send(.left)
        try session.wait(for: "the cursor two columns left, before 葛") { session.screen.cursorColumn == 7 }
        session.send("Y")
        try session.waitForScreen("probe> Y葛\u{E0100}x")
        #expect(try enter(session) == hex("Y葛\u{E0100}x"))
    }

    @Test("a ZWJ emoji sequence and a flag are one character of two columns each")
    func emojiSequences() throws {
        let session = try start()
        let family = "👨\u{200D}👩\u{200D}👧"
        session.send("a" + family + "🇯🇵" + "b")
        try session.waitForScreen("probe> a" + family + "🇯🇵b")
        #expect(session.screen.cursorColumn == 7 + 1 + 2 + 2 + 1)
        session.send(.left, .left, .left)
        try session.wait(for: "the cursor after a") { session.screen.cursorColumn == 7 + 1 }
        session.send(.ctrlE, .backspace, .backspace)
        try session.wait(for: "b and the flag erased") {
            session.screen.cursorLine == "probe> a" + family && session.screen.cursorColumn == 7 + 3
        }
        session.send(.backspace)
        try session.wait(for: "the family erased whole") { session.screen.cursorLine == "probe> a" }
        #expect(try enter(session) == hex("a"))
    }

    @Test("Delete and Ctrl-D take a whole cluster under the cursor; Ctrl-W a whole word")
    func deleteAndEraseWord() throws {
        let session = try start()
        session.send("か\u{3099}x")
        try session.waitForScreen("probe> か\u{3099}x")
        session.send(.home, .delete)
        try session.wait(for: "が deleted whole") { session.screen.cursorLine == "probe> x" }
        let mark = session.mark
        #expect(try enter(session) == hex("x"))

        try session.waitFor("probe> ", after: mark)
        session.send("資源 か\u{3099}き\u{3099}")
        try session.waitForScreen("probe> 資源 か\u{3099}き\u{3099}")
        session.send(.ctrlW)
        try session.wait(for: "the last word erased") { session.screen.cursorLine == "probe> 資源" }
        #expect(try enter(session) == hex("資源 "))
    }

    @Test("a combining mark pasted after a typed character joins it")
    func pastedMarkJoins() throws {
        let session = try start()
        session.send("か")
        try session.waitForScreen("probe> か")
        session.send("\u{1B}[200~\u{3099}\u{1B}[201~")
        try session.waitForScreen("probe> か\u{3099}")
        session.send(.backspace)
        try session.wait(for: "the line empty") { session.screen.cursorLine == "probe>" }
        #expect(try enter(session) == "")
    }

    @Test("the editor turns bracketed paste on while it reads, and off after")
    func bracketedPasteModes() throws {
        let session = try start()
        #expect(session.text.contains("\u{1B}[?2004h"))
        _ = try enter(session)
        #expect(session.text.contains("\u{1B}[?2004l"))
    }

    @Test("a pasted line with a Tab and a final line break stays on the line, taken literally")
    func pastedSingleLine() throws {
        let session = try start()
        session.send("\u{1B}[200~資源\t回収\r\u{1B}[201~")
        // libedit shows a Tab as spaces to the next tab stop.
        try session.waitForScreen("probe> 資源     回収")
        #expect(!session.text.contains("RESULT"))
        #expect(try enter(session) == hex("資源\t回収"))
    }

    @Test("pasted paragraphs arrive as one line with their line breaks")
    func pastedParagraphs() throws {
        let session = try start()
        session.send("前")
        try session.waitForScreen("probe> 前")
        let mark = session.mark
        session.send("\u{1B}[200~一段落目\r\r二段落\r目\r\n\u{1B}[201~")
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex("前一段落目\n\n二段落\n目"))
    }

    @Test("a line that wraps is drawn again at the new width when the window is resized")
    func resizeWhileWrapped() throws {
        let session = try start(columns: 80)
        let text = String(repeating: "資源集団回収", count: 8)  // 96 columns after a 7-column prompt
        session.send(text)
        try session.wait(for: "the line typed") { session.screen.cursorRow == 1 }
        session.resize(rows: 24, columns: 40)
        session.send("X")
        // At 40 columns: 7 + 32 columns on the first row, a double-width character does not fit in
        // the last column; then 20 characters (40 columns) a row.
        var expected = ["probe> " + String(text.prefix(16))]
        var rest = Substring(text.dropFirst(16))
        while !rest.isEmpty {
            expected.append(String(rest.prefix(20)))
            rest = rest.dropFirst(20)
        }
        expected[expected.count - 1] += "X"
        try session.wait(for: "the line drawn again at 40 columns") { session.screen.text == expected.joined(separator: "\n") }
        #expect(try enter(session) == hex(text + "X"))
    }
}

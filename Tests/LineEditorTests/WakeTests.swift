@testable import CasebookTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A wake-up from another thread while a line is edited (TerminalLineReader.wake, whenWoken): what
/// it prints shows above the line, and the line, the cursor and the keys typed meanwhile are kept.
/// line-editor-probe --wake-on-usr1 wakes its reader from a thread of its own on each SIGUSR1.
@Suite("TerminalLineReader: a wake-up prints above the line being edited", .serialized)
final class WakeTests {
    let home: String

    init() throws {
        home = try makeTemporaryDirectory()
    }

    deinit { removeTemporaryDirectory(home) }

    func start(columns: Int = 80) throws -> PseudoTerminalSession {
        try startJapaneseProbe(home: home, columns: columns, arguments: ["--wake-on-usr1"])
    }

    func enter(_ session: PseudoTerminalSession) throws -> String {
        try enterAndReadProbeResult(session)
    }

    @Test("the notice shows above the line, which is drawn again with the cursor where it was")
    func noticeAboveTheLine() throws {
        let session = try start()
        session.send("資源集団回収")
        session.send(.left, .left)
        try session.wait(for: "the cursor before 回収") { session.screen.cursorColumn == 7 + 8 }
        session.signal(SIGUSR1)
        // The line is drawn again, and then the cursor is put back: two writes, which a loaded
        // machine may deliver apart, so the wait is for both.
        try session.wait(for: "the notice above the line, the cursor where it was") {
            session.screen.text == "NOTICE:1\nprobe> 資源集団回収" && session.screen.cursorRow == 1 && session.screen.cursorColumn == 7 + 8
        }
        // Typing goes where the cursor was.
        session.send("の")
        try session.wait(for: "の inserted before 回収") { session.screen.text == "NOTICE:1\nprobe> 資源集団の回収" }
        #expect(try enter(session) == hex("資源集団の回収"))
    }

    @Test("a line that wraps is drawn again whole below the notice")
    func wrappedLine() throws {
        let session = try start(columns: 40)
        let text = String(repeating: "資源集団回収", count: 4)  // 7 + 48 columns: two rows
        session.send(text)
        try session.wait(for: "the line typed") { session.screen.cursorRow == 1 }
        session.signal(SIGUSR1)
        // 7 + 32 columns on the first row: a double-width character does not fit in the last one.
        let expected = ["NOTICE:1", "probe> " + String(text.prefix(16)), String(text.dropFirst(16))]
        try session.wait(for: "the notice, then the whole line") { session.screen.text == expected.joined(separator: "\n") }
        #expect(try enter(session) == hex(text))
    }

    @Test("keys typed just before and after the wake-up are neither lost nor shown twice")
    func keysAroundTheWake() throws {
        let session = try start()
        session.send("abc")
        session.signal(SIGUSR1)
        session.send("def")
        try session.wait(for: "the notice and the line") { session.screen.text == "NOTICE:1\nprobe> abcdef" }
        let beforeEnter = session.mark
        #expect(try enter(session) == hex("abcdef"))
        // The next line reads as usual; a second wake-up prints the second notice above it.
        try session.waitFor("probe> ", after: beforeEnter)
        session.send("x")
        try session.wait(for: "x typed") { session.screen.cursorLine == "probe> x" }
        session.signal(SIGUSR1)
        try session.wait(for: "the second notice, then the line") {
            let shown = session.screen.text.components(separatedBy: "\n")
            return shown.suffix(2) == ["NOTICE:2", "probe> x"] && session.screen.cursorRow == shown.count - 1
        }
        session.send(.ctrlD, .ctrlA, .ctrlK, .ctrlD)
        try session.waitForLine(startingWith: "RESULT:<eof>")
    }
}

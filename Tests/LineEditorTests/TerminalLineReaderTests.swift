@testable import CasebookTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests of TerminalLineReader: line-editor-probe typed at in a pseudo-terminal.
@Suite("TerminalLineReader in a pseudo-terminal", .serialized)
final class TerminalLineReaderTests {
    let home: String

    init() throws {
        home = try makeTemporaryDirectory()
    }

    deinit { removeTemporaryDirectory(home) }

    /// Starts the probe (or, with `shell`, /bin/sh -c running it) in a 24x80 terminal.
    func start(_ arguments: [String] = [], environment extra: [String: String] = [:],
               shell: String? = nil, columns: Int = 80) throws -> PseudoTerminalSession {
        var environment = [
            "HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        environment.merge(extra) { $1 }
        if let shell {
            return try PseudoTerminalSession(executable: "/bin/sh", arguments: ["-c", shell],
                                             environment: environment, workingDirectory: home, columns: columns)
        }
        return try PseudoTerminalSession(executable: try probePath(), arguments: arguments,
                                         environment: environment, workingDirectory: home, columns: columns)
    }

    @Test("typed Japanese comes back byte-exact")
    func typingJapanese() throws {
        let session = try start()
        try session.waitFor("probe> ")
        let text = "資源集団回収と市民等と連携・協力 ＮＰＯ"
        session.send(text)
        try session.waitForScreen("probe> " + text)
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == text)
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex(text))
    }

    @Test("Ctrl-A then typing inserts at the start")
    func ctrlAInsertsAtStart() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("回収")
        try session.waitForScreen("probe> 回収")
        session.send(.ctrlA)
        session.send("資源")
        try session.waitForScreen("probe> 資源回収")
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex("資源回収"))
    }

    @Test("Left moves over whole double-width characters; the cursor sits on them")
    func leftArrowMovesByCharacters() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("資源集団回収")
        try session.waitForScreen("probe> 資源集団回収")
        #expect(session.screen.cursorColumn == 7 + 12)
        session.send(.left, .left)
        try session.wait(for: "cursor two characters left") { session.screen.cursorColumn == 7 + 8 }
        session.send("X")
        try session.waitForScreen("probe> 資源集団X回収")
        #expect(session.screen.cursorColumn == 7 + 9)
        session.send(.left, .left, .left, .backspace)  // before 集: erases 源
        try session.waitForScreen("probe> 資集団X回収")
        #expect(session.screen.cursorColumn == 7 + 2)
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex("資集団X回収"))
    }

    @Test("Tab with one candidate replaces the word and adds a space")
    func tabUnique() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("show 資源集")
        try session.waitForScreen("probe> show 資源集")
        session.send(.tab)
        try session.waitForScreen("probe> show 資源集団回収")
        #expect(session.screen.cursorColumn == 7 + 5 + 12 + 1)
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex("show 資源集団回収 "))
    }

    @Test("Tab with several candidates completes their common prefix and lists them in aligned columns")
    func tabSeveral() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("資")
        try session.waitForScreen("probe> 資")
        session.send(.tab)
        // 資源集団回収 is 12 columns wide: the next column starts 2 columns after it.
        try session.waitForScreen("資源集団回収  資源回収")
        try session.wait(for: "the prompt redrawn with the common prefix") {
            session.screen.cursorLine == "probe> 資源"
        }
        session.send("回収")
        try session.waitForScreen("probe> 資源回収")
        var mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "資源回収")

        try session.waitFor("probe> ", after: mark)
        session.send("e")
        session.send(.tab)
        try session.waitForScreen("edit    exit    export")
        session.send("x")
        session.send(.tab)
        try session.waitForScreen("exit    export")
        try session.wait(for: "prompt with ex") { session.screen.cursorLine == "probe> ex" }
        session.send("i")
        session.send(.tab)
        try session.wait(for: "exit and a space") {
            session.screen.cursorLine == "probe> exit" && session.screen.cursorColumn == 12
        }
        mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "exit ")
    }

    @Test("Tab with no candidate beeps and changes nothing")
    func tabNone() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("zzz")
        try session.waitForScreen("probe> zzz")
        let before = session.mark
        session.send(.tab)
        try session.waitFor("\u{07}", after: before)
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "zzz")
    }

    @Test("Up recalls a Japanese line saved by a previous run, and it can be edited in the middle")
    func historyAcrossRuns() throws {
        let path = home + "/state/casebook/history"
        do {
            let first = try start(["--history", path])
            try first.waitFor("probe> ")
            first.send("資源集団回収の件\r")
            let mark = try first.waitFor("RESULT:資源集団回収の件")
            try first.waitFor("probe> ", after: mark)
            first.send(.ctrlD)
            #expect(try first.waitForExit() == 0)
        }
        #expect(try readFile(path) == "資源集団回収の件\n")

        let second = try start(["--history", path])
        try second.waitFor("probe> ")
        second.send(.up)
        try second.waitForScreen("probe> 資源集団回収の件")
        second.send(.left, .left)
        second.send("について")
        try second.waitForScreen("probe> 資源集団回収についての件")
        let mark = second.mark
        second.send(.enter)
        #expect(try second.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex("資源集団回収についての件"))
        try second.waitFor("probe> ", after: mark)
        second.send(.ctrlD)
        #expect(try second.waitForExit() == 0)
        #expect(try readFile(path) == "資源集団回収の件\n資源集団回収についての件\n")
    }

    @Test("Ctrl-R searches the history by Japanese text")
    func ctrlRSearch() throws {
        let path = home + "/history"
        try writeFile(path, "edit 12\n資源集団回収の件\nshow 3\n市民等と連携・協力\nlist\n")
        let session = try start(["--history", path])
        try session.waitFor("probe> ")
        session.send(.ctrlR)
        session.send("資源")
        try session.waitForScreen("資源集団回収の件")
        session.send(.backspace, .backspace)
        session.send("連携")
        try session.waitForScreen("市民等と連携・協力")
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "市民等と連携・協力")
    }

    @Test("each call walks the history it is given")
    func separateHistories() throws {
        let session = try start(["--field-history", "福祉課,環境課"])
        try session.waitFor("probe> ")
        session.send("cmd1\r")
        try session.waitFor("RESULT:cmd1")
        var mark = session.mark
        session.send("field\r")
        try session.waitFor("field> ", after: mark)
        session.send(.up)
        try session.waitForScreen("field> 環境課")
        session.send(.up)
        try session.waitForScreen("field> 福祉課")
        mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "FIELD:", after: mark) == "福祉課")
        try session.waitFor("probe> ", after: mark)
        session.send(.up)
        try session.waitForScreen("probe> field")
        session.send(.up)
        try session.wait(for: "the older command") { session.screen.cursorLine == "probe> cmd1" }
        mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "cmd1")
    }

    @Test("Ctrl-C abandons the line and the program keeps reading")
    func ctrlC() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("途中の入力")
        try session.waitForScreen("probe> 途中の入力")
        var mark = session.mark
        session.send(.ctrlC)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "<interrupted>")
        try session.waitFor("probe> ", after: mark)
        mark = session.mark
        session.send(.ctrlC)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "<interrupted>")
        try session.waitFor("probe> ", after: mark)
        mark = session.mark
        session.send("次\r")
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "次")
        #expect(session.waitStatus == nil)
        #expect(kill(session.pid, 0) == 0)
    }

    @Test("Ctrl-D deletes on a non-empty line and ends input on an empty one")
    func ctrlD() throws {
        let session = try start()
        try session.waitFor("probe> ")
        session.send("資源")
        session.send(.ctrlA, .ctrlD)
        try session.wait(for: "one character deleted") { session.screen.cursorLine == "probe> 源" }
        var mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "源")
        try session.waitFor("probe> ", after: mark)
        mark = session.mark
        session.send(.ctrlD)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "<eof>")
        #expect(try session.waitForExit() == 0)
    }

    @Test("a prefill with control characters is put on the line as text, not run as keys")
    func prefillWithEscape() throws {
        let prefill = "前\u{1B}[31m赤\u{01}\u{03}後"
        let session = try start(environment: ["PROBE_PREFILL": prefill])
        try session.waitFor("probe> ")
        try session.waitForScreen("probe> 前^[[31m赤^A^C後")
        session.send("!")
        try session.waitForScreen("probe> 前^[[31m赤^A^C後!")
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT-HEX:", after: mark) == hex(prefill + "!"))
    }

    @Test("the history file is created 0600 in a 0700 directory even under umask 000")
    func historyModes() throws {
        let path = home + "/fresh/state/casebook/history"
        let session = try start(shell: "umask 000; exec '\(try probePath())' --history '\(path)'")
        try session.waitFor("probe> ")
        session.send("記録\r")
        let mark = try session.waitFor("RESULT:記録")
        try session.waitFor("probe> ", after: mark)
        session.send(.ctrlD)
        #expect(try session.waitForExit() == 0)
        #expect(try mode(path) == 0o600)
        #expect(try mode(home + "/fresh/state/casebook") == 0o700)
        #expect(try mode(home + "/fresh/state") == 0o700)
        #expect(try readFile(path) == "記録\n")
    }

    @Test("a history path that is a symbolic link is refused, not followed")
    func historySymlinkRefused() throws {
        let target = home + "/target"
        try writeFile(target, "secret\n")
        let link = home + "/history"
        #expect(symlink(target, link) == 0)
        let session = try start(["--history", link])
        let loadError = try session.waitForLine(startingWith: "HISTORY-ERROR:")
        #expect(loadError.contains("symbolic link"))
        try session.waitFor("probe> ")
        session.send(.up)
        let mark = session.mark
        session.send("x\r")
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "x")
        #expect(try session.waitForLine(startingWith: "HISTORY-ERROR:", after: mark).contains("symbolic link"))
        try session.waitFor("probe> ", after: mark)
        session.send(.ctrlD)
        #expect(try session.waitForExit() == 0)
        #expect(try readFile(target) == "secret\n")
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
    }

    @Test("the terminal is restored when the program gets SIGTERM while editing")
    func restoredAfterSIGTERM() throws {
        let session = try start(shell: "trap ':' TERM; '\(try probePath())' --print-pid; echo STATUS=$?; stty -a")
        let pid = try #require(Int32(try session.waitForLine(startingWith: "PID:")))
        try session.waitFor("probe> ")
        session.send("編集中")
        try session.waitForScreen("probe> 編集中")
        let mark = session.mark
        kill(pid, SIGTERM)
        try session.waitFor("STATUS=143")
        let modes = try sttyModes(session)
        #expect(modes.contains("icanon") && modes.contains("echo") && modes.contains("isig"), "\(modes)")
        // The terminal marked pastes while the line was edited: it is asked to stop, or the shell
        // left behind would get every paste wrapped in ESC[200~.
        let after = String(decoding: session.output[mark...], as: UTF8.self)
        #expect(after.contains("\u{1B}[?2004l"), "\(after.debugDescription)")
    }

    @Test("the terminal is restored when the program crashes while editing")
    func restoredAfterCrash() throws {
        let session = try start(shell: "'\(try probePath())' --crash-on-completion; echo STATUS=$?; stty -a")
        try session.waitFor("probe> ")
        session.send("crash")
        try session.waitForScreen("probe> crash")
        session.send(.tab)
        let status = try session.waitForLine(startingWith: "STATUS=")
        #expect(["132", "133", "134"].contains(status), "killed by SIGILL, SIGTRAP or SIGABRT: \(status)")
        let modes = try sttyModes(session)
        #expect(modes.contains("icanon") && modes.contains("echo") && modes.contains("isig"), "\(modes)")
    }

    @Test("a window size change is followed")
    func resize() throws {
        let session = try start(columns: 80)
        try session.waitFor("probe> ")
        session.resize(rows: 24, columns: 20)
        session.send("資源集団回収資源集団回収")  // 7 + 24 columns: wraps at 20
        try session.wait(for: "the line wrapped at 20 columns") {
            session.screen.lines.contains { $0.hasPrefix("probe> 資源集団回収") }
                && session.screen.cursorRow > 0
        }
        let mark = session.mark
        session.send(.enter)
        #expect(try session.waitForLine(startingWith: "RESULT:", after: mark) == "資源集団回収資源集団回収")
    }
}

// MARK: - Helpers

/// The line-editor-probe built beside this test bundle (e.g. .build/debug/).
func probePath() throws -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    var candidates: [String] = []
    if count > 0 {
        let executable = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        candidates.append(directory(of: executable))
        // a bundle layout: .../debug/X.xctest/Contents/MacOS/X
        if let range = executable.firstRange(of: ".xctest/") {
            candidates.append(directory(of: String(executable[..<range.lowerBound])))
        }
    }
    candidates.append(directory(of: CommandLine.arguments[0]))
    for candidate in candidates {
        let path = candidate + "/line-editor-probe"
        if access(path, X_OK) == 0 { return path }
    }
    throw TestFailure("line-editor-probe not found beside the test bundle (looked in \(candidates))")
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// line-editor-probe in a pseudo-terminal under a Japanese locale, `columns` wide, with `arguments`,
/// once it shows its prompt.
func startJapaneseProbe(home: String, columns: Int = 80, arguments: [String] = []) throws -> PseudoTerminalSession {
    let environment = [
        "HOME": home, "TERM": "xterm-256color", "LANG": "ja_JP.UTF-8", "PATH": "/usr/bin:/bin",
        "SWIFT_BACKTRACE": "enable=no",
    ]
    let session = try PseudoTerminalSession(executable: try probePath(), arguments: arguments, environment: environment,
                                            workingDirectory: home, columns: columns)
    try session.waitFor("probe> ")
    return session
}

/// Enter, then the line the probe got, as hex of its UTF-8.
func enterAndReadProbeResult(_ session: PseudoTerminalSession) throws -> String {
    let mark = session.mark
    session.send(.enter)
    return try session.waitForLine(startingWith: "RESULT-HEX:", after: mark)
}

func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/line-editor-tests.XXXXXX".utf8CString)
    guard let result = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
    return String(cString: result)
}

/// Removes a directory `makeTemporaryDirectory` made, and all in it.
func removeTemporaryDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

func hex(_ text: String) -> String {
    text.utf8.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

func readFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw TestFailure("cannot open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

func writeFile(_ path: String, _ text: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw TestFailure("cannot create \(path)") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    guard write(fd, bytes, bytes.count) == bytes.count else { throw TestFailure("cannot write \(path)") }
}

func mode(_ path: String) throws -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw TestFailure("cannot stat \(path)") }
    return info.st_mode & 0o7777
}

/// The mode words (`icanon`, `-echo`, …) of the `stty -a` the session's shell ran last.
func sttyModes(_ session: PseudoTerminalSession) throws -> Set<String> {
    try session.waitFor("speed ")
    _ = try session.waitForExit()
    let text = session.visibleText
    guard let range = text.ranges(of: "speed ").last else { return [] }
    let words = text[range.lowerBound...].split { $0 == " " || $0 == "\n" || $0 == ";" }
    return Set(words.map(String.init))
}

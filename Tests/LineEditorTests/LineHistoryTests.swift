import Testing
@testable import LineEditor
import CasebookCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("LineHistory")
struct LineHistoryTests {
    @Test("no adjacent duplicates, no empty lines, at most capacity entries")
    func addRules() {
        let history = LineHistory(name: "t", capacity: 3)
        for line in ["a", "a", "", "b", "a", "c", "c", "d"] { history.add(line) }
        #expect(history.entries == ["a", "c", "d"])
        #expect(LineHistory().capacity == 1000)
        #expect(LineHistory(entries: ["x", "x", "y"]).entries == ["x", "y"])
    }

    @Test("save then load round-trips Japanese; CRLF and invalid UTF-8 are tolerated")
    func roundTrip() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory + "/a/b/history"
        let history = LineHistory()
        history.add("資源集団回収")
        history.add("edit 3 担当課")
        history.add("二行\nの値")
        try history.save(to: path)
        #expect(try readFile(path) == "資源集団回収\nedit 3 担当課\n二行 の値\n")
        #expect(try mode(path) == 0o600)
        #expect(try mode(directory + "/a/b") == 0o700)
        #expect(try mode(directory + "/a") == 0o700)

        let loaded = LineHistory(capacity: 2)
        try loaded.load(from: path)
        #expect(loaded.entries == ["edit 3 担当課", "二行 の値"])

        let fd = open(directory + "/raw", O_WRONLY | O_CREAT, 0o600)
        let bytes: [UInt8] = Array("一\r\n".utf8) + [0xFF, 0x41, 0x0A] + Array("一\n一\n".utf8)
        _ = write(fd, bytes, bytes.count)
        close(fd)
        let raw = LineHistory()
        try raw.load(from: directory + "/raw")
        #expect(raw.entries == ["一", "\u{FFFD}A", "一"])

        let missing = LineHistory(entries: ["old"])
        try missing.load(from: directory + "/none")
        #expect(missing.entries.isEmpty)
    }

    @Test("a symbolic link is refused for loading and saving, and its target is untouched")
    func symlinks() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        try writeFile(directory + "/target", "secret\n")
        #expect(symlink(directory + "/target", directory + "/history") == 0)
        let history = LineHistory(entries: ["x"])
        #expect(throws: LineHistoryError.symbolicLink(path: directory + "/history")) {
            try history.load(from: directory + "/history")
        }
        #expect(throws: LineHistoryError.symbolicLink(path: directory + "/history")) {
            try history.save(to: directory + "/history")
        }
        #expect(try readFile(directory + "/target") == "secret\n")
        #expect(history.entries == ["x"])
    }

    @Test("the default path follows XDG_STATE_HOME, else ~/.local/state")
    func defaultPath() {
        let savedState = getenv("XDG_STATE_HOME").map { String(cString: $0) }
        let savedHome = getenv("HOME").map { String(cString: $0) }
        defer {
            if let savedState { setenv("XDG_STATE_HOME", savedState, 1) } else { unsetenv("XDG_STATE_HOME") }
            if let savedHome { setenv("HOME", savedHome, 1) } else { unsetenv("HOME") }
        }
        setenv("HOME", "/home/u", 1)
        setenv("XDG_STATE_HOME", "/s", 1)
        #expect(LineHistory.defaultPath() == "/s/casebook/history")
        setenv("XDG_STATE_HOME", "relative", 1)
        #expect(LineHistory.defaultPath() == "/home/u/.local/state/casebook/history")
        unsetenv("XDG_STATE_HOME")
        #expect(LineHistory.defaultPath() == "/home/u/.local/state/casebook/history")
    }
}

@Suite("StreamLineReader")
struct StreamLineReaderTests {
    /// A reader over a file holding `bytes` (a file, not a pipe: a pipe would
    /// block on more than its buffer).
    func reader(_ bytes: [UInt8]) -> StreamLineReader {
        let directory = try? makeTemporaryDirectory()
        let path = directory.map { $0 + "/input" } ?? "/tmp/stream-input"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        // The open descriptor is all the reader needs.
        if let directory { removeTemporaryDirectory(directory) }
        _ = write(fd, bytes, bytes.count)
        _ = lseek(fd, 0, SEEK_SET)
        return StreamLineReader(fileDescriptor: fd)
    }

    @Test("lines, CRLF, invalid UTF-8, a last line without newline, then end of input")
    func lines() {
        let input = reader(Array("一行目\r\n\n".utf8) + [0x61, 0xC3, 0x0A] + Array("最後".utf8))
        #expect(input.readLine(prompt: "> ") == .line("一行目"))
        #expect(input.readLine(prompt: "> ") == .line(""))
        #expect(input.readLine(prompt: "> ") == .line("a\u{FFFD}"))
        #expect(input.readLine(prompt: "> ", prefill: "ignored", history: nil, completer: nil) == .line("最後"))
        #expect(input.readLine(prompt: "> ") == .endOfInput)
        #expect(input.readLine(prompt: "> ") == .endOfInput)
    }

    @Test("many lines across read chunks")
    func manyLines() {
        let text = (0..<20000).map { "行\($0)" }.joined(separator: "\n") + "\n"
        let input = reader(Array(text.utf8))
        var count = 0
        while case .line(let line) = input.readLine(prompt: "") {
            #expect(line == "行\(count)")
            count += 1
        }
        #expect(count == 20000)
    }
}

@Suite("completion list layout")
struct CompletionListLayoutTests {
    @Test("columns are aligned by display width, in order down the columns")
    func columns() {
        #expect(CompletionListLayout.lines(for: ["資源集団回収", "資源回収"], width: 80) == ["資源集団回収  資源回収"])
        #expect(CompletionListLayout.lines(for: ["a", "bb", "ccc", "dddd", "e"], width: 13) == ["a     dddd", "bb    e", "ccc"])
        #expect(CompletionListLayout.lines(for: ["x\u{1B}[2J", "y"], width: 80) == ["x^[[2J  y"])
    }

    @Test("a line or paragraph separator in a candidate is shown, never sent raw (the core's one filter)")
    func separatorsAreMadeVisible() {
        let lines = CompletionListLayout.lines(for: ["前\u{2028}後", "段落\u{2029}", "y"], width: 80)
        #expect(lines == ["前<U+2028>後  段落<U+2029>  y"])
    }

    @Test("the line editor measures clusters as the rest of casebook does")
    func widthsAreTheCores() {
        for text in ["a", "資", "ｱ", "が", "か\u{3099}", "葛\u{E0100}", "👨\u{200D}👩\u{200D}👧", "🇯🇵", "○", "・", "〜", "é"] {
            let character = Character(text)
            #expect(ClusterText.width(of: character) == min(2, max(1, DisplayWidth.of(character))), "\(text)")
        }
    }

    @Test("the common prefix is taken by Characters")
    func commonPrefix() {
        #expect(CompletionListLayout.longestCommonPrefix(["資源集団回収", "資源回収"]) == "資源")
        #expect(CompletionListLayout.longestCommonPrefix(["が", "か\u{3099}ん"]) == "が")
        #expect(CompletionListLayout.longestCommonPrefix(["e\u{301}a", "eb"]) == "")
        #expect(CompletionListLayout.longestCommonPrefix([]) == "")
    }
}

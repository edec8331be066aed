// PseudoTerminalSession: runs a program in a pseudo-terminal and types at it.
//
// Shared by the line-editor and end-to-end tests, which import it with `@testable import`.
//
//     let session = try PseudoTerminalSession(executable: path, arguments: ["--x"], environment: env)
//     try session.waitFor("prompt> ")
//     session.send("資源")
//     session.send(.tab)
//     let line = try session.waitForLine(startingWith: "RESULT:")
//     print(session.screen.text)   // what a person would see
import CPseudoTerminal
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A program running on its own pseudo-terminal, with everything it printed.
final class PseudoTerminalSession {
    /// An error from starting, waiting or reading; its description includes the
    /// screen as it was, to show what went wrong.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Keys, as the bytes a terminal (xterm, normal cursor mode) sends for them.
    enum Key: String {
        case enter = "\r", tab = "\t", escape = "\u{1B}", backspace = "\u{7F}"
        case up = "\u{1B}[A", down = "\u{1B}[B", right = "\u{1B}[C", left = "\u{1B}[D"
        case home = "\u{1B}[H", end = "\u{1B}[F", delete = "\u{1B}[3~"
        case ctrlA = "\u{01}", ctrlB = "\u{02}", ctrlC = "\u{03}", ctrlD = "\u{04}", ctrlE = "\u{05}"
        case ctrlF = "\u{06}", ctrlG = "\u{07}", ctrlK = "\u{0B}", ctrlL = "\u{0C}", ctrlN = "\u{0E}"
        case ctrlP = "\u{10}", ctrlR = "\u{12}", ctrlS = "\u{13}", ctrlU = "\u{15}", ctrlW = "\u{17}"
    }

    /// The child's process id.
    let pid: pid_t
    /// The master side of the pseudo-terminal.
    let masterFD: Int32
    /// The window size.
    private(set) var rows: Int
    private(set) var columns: Int
    /// Every byte the program wrote to the terminal so far, unaltered.
    private(set) var output: [UInt8] = []
    /// The raw wait status once the child has been reaped.
    private(set) var waitStatus: Int32?

    /// Starts `executable` (a path) with `arguments` (not including argv[0]) and exactly
    /// `environment` (nothing is inherited), in `workingDirectory`.
    init(executable: String, arguments: [String] = [], environment: [String: String],
         workingDirectory: String? = nil, rows: Int = 24, columns: Int = 80) throws {
        self.rows = rows
        self.columns = columns
        let argv = [executable] + arguments
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var master: Int32 = -1
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = envp.map { strdup($0) } + [nil]
        defer {
            cArgv.forEach { free($0) }
            cEnvp.forEach { free($0) }
        }
        let child = cArgv.withUnsafeBufferPointer { argvBuffer in
            cEnvp.withUnsafeBufferPointer { envpBuffer in
                cpt_spawn(executable, argvBuffer.baseAddress, envpBuffer.baseAddress, workingDirectory,
                          UInt16(rows), UInt16(columns), &master)
            }
        }
        guard child > 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(errno)))")
        }
        pid = child
        masterFD = master
    }

    deinit {
        if waitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        close(masterFD)
    }

    // MARK: Typing

    /// Sends text as typed (UTF-8).
    func send(_ text: String) { send(bytes: Array(text.utf8)) }

    /// Sends keys.
    func send(_ keys: Key...) { for key in keys { send(key.rawValue) } }

    /// Sends raw bytes.
    func send(bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(masterFD, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += n
        }
    }

    /// Changes the window size (the program gets SIGWINCH).
    func resize(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        _ = cpt_set_window_size(masterFD, UInt16(rows), UInt16(columns))
    }

    // MARK: Reading

    /// Reads what is available, waiting at most `timeout` seconds for the first
    /// bytes. Returns false at end of output (the program closed the terminal).
    @discardableResult
    func pump(timeout: Double) -> Bool {
        var descriptor = pollfd(fd: masterFD, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout * 1000)))
        guard ready > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { read(masterFD, $0.baseAddress, $0.count) }
        if n > 0 {
            output.append(contentsOf: buffer[0..<n])
            return true
        }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return true }
        return false  // EIO: no process has the terminal open any more
    }

    /// The output so far as text (invalid UTF-8 replaced), escape sequences included.
    var text: String { String(decoding: output, as: UTF8.self) }

    /// The output so far with escape sequences and control characters other than
    /// line breaks removed: the characters the program printed, in order.
    var visibleText: String { Self.stripEscapes(text) }

    /// What the terminal shows now, by replaying the output on an emulated screen.
    var screen: Screen {
        var screen = Screen(rows: rows, columns: columns)
        screen.feed(text)
        return screen
    }

    /// How many bytes have been read so far: a mark to search after.
    var mark: Int { output.count }

    /// Waits until `condition` holds, reading output meanwhile.
    func wait(timeout: Double = 10, for what: @autoclosure () -> String,
              until condition: () -> Bool) throws {
        let deadline = Self.now() + timeout
        while !condition() {
            let left = deadline - Self.now()
            if left <= 0 {
                throw Failure(description: "timed out after \(timeout)s waiting for \(what())\n" + report())
            }
            if !pump(timeout: min(left, 0.2)) {
                if condition() { return }
                throw Failure(description: "the program closed the terminal while waiting for \(what())\n" + report())
            }
        }
    }

    /// Waits until the raw output after `after` (a ``mark``) contains `text`;
    /// returns the mark just past it.
    @discardableResult
    func waitFor(_ text: String, after: Int = 0, timeout: Double = 10) throws -> Int {
        let needle = Array(text.utf8)
        var found: Int?
        try wait(timeout: timeout, for: "\(String(reflecting: text))") {
            found = Self.find(needle, in: output, from: after)
            return found != nil
        }
        return found! + needle.count
    }

    /// Waits until the emulated screen contains `text`.
    func waitForScreen(_ text: String, timeout: Double = 10) throws {
        try wait(timeout: timeout, for: "screen to show \(String(reflecting: text))") {
            screen.text.contains(text)
        }
    }

    /// Waits for a complete line (ended by CR LF or LF) after `after` that starts
    /// with `prefix`; returns the rest of it, exactly as printed (escape sequences kept).
    func waitForLine(startingWith prefix: String, after: Int = 0, timeout: Double = 10) throws -> String {
        var result: String?
        try wait(timeout: timeout, for: "a line starting with \(String(reflecting: prefix))") {
            result = Self.line(startingWith: Array(prefix.utf8), in: output, from: after)
            return result != nil
        }
        return result!
    }

    /// Waits for the program to exit; returns its exit code, or 128 + the signal
    /// that ended it. Output is read meanwhile.
    @discardableResult
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Self.now() + timeout
        while true {
            if let status = waitStatus { return Self.exitCode(status) }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                waitStatus = status
                while pump(timeout: 0.05) && Self.hasMoreToRead(masterFD) {}
                return Self.exitCode(status)
            }
            if Self.now() > deadline {
                throw Failure(description: "timed out after \(timeout)s waiting for the program to exit\n" + report())
            }
            pump(timeout: 0.05)
        }
    }

    /// Sends a signal to the program.
    func signal(_ signal: Int32) { kill(pid, signal) }

    /// The screen and the tail of the raw output, for failure messages.
    func report() -> String {
        let tail = output.suffix(600)
        return "--- screen ---\n\(screen.text)\n--- last output bytes (escaped) ---\n"
            + String(decoding: tail, as: UTF8.self).unicodeScalars.map {
                $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0)
            }.joined()
    }

    // MARK: Helpers

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func hasMoreToRead(_ fd: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0 && (descriptor.revents & Int16(POLLIN)) != 0
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty ? start : nil }
        var index = max(0, start)
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func line(startingWith prefix: [UInt8], in output: [UInt8], from start: Int) -> String? {
        var index = max(0, start)
        while let found = find(prefix, in: output, from: index) {
            // Control sequences between the line break and the text (a mode switched off as a
            // line ends, such as bracketed paste) are not part of the line.
            var start = found
            while let sequence = controlSequenceStart(endingAt: start, in: output) { start = sequence }
            let atLineStart = start == 0 || output[start - 1] == UInt8(ascii: "\n") || output[start - 1] == UInt8(ascii: "\r")
            if atLineStart {
                let contentStart = found + prefix.count
                guard let newline = output[contentStart...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                var end = newline
                if end > contentStart && output[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                return String(decoding: output[contentStart..<end], as: UTF8.self)
            }
            index = found + 1
        }
        return nil
    }

    /// Where a CSI control sequence that ends just before `end` starts, if one does.
    private static func controlSequenceStart(endingAt end: Int, in output: [UInt8]) -> Int? {
        guard end >= 3, (0x40...0x7E).contains(output[end - 1]) else { return nil }
        var index = end - 2
        while index >= 1 && (0x20...0x3F).contains(output[index]) && end - index < 16 { index -= 1 }
        guard index >= 1, output[index] == UInt8(ascii: "["), output[index - 1] == 0x1B else { return nil }
        return index - 1
    }

    /// `text` without escape sequences (CSI, OSC, two-character ones) and without
    /// control characters other than `\n`; `\r\n` becomes `\n`.
    static func stripEscapes(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x1B:
                guard let next = scalars.popFirst() else { break }
                if next == "[" {
                    while let c = scalars.popFirst(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" || next == "P" || next == "_" || next == "^" {
                    while let c = scalars.popFirst() {
                        if c.value == 0x07 { break }
                        if c.value == 0x1B { _ = scalars.popFirst(); break }
                    }
                } else if next == "(" || next == ")" || next == "*" || next == "+" || next == "#" {
                    _ = scalars.popFirst()
                }
            case 0x0A:
                out.append(scalar)
            case 0x00...0x1F, 0x7F:
                break
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Screen

    /// A small emulation of an xterm screen: enough of VT100/xterm (cursor motion,
    /// erasing, inserting and deleting characters, insert mode, auto-wrap,
    /// double-width characters) to see what a line editor drew.
    struct Screen {
        enum Cell: Equatable {
            case blank
            case character(String)
            /// The right half of a double-width character.
            case continuation
        }

        let rows: Int
        let columns: Int
        private(set) var cells: [[Cell]]
        /// The cursor, 0-based.
        private(set) var cursorRow = 0
        private(set) var cursorColumn = 0
        /// How many times the bell rang.
        private(set) var bells = 0
        private var pendingWrap = false
        private var insertMode = false
        private var saved = (row: 0, column: 0)

        init(rows: Int, columns: Int) {
            self.rows = max(1, rows)
            self.columns = max(2, columns)
            cells = Array(repeating: Array(repeating: .blank, count: max(2, columns)), count: max(1, rows))
        }

        /// Each row's text, trailing blanks removed (a double-width character counts once).
        var lines: [String] {
            cells.map { row in
                var line = ""
                for cell in row {
                    switch cell {
                    case .blank: line += " "
                    case .character(let c): line += c
                    case .continuation: break
                    }
                }
                while line.hasSuffix(" ") { line.removeLast() }
                return line
            }
        }

        /// The rows joined with newlines, trailing empty rows removed.
        var text: String {
            var all = lines
            while all.last == "" { all.removeLast() }
            return all.joined(separator: "\n")
        }

        /// The row the cursor is on.
        var cursorLine: String { lines[cursorRow] }

        /// Display width of a scalar on the emulated terminal (East Asian wide = 2).
        static func width(_ scalar: Unicode.Scalar) -> Int {
            let v = scalar.value
            switch v {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x3099...0x309A, 0x20D0...0x20FF, 0xE0100...0xE01EF: return 0
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x1F1E6...0x1F1FF, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD: return 2
            default: return 1
            }
        }

        /// Plays terminal output onto the screen.
        mutating func feed(_ text: String) {
            var scalars = Array(text.unicodeScalars)[...]
            while let scalar = scalars.popFirst() {
                switch scalar.value {
                case 0x07: bells += 1
                case 0x08:
                    pendingWrap = false
                    cursorColumn = max(0, cursorColumn - 1)
                case 0x09:
                    cursorColumn = min(columns - 1, (cursorColumn / 8 + 1) * 8)
                case 0x0A, 0x0B, 0x0C:
                    pendingWrap = false
                    lineFeed()
                case 0x0D:
                    pendingWrap = false
                    cursorColumn = 0
                case 0x1B:
                    escape(&scalars)
                case 0x00...0x1F, 0x7F...0x9F:
                    break
                default:
                    put(scalar)
                }
            }
        }

        private mutating func lineFeed() {
            if cursorRow == rows - 1 {
                cells.removeFirst()
                cells.append(Array(repeating: .blank, count: columns))
            } else {
                cursorRow += 1
            }
        }

        private mutating func put(_ scalar: Unicode.Scalar) {
            let w = Self.width(scalar)
            if w == 0 || joinsPrevious(scalar) {
                // combining: attach to the character before the cursor
                var column = cursorColumn - (pendingWrap ? 0 : 1)
                if column >= 0, cells[cursorRow][column] == .continuation { column -= 1 }
                if column >= 0, case .character(let c) = cells[cursorRow][column] {
                    cells[cursorRow][column] = .character(c + String(scalar))
                }
                return
            }
            if pendingWrap {
                pendingWrap = false
                cursorColumn = 0
                lineFeed()
            }
            if w == 2 && cursorColumn == columns - 1 {
                cells[cursorRow][cursorColumn] = .blank
                cursorColumn = 0
                lineFeed()
            }
            if insertMode { insertBlanks(w) }
            clearHalves(at: cursorColumn, width: w)
            cells[cursorRow][cursorColumn] = .character(String(scalar))
            if w == 2 { cells[cursorRow][cursorColumn + 1] = .continuation }
            cursorColumn += w
            if cursorColumn >= columns {
                cursorColumn = columns - 1
                pendingWrap = true
            }
        }

        /// Whether `scalar` continues the character before the cursor as a modern terminal shows it:
        /// the emoji after a zero-width joiner, the second regional indicator of a flag.
        private func joinsPrevious(_ scalar: Unicode.Scalar) -> Bool {
            var column = cursorColumn - (pendingWrap ? 0 : 1)
            if column >= 0, cells[cursorRow][column] == .continuation { column -= 1 }
            guard column >= 0, case .character(let c) = cells[cursorRow][column], let last = c.unicodeScalars.last else {
                return false
            }
            if last.value == 0x200D { return true }
            let isIndicator = { (s: Unicode.Scalar) in (0x1F1E6...0x1F1FF).contains(s.value) }
            return isIndicator(scalar) && c.unicodeScalars.count == 1 && isIndicator(last)
        }

        /// Blanks the other half of any double-width character cut by writing at `column`.
        private mutating func clearHalves(at column: Int, width: Int) {
            if cells[cursorRow][column] == .continuation && column > 0 { cells[cursorRow][column - 1] = .blank }
            let after = column + width
            if after < columns && cells[cursorRow][after] == .continuation { cells[cursorRow][after] = .blank }
        }

        private mutating func insertBlanks(_ count: Int) {
            let n = min(count, columns - cursorColumn)
            var row = cells[cursorRow]
            row.insert(contentsOf: Array(repeating: Cell.blank, count: n), at: cursorColumn)
            row.removeLast(n)
            if case .character(let c) = row[columns - 1], let first = c.unicodeScalars.first, Self.width(first) == 2 {
                row[columns - 1] = .blank  // its right half was pushed off the line
            }
            cells[cursorRow] = row
        }

        private mutating func deleteCharacters(_ count: Int) {
            let n = min(count, columns - cursorColumn)
            var row = cells[cursorRow]
            row.removeSubrange(cursorColumn..<cursorColumn + n)
            row.append(contentsOf: Array(repeating: Cell.blank, count: n))
            if row[cursorColumn] == .continuation { row[cursorColumn] = .blank }
            cells[cursorRow] = row
        }

        private mutating func erase(row: Int, from start: Int, to end: Int) {
            guard start < end else { return }
            for column in max(0, start)..<min(columns, end) { cells[row][column] = .blank }
        }

        private mutating func escape(_ scalars: inout ArraySlice<Unicode.Scalar>) {
            guard let next = scalars.popFirst() else { return }
            switch next {
            case "[": controlSequence(&scalars)
            case "]", "P", "_", "^":
                while let c = scalars.popFirst() {
                    if c.value == 0x07 { break }
                    if c.value == 0x1B { _ = scalars.popFirst(); break }
                }
            case "(", ")", "*", "+", "#": _ = scalars.popFirst()
            case "7": saved = (cursorRow, cursorColumn)
            case "8": (cursorRow, cursorColumn) = saved; pendingWrap = false
            case "D": lineFeed()
            case "E": cursorColumn = 0; lineFeed()
            case "M":
                if cursorRow == 0 {
                    cells.removeLast()
                    cells.insert(Array(repeating: .blank, count: columns), at: 0)
                } else {
                    cursorRow -= 1
                }
            case "c": self = Screen(rows: rows, columns: columns)
            default: break
            }
        }

        private mutating func controlSequence(_ scalars: inout ArraySlice<Unicode.Scalar>) {
            var parameterText = ""
            var isPrivate = false
            var final: Unicode.Scalar = "@"
            while let c = scalars.popFirst() {
                if (0x40...0x7E).contains(c.value) { final = c; break }
                if c == "?" || c == ">" || c == "<" || c == "=" { isPrivate = true } else { parameterText.unicodeScalars.append(c) }
            }
            let parameters = parameterText.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            func parameter(_ index: Int, default value: Int) -> Int {
                index < parameters.count && parameters[index] != 0 ? parameters[index] : value
            }
            let n = parameter(0, default: 1)
            if final != "m" { pendingWrap = false }
            switch final {
            case "A": cursorRow = max(0, cursorRow - n)
            case "B": cursorRow = min(rows - 1, cursorRow + n)
            case "C": cursorColumn = min(columns - 1, cursorColumn + n)
            case "D": cursorColumn = max(0, cursorColumn - n)
            case "E": cursorRow = min(rows - 1, cursorRow + n); cursorColumn = 0
            case "F": cursorRow = max(0, cursorRow - n); cursorColumn = 0
            case "G", "`": cursorColumn = min(columns - 1, n - 1)
            case "d": cursorRow = min(rows - 1, n - 1)
            case "H", "f":
                cursorRow = min(rows - 1, parameter(0, default: 1) - 1)
                cursorColumn = min(columns - 1, parameter(1, default: 1) - 1)
            case "J":
                switch parameters.first ?? 0 {
                case 0:
                    erase(row: cursorRow, from: cursorColumn, to: columns)
                    for row in (cursorRow + 1)..<rows { erase(row: row, from: 0, to: columns) }
                case 1:
                    for row in 0..<cursorRow { erase(row: row, from: 0, to: columns) }
                    erase(row: cursorRow, from: 0, to: cursorColumn + 1)
                default:
                    for row in 0..<rows { erase(row: row, from: 0, to: columns) }
                }
            case "K":
                switch parameters.first ?? 0 {
                case 0: erase(row: cursorRow, from: cursorColumn, to: columns)
                case 1: erase(row: cursorRow, from: 0, to: cursorColumn + 1)
                default: erase(row: cursorRow, from: 0, to: columns)
                }
            case "@": insertBlanks(n)
            case "P": deleteCharacters(n)
            case "X": erase(row: cursorRow, from: cursorColumn, to: cursorColumn + n)
            case "L":
                for _ in 0..<min(n, rows - cursorRow) {
                    cells.insert(Array(repeating: .blank, count: columns), at: cursorRow)
                    cells.removeLast()
                }
            case "M":
                for _ in 0..<min(n, rows - cursorRow) {
                    cells.remove(at: cursorRow)
                    cells.append(Array(repeating: .blank, count: columns))
                }
            case "h", "l":
                if !isPrivate && parameters.contains(4) { insertMode = final == "h" }
            case "s": saved = (cursorRow, cursorColumn)
            case "u": (cursorRow, cursorColumn) = saved
            default: break
            }
        }
    }
}

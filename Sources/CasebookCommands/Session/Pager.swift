import CasebookCore
import CasebookStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command whose output may be long (`show`, `list`, `find`, `log`, `diff`): on a terminal,
/// output longer than the screen goes through the pager.
protocol PagedCommand: StoreCommand {}

/// Output longer than the screen goes through `$PAGER` (default `less -R`, as git does) — on a
/// terminal only, never in a pipe, and not with `--no-pager` (issue 13).
enum Pager {
    /// Runs `body`; when `enabled` and standard output is a terminal, its output is gathered and
    /// shown through the pager if it is taller than the screen, else printed as it is.
    static func run(in session: Session, enabled: Bool, _ body: () throws -> Void) throws {
        guard enabled, session.outputIsTerminal, session.environment["TERM"] != "dumb" else {
            try body()
            return
        }
        session.output.startCapture()
        do {
            try body()
        } catch {
            show(session.output.endCapture(), in: session)
            throw error
        }
        let gathered = session.output.endCapture()
        // Ctrl-C while it was gathered: the person wants none of it (the shell says it stopped).
        if !session.output.outputInterrupted { show(gathered, in: session) }
    }

    /// Prints `bytes`, through the pager when they are taller than the screen.
    static func show(_ bytes: [UInt8], in session: Session) {
        show(bytes, environment: session.environment, width: session.width, output: session.output)
    }

    /// Prints `bytes` on `output`, through the pager when they are taller than a screen `width` wide.
    static func show(_ bytes: [UInt8], environment: [String: String], width: Int, output: TextOutput) {
        guard !bytes.isEmpty else { return }
        if rows(of: bytes, width: width) < screenRows() || !page(bytes, environment: environment) {
            output.raw(utf8: bytes)
        }
    }

    /// How many screen rows `bytes` take at `width` columns (escape sequences counted as nothing).
    static func rows(of bytes: [UInt8], width: Int) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        var rows = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            let columns = DisplayWidth.of(withoutEscapes(String(line)))
            rows += max(1, (columns + max(1, width) - 1) / max(1, width))
        }
        return rows
    }

    /// The terminal's width (80 if unknown).
    static func screenColumns() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The terminal's height (24 if unknown).
    static func screenRows() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }

    /// Feeds `bytes` to the pager and waits for it; false when it could not be run.
    private static func page(_ bytes: [UInt8], environment: [String: String]) -> Bool {
        let command = environment["PAGER"].flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? "less -R"
        if command == "cat" { return false }
        var environment = environment
        // As git does: quit when it fits, keep colours, leave the screen as it is.
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        // The pager command may carry its own options ("less -R"), so a shell reads it, as git does.
        // Its text comes through a pipe (a pager that quits early gets EPIPE, not casebook SIGPIPE);
        // its keys come from the terminal.
        let status = ChildProcess.runOnTerminal("/bin/sh", ["-c", command], environment: environment, input: bytes)
        // A pager that could not start (sh says "not found": 127) showed nothing.
        return status != 127
    }

    private static func withoutEscapes(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                while let next = scalars.next(), !(0x40...0x7E).contains(next.value) || next == "[" {}
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }
}

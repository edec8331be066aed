// Fixture: a temporary copy of Store/, a temporary HOME and XDG_STATE_HOME, the built
// `casebook`, and checks of the files it leaves.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A temporary world for one test: store copy, home, state directory.
final class Fixture {
    /// The repository root (found from this file's path).
    static let repositoryRoot = BuiltProgram.repositoryRoot

    /// Where golden files live.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The built `casebook`: beside the test bundle, in the same build directory.
    static let executable = BuiltProgram.casebook

    let root: URL
    let store: URL
    let home: URL
    let state: URL

    /// A fresh copy of the seed store under a new temporary directory; `storeInside` puts it
    /// one level down (for a git repository around it).
    init(storeInside subdirectory: String? = nil) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-e2e-\(UUID().uuidString)")
        self.root = root
        let storeParent = subdirectory.map { root.appendingPathComponent($0) } ?? root
        store = storeParent.appendingPathComponent("Store")
        home = root.appendingPathComponent("home")
        state = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: storeParent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("Store"), to: store)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The environment the program gets: nothing inherited but PATH.
    func environment(language: String = "C.UTF-8", extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_STATE_HOME": state.path,
            "LANG": language,
            "TERM": "xterm",
            "NO_COLOR": "1",
            // Long output on the terminal goes through $PAGER: here one that only passes it on.
            "PAGER": "cat",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "E2E Tester", "GIT_AUTHOR_EMAIL": "e2e@example.invalid",
            "GIT_COMMITTER_NAME": "E2E Tester", "GIT_COMMITTER_EMAIL": "e2e@example.invalid",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Starts the shell on a pseudo-terminal.
    func startShell(rows: Int = 40, columns: Int = 100, language: String = "C.UTF-8",
                    extra: [String: String] = [:], arguments: [String] = []) throws -> PseudoTerminalSession {
        try PseudoTerminalSession(executable: Self.executable, arguments: ["--store", store.path] + arguments,
                                  environment: environment(language: language, extra: extra),
                                  workingDirectory: root.path, rows: rows, columns: columns)
    }

    /// Starts the shell on a pseudo-terminal where no file can grow (a file size limit of 0, its
    /// signal ignored), as on a full disk: every write of a file's content fails.
    func startShellWhereNoFileCanGrow() throws -> PseudoTerminalSession {
        let script = "ulimit -f 0; trap '' XFSZ; exec \"$0\" \"$@\""
        return try PseudoTerminalSession(executable: "/bin/sh", arguments: ["-c", script, Self.executable, "--store", store.path],
                                         environment: environment(), workingDirectory: root.path, rows: 40, columns: 200)
    }

    /// Runs `casebook ARGS` with standard input from `input`, without a terminal.
    func run(_ arguments: [String], input: String = "", language: String = "C.UTF-8",
             extra: [String: String] = [:], storeOption: Bool = true) throws -> ProgramResult {
        try BuiltProgram.run(Self.executable, arguments + (storeOption ? ["--store", store.path] : []),
                             environment: environment(language: language, extra: extra), in: root, input: input)
    }

    // MARK: Files

    func fileURL(_ id: String) -> URL { store.appendingPathComponent("\(id).json") }

    func bytes(_ id: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fileURL(id))) }

    /// The case file of `id`, parsed; fails the test if it is not canonical.
    func sheet(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let data = try bytes(id)
        let parsed = try JSONParser.parse(data)
        XCTAssertEqual(CanonicalJSONWriter.bytes(of: parsed), data, "\(id).json is not canonical", file: file, line: line)
        let object = try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any]
        return try XCTUnwrap(object, "\(id).json is not an object", file: file, line: line)
    }

    /// Every case file name in the store (ids), sorted.
    func ids() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Copies every seed case `count` times over (`c1-…`, `c2-…`), for output longer than a
    /// terminal takes unread.
    func addCopies(_ count: Int) throws {
        let seeds = try ids()
        for copy in 1...count {
            for seed in seeds {
                // Cut to fit the longest id with its prefix (48 characters).
                let id = "c\(copy)-" + String(seed.prefix(40)).trimmingCharacters(in: ["-"])
                try FileManager.default.copyItem(at: fileURL(seed), to: fileURL(id))
            }
        }
    }

    /// Makes the store's parent a git repository with everything committed.
    func commitStore() throws {
        let parent = store.deletingLastPathComponent()
        for arguments in [["init", "-q"], ["add", "--", "Store"], ["commit", "-q", "-m", "seed"]] {
            let result = try BuiltProgram.run("/usr/bin/env", ["git"] + arguments, environment: environment(), in: parent)
            XCTAssertEqual(result.status, 0, "git \(arguments): \(result.err)")
        }
    }
}

extension PseudoTerminalSession {
    /// Waits until the line editor has the terminal (canonical mode off), so that what is typed
    /// next goes to the editor. libedit prints the prompt before it leaves canonical mode; keys
    /// typed in between are echoed twice by the terminal driver, and Ctrl-C there is a signal.
    func waitForEditing(timeout: Double = 10) throws {
        try wait(timeout: timeout, for: "the line editor to take the terminal (ICANON off)") {
            var settings = termios()
            return tcgetattr(masterFD, &settings) == 0 && (settings.c_lflag & tcflag_t(ICANON)) == 0
        }
    }

    /// Waits for `prompt` after the mark `after` and for the editor to take the terminal;
    /// returns the mark past the prompt.
    ///
    /// The shell's first prompt (`casebook> ` from the start) comes before its banner, which is
    /// printed once the store's files and git have been looked at (issue 14), above the line with
    /// the prompt drawn again below it. Unless `beforeTheBanner`, that prompt is waited for: what a
    /// test types next then never meets the banner, and its redrawn prompt is never taken for the
    /// next one. (Both banners, English and Japanese, say `quit`.)
    @discardableResult
    func ready(_ prompt: String, after: Int = 0, beforeTheBanner: Bool = false) throws -> Int {
        var start = after
        if after == 0, prompt == "casebook> ", !beforeTheBanner { start = try waitFor("quit") }
        let end = try waitFor(prompt, after: start)
        try waitForEditing()
        return end
    }

    /// Types `text` and Enter, then waits for the next `prompt`; returns the mark past it.
    @discardableResult
    func answer(_ text: String, thenWaitFor prompt: String) throws -> Int {
        let start = mark
        send(text)
        send(.enter)
        return try ready(prompt, after: start)
    }

    /// The visible text printed after `mark`.
    func visibleText(after mark: Int) -> String {
        PseudoTerminalSession.stripEscapes(String(decoding: output[mark...], as: UTF8.self))
    }
}

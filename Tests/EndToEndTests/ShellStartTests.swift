// The shell's start (issue 14): the prompt comes before the store's look at its files and
// `git status`; the banner's counts are printed when both are done, above the line being typed,
// or before the output of a command typed sooner. Here git's status waits for a gate the test
// opens, so that "before the counts" is a state the test holds, not a race it hopes to win.
import Foundation
@testable import CasebookTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ShellStartTests: XCTestCase {
    /// A store in git with one uncommitted change (shigen's form), and a `git` first on PATH
    /// whose `status` waits until the file `gate` exists.
    private func gatedFixture() throws -> (fixture: Fixture, gate: URL, environment: [String: String]) {
        let fixture = try Fixture(storeInside: "repo")
        try fixture.commitStore()
        XCTAssertEqual(try fixture.run(["set", "shigen-shudan-kaishu", "form", "共催"]).status, 0)
        let bin = fixture.root.appendingPathComponent("bin")
        let gate = fixture.root.appendingPathComponent("gate")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let realGit = try XCTUnwrap(Self.pathOf("git"), "git is not on PATH")
        let script = """
            #!/bin/sh
            case " $* " in
            *" status "*) while [ ! -e '\(gate.path)' ]; do sleep 0.01; done ;;
            esac
            exec '\(realGit)' "$@"

            """
        let wrapper = bin.appendingPathComponent("git")
        try script.write(to: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper.path, 0o755)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return (fixture, gate, ["PATH": path])
    }

    private static func pathOf(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }

    private static let counts = "27 cases, 1 with uncommitted changes"
    /// With danjo changed too, after the shell started and before git looked.
    private static let countsWithDanjo = "27 cases, 2 with uncommitted changes"

    /// The visible text with the banner's wrapping undone (issue 13 wraps it at the terminal's width):
    /// each run of spaces and line breaks one space.
    private func unwrapped(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r\n" }).joined(separator: " ")
    }

    func testTheCountsAppearAboveALineTypedMeanwhileWhichIsKeptAndRuns() throws {
        let (fixture, gate, extra) = try gatedFixture()
        let shell = try fixture.startShell(extra: extra)
        try shell.ready("casebook> ", beforeTheBanner: true)
        shell.send("show shigen form")
        try shell.waitForScreen("casebook> show shigen form")
        XCTAssertFalse(unwrapped(shell.visibleText).contains("uncommitted"), "no count before git answered: \(shell.report())")

        _ = FileManager.default.createFile(atPath: gate.path, contents: nil)
        try shell.wait(for: "the counts") { self.unwrapped(shell.screen.text).contains(Self.counts) }
        // The counts above, the line as it was below them, once, with the cursor at its end.
        try shell.wait(for: "the line drawn again") { shell.screen.cursorLine == "casebook> show shigen form" }
        let screen = shell.screen.text
        XCTAssertEqual(screen.components(separatedBy: "show shigen form").count, 2, screen)
        XCTAssertLessThan(try XCTUnwrap(screen.range(of: "uncommitted")).lowerBound,
                          try XCTUnwrap(screen.range(of: "casebook> show")).lowerBound, screen)
        XCTAssertEqual(shell.screen.cursorColumn, "casebook> show shigen form".count)

        let m = shell.mark
        shell.send(.enter)
        try shell.ready("casebook> ", after: m)
        XCTAssertTrue(shell.visibleText(after: m).contains("共催"), shell.report())
        XCTAssertEqual(unwrapped(shell.visibleText).components(separatedBy: Self.counts).count, 2, "the counts once: \(shell.report())")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testACommandTypedAtOnceWaitsForTheCountsAndRunsOnTheStoreAsItIs() throws {
        let (fixture, gate, extra) = try gatedFixture()
        let shell = try fixture.startShell(extra: extra)
        try shell.ready("casebook> ", beforeTheBanner: true)
        // Completion needs only the store, not git: a Tab answers while git still waits.
        shell.send("show 資源")
        shell.send(.tab)
        try shell.waitForScreen("casebook> show 資源集団回収")
        shell.send(.ctrlA, .ctrlK)
        // Changed on disk after the shell started: the command must see it.
        XCTAssertEqual(try fixture.run(["set", "danjo", "title", "男女共同参画の新しい事業名"]).status, 0)
        let m = shell.mark
        shell.send("show danjo title")
        shell.send(.enter)
        try shell.waitFor("\n", after: m)
        let until = Date().addingTimeInterval(0.5)
        while Date() < until { shell.pump(timeout: 0.05) }
        XCTAssertFalse(shell.visibleText(after: m).contains("新しい事業名"), "the command waits for the counts: \(shell.report())")

        _ = FileManager.default.createFile(atPath: gate.path, contents: nil)
        try shell.ready("casebook> ", after: m)
        let said = unwrapped(shell.visibleText(after: m))
        let counts = try XCTUnwrap(said.range(of: Self.countsWithDanjo), said)
        let title = try XCTUnwrap(said.range(of: "男女共同参画の新しい事業名"), said)
        XCTAssertLessThan(counts.lowerBound, title.lowerBound, "the counts come before the command's output: \(said)")
        XCTAssertEqual(unwrapped(shell.visibleText).components(separatedBy: Self.countsWithDanjo).count, 2, "the counts once: \(shell.report())")
        shell.send(.ctrlD)
        XCTAssertEqual(try shell.waitForExit(), 0)
    }

    func testCtrlCAndCtrlDBeforeTheCountsKeepWorking() throws {
        let (fixture, gate, extra) = try gatedFixture()
        let shell = try fixture.startShell(extra: extra)
        try shell.ready("casebook> ", beforeTheBanner: true)
        shell.send("delete shigen-shudan-kaishu --yes")
        var m = shell.mark
        shell.send(.ctrlC)
        try shell.ready("casebook> ", after: m)
        XCTAssertNil(shell.waitStatus)
        m = shell.mark
        shell.send(.ctrlD)
        // Leaving waits for the counts, shows them as before any command's output, then says goodbye.
        _ = FileManager.default.createFile(atPath: gate.path, contents: nil)
        XCTAssertEqual(try shell.waitForExit(), 0)
        let said = unwrapped(shell.visibleText(after: m))
        let counts = try XCTUnwrap(said.range(of: Self.counts), said)
        let leaving = try XCTUnwrap(said.range(of: "1 case has uncommitted changes"), said)
        XCTAssertLessThan(counts.lowerBound, leaving.lowerBound, said)
        XCTAssertTrue(said.contains("Bye."), said)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path), "the abandoned line did not run")
    }
}

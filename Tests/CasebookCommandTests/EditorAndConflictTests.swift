// `edit --editor`, `delete` with its confirmation, and a save refused after an outside change,
// driven through pipes and one-shot runs.
import Foundation
import XCTest

final class EditorAndConflictTests: XCTestCase {
    /// An "editor" that is a shell script: it records what it was given and writes new content.
    func writeEditor(_ fixture: CommandFixture, body: String) throws -> String {
        let path = fixture.root.appendingPathComponent("editor.sh").path
        let seen = fixture.root.appendingPathComponent("seen.txt").path
        try ("#!/bin/sh\ncp \"$1\" '\(seen)'\n" + body + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    func testEditorEditsAListFieldAsPlainText() throws {
        let fixture = try CommandFixture()
        let editor = try writeEditor(fixture, body: "printf '・新しい役割\\n\\n実績管理、奨励金支給\\n' > \"$1\"")
        let result = try fixture.run(["edit", "shigen-shudan-kaishu", "roles.city", "--editor"], extra: ["EDITOR": editor])
        XCTAssertEqual(result.status, 0, result.err)
        let roles = try XCTUnwrap(fixture.sheet("shigen-shudan-kaishu")["roles"] as? [String: [String]])
        XCTAssertEqual(roles["city"], ["新しい役割", "実績管理、奨励金支給"], "bullet dropped, empty line dropped")
        XCTAssertEqual(roles["partner"], ["資源回収対象品の分別、保管"], "the other column is untouched")
    }

    func testEditorShowsTheCurrentValueAndABadValueChangesNothing() throws {
        let fixture = try CommandFixture()
        let before = try fixture.bytes("shigen-shudan-kaishu")
        // VISUAL wins over EDITOR; the editor sees the current value, then writes a bad era year.
        let editor = try writeEditor(fixture, body: "printf '昭和70\\n' > \"$1\"")
        let result = try fixture.run(["edit", "shigen-shudan-kaishu", "started", "--editor"],
                                     extra: ["VISUAL": editor, "EDITOR": "/bin/false"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.contains("昭和 has no year 70"), result.err)
        XCTAssertEqual(try fixture.bytes("shigen-shudan-kaishu"), before)
        let given = try String(contentsOfFile: fixture.root.appendingPathComponent("seen.txt").path, encoding: .utf8)
        XCTAssertEqual(given, "昭和60\n", "the editor is given the current value")
        let seen = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("casebook-shigen-shudan-kaishu-") }
        XCTAssertTrue(seen.isEmpty, "the temporary file is removed: \(seen)")
    }

    func testEditorFailingChangesNothingAndNoEditorIsExplained() throws {
        let fixture = try CommandFixture()
        let before = try fixture.bytes("shigen-shudan-kaishu")
        let failing = try fixture.run(["edit", "shigen-shudan-kaishu", "overview", "--editor"], extra: ["EDITOR": "/bin/false"])
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.err.contains("editor exited with an error"), failing.err)
        let none = try fixture.run(["edit", "shigen-shudan-kaishu", "overview", "--editor"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.err.contains("$VISUAL or $EDITOR"), none.err)
        XCTAssertEqual(try fixture.bytes("shigen-shudan-kaishu"), before)
    }

    func testDeleteAsksAndOnlyYesDeletes() throws {
        let fixture = try CommandFixture()
        let refused = try fixture.run(["delete", "shigen-shudan-kaishu"], input: "no\n")
        XCTAssertTrue(refused.out.contains("資源集団回収"), "the question names the title: \(refused.out)")
        // It says what it takes: yes, or y.
        XCTAssertTrue(refused.out.contains("Type yes (or y) to delete"), refused.out)
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path))
        let accepted = try fixture.run(["delete", "shigen-shudan-kaishu"], input: "yes\n")
        XCTAssertEqual(accepted.status, 0, accepted.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.fileURL("shigen-shudan-kaishu").path))
        XCTAssertEqual(try fixture.run(["show", "shigen-shudan-kaishu"]).status, 1)
    }

    /// The shell reads the case (show), another program rewrites it, then the shell sets another
    /// field: the shell looks at the files before each command, so both changes are kept.
    func testAnOutsideChangeBeforeASetIsTakenUpAndNeitherIsLost() throws {
        let fixture = try CommandFixture()
        let outside = String(decoding: try fixture.bytes("shigen-shudan-kaishu"), as: UTF8.self)
            .replacingOccurrences(of: "\"資源集団回収\"", with: "\"資源集団回収（外）\"")
        // Rewrite after the first line has been read: run the first command, change, then the rest.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: CommandFixture.executable)
        shell.arguments = ["--store", fixture.store.path]
        shell.environment = fixture.environment(language: "C.UTF-8")
        let input = Pipe(), output = Pipe(), errors = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        shell.standardError = errors
        try shell.run()
        input.fileHandleForWriting.write(Data("show shigen-shudan-kaishu title\n".utf8))
        // Wait until the show has printed, so the case has been read: at most 20 s, and not past
        // the end of the output.
        var seen = Data()
        let deadline = Date().addingTimeInterval(20)
        while !String(decoding: seen, as: UTF8.self).contains("資源集団回収") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty || Date() > deadline {
                shell.terminate()
                return XCTFail("the shell did not show the case: \(String(decoding: seen, as: UTF8.self))")
            }
            seen.append(chunk)
        }
        try outside.write(to: fixture.fileURL("shigen-shudan-kaishu"), atomically: false, encoding: .utf8)
        input.fileHandleForWriting.write(Data("set shigen-shudan-kaishu form 共催\nsave shigen-shudan-kaishu --force\n".utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // The shell looks at the files before each command, so the outside title is taken up and
        // the set applies on top of it: neither change is lost.
        let sheet = try fixture.sheet("shigen-shudan-kaishu")
        XCTAssertEqual(sheet["title"] as? String, "資源集団回収（外）", err)
        XCTAssertEqual(sheet["form"] as? String, "共催", err)
    }
}

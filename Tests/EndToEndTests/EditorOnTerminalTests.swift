// `edit --editor` on a pseudo-terminal: the editor gets casebook's terminal, as a person's editor
// (vi, nano) needs, and casebook waits for it.
import Foundation
import Testing
@testable import CasebookTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("The editor on the terminal")
struct EditorOnTerminalTests {
    @Test("the editor's standard input, output and error are the terminal, and its edit is saved")
    func editorHasTheTerminal() throws {
        let fixture = try Fixture()
        let editor = fixture.root.appendingPathComponent("editor.sh").path
        // Refuses (exit 1, nothing saved) unless all three descriptors are a terminal.
        try """
        #!/bin/sh
        test -t 0 && test -t 1 && test -t 2 || exit 1
        echo EDITOR-ON-TERMINAL
        printf '端末で書いた題名\\n' > "$1"
        """.write(toFile: editor, atomically: false, encoding: .utf8)
        chmod(editor, 0o755)
        let session = try PseudoTerminalSession(
            executable: Fixture.executable, arguments: ["edit", "shigen-shudan-kaishu", "title", "--editor", "--store", fixture.store.path],
            environment: fixture.environment(extra: ["EDITOR": editor]), workingDirectory: fixture.root.path, rows: 24, columns: 80)
        #expect(try session.waitForExit() == 0, "\(session.visibleText)")
        #expect(session.visibleText.contains("EDITOR-ON-TERMINAL"), "\(session.visibleText)")
        let sheet = try fixture.sheet("shigen-shudan-kaishu")
        #expect(sheet["title"] as? String == "端末で書いた題名")
    }
}

// Messages through the built program: arguments substituted once, and names from the store made
// safe before they reach the terminal (SPEC §7).
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct MessageSafetyTests {
    /// The OSC sequence that sets a terminal's title, as a hostile file name carries it.
    static let hostileName = "evil\u{1B}]0;PWNED\u{07}"

    /// Whether `text` holds an ESC or a BEL.
    static func holdsControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }
    }

    @Test func aTitleWithPercentOneShowsAsTyped() throws {
        let fixture = try Fixture()
        let set = try fixture.run(["set", "shigen-shudan-kaishu", "title", "目標100%1達成"])
        #expect(set.status == 0, "\(set.all)")
        for (language, expected) in [("C.UTF-8", "Opened shigen-shudan-kaishu “目標100%1達成”."),
                                     ("ja_JP.UTF-8", "shigen-shudan-kaishu「目標100%1達成」を開きました。")] {
            let shell = try fixture.run([], input: "open shigen-shudan-kaishu\n", language: language)
            #expect(shell.out.contains(expected), "\(shell.all)")
        }
        let delete = try fixture.run(["delete", "shigen-shudan-kaishu"], input: "no\n")
        #expect(delete.out.contains("Delete shigen-shudan-kaishu “目標100%1達成”?"), "\(delete.all)")
    }

    @Test func aHostileStoreFileNameDoesNotReachTheTerminalRaw() throws {
        let fixture = try Fixture()
        let hostile = fixture.store.appendingPathComponent(Self.hostileName + ".json")
        try Data("{}\n".utf8).write(to: hostile)
        let shown = "evil^[]0;PWNED^G.json"

        let list = try fixture.run(["list"])
        #expect(!Self.holdsControls(list.all), "\(list.all)")
        #expect(list.err.contains(shown), "\(list.all)")

        let validate = try fixture.run(["validate"])
        #expect(validate.status == 1)
        #expect(!Self.holdsControls(validate.all), "\(validate.all)")
        #expect(validate.all.contains(shown), "\(validate.all)")

        // validate inside the shell names the file itself.
        let piped = try fixture.run([], input: "validate\n", language: "ja_JP.UTF-8")
        #expect(!Self.holdsControls(piped.all), "\(piped.all)")
        #expect(piped.out.contains("エラー: " + shown), "\(piped.all)")

        // The shell's start on a terminal names the file too; the only ESCs are the line editor's own.
        let shell = try fixture.startShell()
        try shell.ready("casebook> ")
        let output = String(decoding: shell.output, as: UTF8.self)
        #expect(!output.contains("\u{1B}]0;PWNED"), "\(shell.report())")
        #expect(!output.unicodeScalars.contains { $0.value == 0x07 }, "\(shell.report())")
        #expect(output.contains(shown), "\(shell.report())")
        shell.send(.ctrlD)
        #expect(try shell.waitForExit() == 0)
    }
}

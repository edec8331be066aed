// Help and usage errors through the built program (SPEC §3.6, §3.7): wholly in the user's
// language, no line wider than the terminal, usage errors exit 2 and name what was wrong.
import CasebookCore
import Foundation
@testable import CasebookTestSupport
import Testing

@Suite struct HelpAndUsageTests {
    /// English that swift-argument-parser and the JSON parser print, which a Japanese user must not see.
    static let english = ["OVERVIEW:", "USAGE:", "OPTIONS:", "SUBCOMMANDS:", "ARGUMENTS:", "Show help information",
                          "See 'casebook help", "Error:", "Unknown option", "Missing expected argument", "Unexpected argument",
                          "Usage:", "Help:", "warning:", "error:", "unexpected end of file", "at byte", "is invalid for"]

    static let commands = ["list", "find", "new", "open", "show", "edit", "set", "validate", "delete", "review", "approve",
                           "status", "diff", "commit", "log", "revert", "init", "save", "reload", "quit", "help"]

    /// Lines of `text` wider than `columns` display columns.
    static func tooWide(_ text: String, _ columns: Int) -> [String] {
        text.split(separator: "\n").map(String.init).filter { DisplayWidth.of($0) > columns }
    }

    /// The English words of `english` that `text` holds.
    static func englishIn(_ text: String) -> [String] {
        english.filter { text.contains($0) }
    }

    @Test(arguments: ["ja_JP.UTF-8", "C"])
    func everyHelpScreenIsInTheLanguageAndFitsEightyColumns(language: String) throws {
        let fixture = try Fixture()
        var screens: [(String, ProgramResult)] = [("help", try fixture.run(["help"], language: language)),
                                                  ("--help", try fixture.run(["--help"], language: language))]
        for command in Self.commands {
            screens.append(("help \(command)", try fixture.run(["help", command], language: language)))
            if command != "help" { screens.append(("\(command) --help", try fixture.run([command, "--help"], language: language))) }
        }
        for (words, result) in screens {
            #expect(result.status == 0, "\(words): \(result.all)")
            #expect(!result.out.isEmpty, "\(words)")
            #expect(Self.tooWide(result.all, 80).isEmpty, "\(words): \(Self.tooWide(result.all, 80))")
            if language.hasPrefix("ja") {
                #expect(Self.englishIn(result.all).isEmpty, "\(words): \(Self.englishIn(result.all))\n\(result.all)")
                #expect(result.out.contains("使い方:") || words == "help" || words == "--help", "\(words): \(result.out)")
            }
        }
        // One command's help says what its options do.
        let list = try fixture.run(["help", "list"], language: language)
        #expect(list.out.contains("--status <S>"), "\(list.out)")
        #expect(list.out.contains(language.hasPrefix("ja") ? "状態が S の事例のみ" : "Only cases with status S"), "\(list.out)")
    }

    @Test func helpFollowsCOLUMNSInAPipe() throws {
        let fixture = try Fixture()
        for words in [["help"], ["help", "review"], ["list", "--help"]] {
            let result = try fixture.run(words, language: "ja_JP.UTF-8", extra: ["COLUMNS": "40"])
            #expect(result.status == 0)
            #expect(Self.tooWide(result.out, 40).isEmpty, "\(words): \(Self.tooWide(result.out, 40))")
        }
    }

    @Test(arguments: ["ja_JP.UTF-8", "C"])
    func usageErrorsNameWhatWasWrongAndExitTwo(language: String) throws {
        let fixture = try Fixture()
        let japanese = language.hasPrefix("ja")
        let cases: [([String], String)] = [
            (["list", "--bogus"], "--bogus"),
            (["list", "--stauts", "draft"], "--status"),
            (["list", "-xy"], "-xy"),
            (["list", "---x"], "---x"),
            (["delete"], "<case>"),
            (["show", "--width", "abc"], "abc"),
            (["list", "extra", "words"], "words"),
            (["delete", "x", "--yes=3"], "--yes"),
            (["list", "--form"], "--form"),
            (["list", "--status", "zz"], "zz"),
            (["help", "frob"], "frob"),
            (["frob"], "frob"),
        ]
        for (words, named) in cases {
            let result = try fixture.run(words, language: language)
            #expect(result.status == 2, "\(words): \(result.all)")
            #expect(result.err.contains(named), "\(words): \(result.err)")
            #expect(result.err.hasPrefix(japanese ? "エラー: " : "Error: "), "\(words): \(result.err)")
            #expect(Self.tooWide(result.all, 80).isEmpty, "\(words): \(Self.tooWide(result.all, 80))")
            if japanese { #expect(Self.englishIn(result.all).isEmpty, "\(words): \(Self.englishIn(result.all))") }
        }
        // The command's usage follows the error.
        let unknown = try fixture.run(["list", "--bogus"], language: language)
        #expect(unknown.err.contains(japanese ? "使い方: casebook list [--form <F>]" : "Usage: casebook list [--form <F>]"), "\(unknown.err)")
        let frob = try fixture.run(["help", "frob"], language: language)
        #expect(frob.err.contains(japanese ? "「frob」というコマンドはありません" : "Unknown command “frob”"), "\(frob.err)")
    }

    @Test func helpAndUsageErrorsInsideTheShell() throws {
        let fixture = try Fixture()
        let result = try fixture.run([], input: "help\nhelp show\nshow --bogus\nhelp frob\nfrobnicate x\nvalidate shigen\n", language: "ja_JP.UTF-8")
        #expect(Self.englishIn(result.all).isEmpty, "\(Self.englishIn(result.all))\n\(result.all)")
        #expect(Self.tooWide(result.all, 80).isEmpty, "\(Self.tooWide(result.all, 80))")
        #expect(result.out.contains("各コマンドの詳しい使い方は「help <コマンド>」"), "\(result.out)")
        #expect(result.out.contains("使い方:\n  show [<case-or-field> ...]"), "\(result.out)")
        #expect(result.err.contains("エラー: 「--bogus」というオプションはありません。\n使い方: show "), "\(result.err)")
        #expect(result.err.contains("「frob」というコマンドはありません"), "\(result.err)")
        #expect(result.status == 1, "a failed line makes the piped shell exit 1")
    }

    @Test func validateAndABrokenFileSpeakJapaneseWithLineAndColumn() throws {
        let fixture = try Fixture()
        try Data("{\n  \"title\": [1,\n".utf8).write(to: fixture.fileURL("broken-file"))
        // A required field left empty is an error line of validate's own.
        let emptied = try fixture.run(["set", "shigen-shudan-kaishu", "form", "独自の形態"], language: "ja_JP.UTF-8")
        #expect(emptied.status == 0, "\(emptied.all)")

        let command = try fixture.run(["validate"], language: "ja_JP.UTF-8")
        #expect(command.status == 1)
        #expect(command.err.contains("broken-file.json: 読み込めません: JSON として正しくありません（3 行 1 文字目: ファイルが途中で終わっています）"), "\(command.all)")
        #expect(command.out.contains("警告: shigen-shudan-kaishu: 協働の形態「独自の形態」は通常の値ではありません"), "\(command.all)")
        #expect(Self.englishIn(command.all).isEmpty, "\(Self.englishIn(command.all))")

        let shell = try fixture.run([], input: "validate\n", language: "ja_JP.UTF-8")
        #expect(shell.out.contains("エラー: broken-file.json: 読み込めません"), "\(shell.all)")
        #expect(Self.englishIn(shell.all).isEmpty, "\(Self.englishIn(shell.all))")

        let english = try fixture.run(["validate"], language: "C")
        #expect(english.err.contains("not valid JSON (unexpected end of file at line 3, column 1)"), "\(english.all)")
        #expect(english.out.contains("warning: shigen-shudan-kaishu:"), "\(english.all)")
    }

    @Test func validateNamesTheParagraphThatHoldsALineBreak() throws {
        let fixture = try Fixture()
        // A second paragraph with a line break in it, as an editor outside casebook might leave it.
        let text = String(decoding: try fixture.bytes("shigen-shudan-kaishu"), as: UTF8.self)
        let edited = text.replacingOccurrences(of: "を図っています。\"\n  ],", with: "を図っています。\",\n    \"回収品目は古紙、\\n古布、びん、缶です。\"\n  ],")
        #expect(edited != text)
        try Data(edited.utf8).write(to: fixture.fileURL("shigen-shudan-kaishu"))
        let japanese = try fixture.run(["validate", "shigen-shudan-kaishu"], language: "ja_JP.UTF-8")
        #expect(japanese.status == 1)
        #expect(japanese.out.contains("エラー: shigen-shudan-kaishu: 取り組みの概要 の「回収品目は古紙、⏎古布、びん、…」に改行が含まれています"), "\(japanese.all)")
        let english = try fixture.run(["validate", "shigen-shudan-kaishu"], language: "C")
        #expect(english.out.contains("holds a line break in “回収品目は古紙、⏎古布、びん、…”"), "\(english.all)")
    }

    @Test func aFileThatIsJSONButNotASheetIsExplainedInJapanese() throws {
        let fixture = try Fixture()
        try Data("{\n  \"schema\": 1,\n  \"status\": \"done\"\n}\n".utf8).write(to: fixture.fileURL("odd-status"))
        try Data("{\n  \"schema\": 1,\n  \"roles\": []\n}\n".utf8).write(to: fixture.fileURL("odd-roles"))
        let japanese = try fixture.run(["validate"], language: "ja_JP.UTF-8")
        #expect(japanese.status == 1)
        #expect(japanese.err.contains("odd-status.json: 読み込めません: 事例シートの形式ではありません（status にはdraft・review・approved のいずれかが必要です）"), "\(japanese.all)")
        #expect(japanese.err.contains("odd-roles.json: 読み込めません: 事例シートの形式ではありません（roles にはcity・partner を持つオブジェクトが必要です）"), "\(japanese.all)")
        #expect(Self.englishIn(japanese.all).isEmpty, "\(Self.englishIn(japanese.all))")
        let english = try fixture.run(["validate"], language: "C")
        #expect(english.err.contains("odd-status.json: not loaded: not a case sheet (status: expected one of draft, review, approved)"), "\(english.all)")
    }

    @Test func helpInTheShellOnATerminalFitsItsWidth() throws {
        let fixture = try Fixture()
        let shell = try fixture.startShell(columns: 60, language: "ja_JP.UTF-8")
        let start = try shell.ready("casebook> ")
        try shell.answer("help review", thenWaitFor: "casebook> ")
        let shown = shell.visibleText(after: start).replacingOccurrences(of: "\r", with: "")
        #expect(shown.contains("使い方:\n  review [<case>]"), "\(shell.report())")
        #expect(Self.tooWide(shown, 60).isEmpty, "\(Self.tooWide(shown, 60))")
        #expect(Self.englishIn(shown).isEmpty, "\(Self.englishIn(shown))")
        shell.send(.ctrlD)
        #expect(try shell.waitForExit() == 0)
    }
}

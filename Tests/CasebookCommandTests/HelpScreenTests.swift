// The help screens casebook renders from the parser's command descriptions, at every width.
@testable import CasebookCommands
import CasebookCore
import Testing

@Suite struct HelpScreenTests {
    static let all = [CommandDescription.root] + CommandDescription.root.subcommands

    @Test(arguments: [Language.japanese, .english])
    func noLineIsWiderThanTheScreenAtAnyWidth(language: Language) {
        for width in stride(from: 24, through: 120, by: 3) {
            for program in ["casebook", ""] {
                let screen = HelpScreen(width: width, language: language, program: program)
                for command in Self.all {
                    let text = command.name == "help" ? screen.renderHelpCommand() : screen.render(command)
                    for line in text.split(separator: "\n") {
                        #expect(DisplayWidth.of(line) <= width, "\(command.name) at \(width): \(line)")
                    }
                }
            }
        }
    }

    @Test func everyCommandIsDescribedWithItsOptions() throws {
        #expect(CommandDescription.root.subcommands.map(\.name).starts(with: ["list", "find", "new", "open", "show"]))
        let list = try #require(CommandDescription.command(named: "list"))
        #expect(list.arguments.map(\.synopsis).contains("--status <S>"))
        let quit = try #require(CommandDescription.command(named: "exit"), "aliases name their command")
        #expect(quit.name == "quit")
        let show = try #require(CommandDescription.command(named: "show"))
        let usage = HelpScreen(width: 80, language: .japanese, program: "casebook").usageLines(show)
        #expect(usage == ["使い方: casebook show [<case-or-field> ...] [--width <n>] [--store <dir>]", "    [--no-pager]"])
        #expect(usage.allSatisfy { DisplayWidth.of($0) <= 80 })
    }
}

import CasebookCore

/// Help as casebook prints it (SPEC §3.6, §3.7): every word in the user's language, laid out by
/// display width with the line-breaking rules of `show`, so no line is wider than `width`.
struct HelpScreen {
    /// The columns to fit in.
    var width: Int
    var language: Language
    /// `casebook` on the command line; empty in the shell, where commands are typed alone.
    var program: String

    /// The widest the column of names gets before a description goes to the next line.
    private static let labelColumnLimit = 24

    /// The help of `command`: the root's lists every command.
    func render(_ command: CommandDescription) -> String {
        let isRoot = command.name == CommandDescription.root.name
        var blocks: [[String]] = []
        if !command.abstract.isEmpty { blocks.append(wrap(command.abstract, indent: 0)) }
        if !command.discussion.isEmpty { blocks.append(wrap(command.discussion, indent: 0)) }
        if !(isRoot && program.isEmpty) {
            blocks.append([text(HelpMessage.usageHeading)] + wrapWords(usageWords(command), indent: 2, hang: 4))
        }
        let arguments = command.arguments.filter { $0.kind == .positional }
        if !arguments.isEmpty {
            blocks.append([text(HelpMessage.argumentsHeading)] + table(arguments.map { ($0.label, $0.abstract) }))
        }
        let options = command.arguments.filter { $0.kind != .positional }
        if !options.isEmpty, !(isRoot && program.isEmpty) {
            blocks.append([text(HelpMessage.optionsHeading)] + table(options.map { ($0.label, abstract(of: $0)) }))
        }
        if isRoot {
            let rows = command.subcommands.map { ([$0.name] + $0.aliases).joined(separator: ", ") }
            let abstracts = command.subcommands.map { $0.name == "help" ? text(HelpMessage.helpCommand) : $0.abstract }
            blocks.append([text(HelpMessage.commandsHeading)] + table(Array(zip(rows, abstracts))))
            blocks.append(wrap(text(HelpMessage.seeCommandHelp(program: program)), indent: 0))
        }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// The help of `help` itself, which the parser defines in English only.
    func renderHelpCommand() -> String {
        let usage = wrapWords(invocationWords(["help", "[" + text(HelpMessage.commandPlaceholder) + "]"]), indent: 2, hang: 4)
        let blocks = [
            wrap(text(HelpMessage.helpCommand), indent: 0),
            [text(HelpMessage.usageHeading)] + usage,
            [text(HelpMessage.argumentsHeading)] + table([(text(HelpMessage.commandPlaceholder), text(HelpMessage.helpCommandArgument))]),
        ]
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// The usage of `command` on one line, as an error shows it (the terminal may wrap it; it is
    /// wrapped here too, so that it never is).
    func usageLines(_ command: CommandDescription) -> [String] {
        let words = usageWords(command)
        let first = UsageMessage.usage(MessageText(verbatim: words.first ?? "")).text(in: language)
        return wrapWords([first] + words.dropFirst(), indent: 0, hang: 4)
    }

    // MARK: Pieces

    private func text(_ message: some UserMessage) -> String { message.text(in: language) }

    private func abstract(of argument: CommandDescription.Argument) -> String {
        argument.isHelpFlag ? text(HelpMessage.helpFlag) : argument.abstract
    }

    /// The words of `command`'s usage line, each kept whole when wrapped.
    private func usageWords(_ command: CommandDescription) -> [String] {
        let isRoot = command.name == CommandDescription.root.name
        var words: [String] = []
        for argument in command.arguments where !argument.isHelpFlag {
            let synopsis = argument.synopsis
            words.append(argument.isOptional ? "[" + synopsis + "]" : synopsis)
        }
        if isRoot { words.append(text(HelpMessage.commandPlaceholder)) }
        // Options first, as people type them after the command; positional arguments keep their order.
        let positional = words.filter { $0.hasPrefix("<") || $0.hasPrefix("[<") }
        let options = words.filter { !($0.hasPrefix("<") || $0.hasPrefix("[<")) }
        return invocationWords((isRoot ? [] : [command.name]) + positional + options)
    }

    private func invocationWords(_ words: [String]) -> [String] {
        program.isEmpty ? words : [program] + words
    }

    /// `text` wrapped by display width, every line indented by `indent`.
    private func wrap(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return LineWrapper.wrap(text, width: width - indent).map { pad + $0 }
    }

    /// Words joined by spaces and broken between words only; continuation lines indented by `hang`
    /// more. A word wider than the line is broken by the line wrapper.
    private func wrapWords(_ words: [String], indent: Int, hang: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in words {
            let prefix = lines.isEmpty ? indent : indent + hang
            let candidate = line.isEmpty ? word : line + " " + word
            if line.isEmpty || prefix + DisplayWidth.of(candidate) <= width {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            let prefix = index == 0 ? indent : indent + hang
            let pad = String(repeating: " ", count: prefix)
            out.append(contentsOf: LineWrapper.wrap(line, width: width - prefix).map { pad + $0 })
        }
        return out
    }

    /// Rows of a name and its description: names in one column, descriptions wrapped beside them;
    /// a name wider than the column, or a narrow terminal, puts the description on the next line.
    private func table(_ rows: [(String, String)]) -> [String] {
        let widest = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let column = min(widest, Self.labelColumnLimit) + 2 + 2
        let descriptionWidth = width - column
        var lines: [String] = []
        for (label, description) in rows {
            let labelWidth = DisplayWidth.of(label)
            if description.isEmpty {
                lines.append(contentsOf: wrap(label, indent: 2))
                continue
            }
            if descriptionWidth < 20 || labelWidth > column - 4 {
                lines.append(contentsOf: wrap(label, indent: 2))
                lines.append(contentsOf: wrap(description, indent: min(column, 8)))
                continue
            }
            let wrapped = LineWrapper.wrap(description, width: descriptionWidth)
            for (index, part) in wrapped.enumerated() {
                let head = index == 0 ? "  " + DisplayWidth.padded(label, to: column - 2) : String(repeating: " ", count: column)
                lines.append(head + part)
            }
        }
        return lines
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension HelpScreen {
    /// Help for `casebook …` on the command line: the terminal's width, else COLUMNS, else 80.
    static func forCommandLine(environment: [String: String]) -> HelpScreen {
        var width = 80
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        }
        return HelpScreen(width: width, language: Help.language, program: "casebook")
    }

    /// Help inside the shell: the session's width and language; commands typed without `casebook`.
    static func inShell(_ session: Session) -> HelpScreen {
        HelpScreen(width: session.width, language: session.language, program: "")
    }
}

import ArgumentParser
import CasebookCore

/// What a line the argument parser did not simply run comes to: help to print, or a usage error
/// (exit 2) naming what was wrong, with the command's usage — both in the user's language.
///
/// swift-argument-parser stays the parser, but its help and its error texts are English only.
/// Its thrown error keeps which command was being parsed and which of its `ParserError` cases
/// applied (internal types, read here by reflection); the names quoted in its English message
/// fill in the details. Anything unrecognised becomes a plain usage error, never English text
/// under a Japanese locale.
enum ParserOutcome {
    /// Help to print on standard output; exit 0.
    case help(String)
    /// A usage error to print on standard error; exit 2.
    case usageError(String)
    /// Not the parser's: a failure of the command itself, or an exit status.
    case other

    /// The outcome of `error`, thrown by `Casebook.parseAsRoot` or by running what it returned.
    static func of(_ error: Error, screen: HelpScreen) -> ParserOutcome {
        if error is ExitCode || error is CommandFailure { return .other }
        let mirror = Mirror(reflecting: error)
        let stack = mirror.children.first { $0.label == "commandStack" }?.value as? [ParsableCommand.Type] ?? []
        let command = stack.last.map(CommandDescription.command(of:)) ?? CommandDescription.root
        guard let parserError = mirror.children.first(where: { $0.label == "parserError" })?.value else {
            // A ValidationError thrown from a command's run() on the command line (open, save).
            if let validation = error as? ValidationError {
                return usageError(.refused(MessageText(verbatim: validation.message)), command: nil, screen: screen)
            }
            return .other
        }
        let english = Casebook.message(for: error)
        let quoted = quotedWords(in: english)
        let (caseName, payload) = enumCase(parserError)
        let message: UsageMessage
        switch caseName {
        case "helpRequested":
            return .help(screen.render(command))
        case "unknownOption", "missingValueOrUnknownCompositeOption":
            let suggestion = english.contains("Did you mean") && quoted.count > 1 ? quoted[1] : nil
            message = .unknownOption(option: quoted.first ?? "", suggestion: suggestion)
        case "invalidOption":
            message = .unknownOption(option: strings(in: payload).first ?? "", suggestion: nil)
        case "nonAlphanumericShortOption":
            message = .unknownOption(option: "-" + (payload.map { "\($0)" } ?? ""), suggestion: nil)
        case "missingValueForOption":
            message = .missingValue(option: quoted.first ?? "")
        case "unexpectedValueForOption":
            message = .unexpectedValue(option: quoted.first ?? "", value: strings(in: payload).last ?? "")
        case "unexpectedExtraValues" where command.name == CommandDescription.root.name:
            // `casebook frob`: the first word is taken for a command.
            let words = strings(in: payload)
            message = .refused(ShellMessage.unknownCommand(name: words.first ?? "", commands: CommandList.names).rendered(in: screen.language))
        case "unexpectedExtraValues":
            message = .unexpectedArguments(strings(in: payload))
        case "noValue":
            message = quoted.isEmpty ? .invalid : .missingArgument(name: quoted.joined(separator: " / "))
        case "unableToParseValue":
            let value = payload.flatMap { Mirror(reflecting: $0).children.dropFirst(2).first?.value as? String } ?? quoted.first ?? ""
            message = .badValue(value: value, name: quoted.last ?? "")
        case "duplicateExclusiveValues":
            message = .duplicate
        case "userValidationError", "noArguments":
            // The command's own check (ValidationError), written in the user's language already.
            message = .refused(MessageText(verbatim: english))
        default:
            message = .invalid
        }
        return usageError(message, command: command, screen: screen)
    }

    /// The outcome of a parsed `help [COMMAND]`, which the parser returns as its own command; `nil`
    /// for any other command.
    static func of(parsed command: ParsableCommand, screen: HelpScreen) -> ParserOutcome? {
        guard String(describing: type(of: command)) == "HelpCommand" else { return nil }
        // `help`'s words are in its `@Argument var subcommands`, stored as `_subcommands`.
        var words = strings(in: Mirror(reflecting: command).children.first { $0.label == "_subcommands" }?.value)
        // `casebook CMD --help` arrives as help for the stack of command names, root first.
        if words.first == CommandDescription.root.name { words.removeFirst() }
        guard let name = words.first else { return .help(screen.render(CommandDescription.root)) }
        let found = name == "help" ? nil : CommandDescription.command(named: name)
        if found == nil, name != "help" {
            let unknown = ShellMessage.unknownCommand(name: name, commands: CommandList.names).rendered(in: screen.language)
            return usageError(.refused(unknown), command: CommandDescription.root, screen: screen)
        }
        if words.count > 1 {
            return usageError(.unexpectedArguments(Array(words.dropFirst())), command: CommandDescription.root, screen: screen)
        }
        guard let found else { return .help(screen.renderHelpCommand()) }
        return .help(screen.render(found))
    }

    /// An error naming `message`, then `command`'s usage and where to read more (no usage for a
    /// refusal that came from running the command rather than from parsing it).
    static func usageError(_ message: UsageMessage, command: CommandDescription?, screen: HelpScreen) -> ParserOutcome {
        let language = screen.language
        var lines = LineWrapper.wrap(UsageMessage.error(message.rendered(in: language)).text(in: language), width: screen.width)
        guard let command else { return .usageError(lines.joined(separator: "\n")) }
        if command.name != CommandDescription.root.name || !screen.program.isEmpty {
            lines += screen.usageLines(command)
        }
        if command.name != CommandDescription.root.name {
            lines += LineWrapper.wrap(HelpMessage.seeHelpFor(program: screen.program, command: command.name).text(in: language), width: screen.width)
        }
        return .usageError(lines.joined(separator: "\n"))
    }

    /// The case name of an enum value and its payload, if any.
    private static func enumCase(_ value: Any) -> (String, Any?) {
        if let child = Mirror(reflecting: value).children.first, let label = child.label { return (label, child.value) }
        return (String(describing: value), nil)
    }

    /// Every string in `value`, in order, found through its stored properties and elements.
    private static func strings(in value: Any?, depth: Int = 0) -> [String] {
        guard let value, depth < 6 else { return [] }
        if let string = value as? String { return [string] }
        return Mirror(reflecting: value).children.flatMap { strings(in: $0.value, depth: depth + 1) }
    }

    /// The words the parser's message quotes, such as `'--bogus'` and `'<case>'`.
    private static func quotedWords(in message: String) -> [String] {
        message.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}

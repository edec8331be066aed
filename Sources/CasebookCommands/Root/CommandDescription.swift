import ArgumentParser
import CasebookCore

/// What help shows of a command: its name, texts, arguments and subcommands, read from the
/// argument parser's own description of the command definitions (the JSON of `_dumpHelp()`,
/// the parser's `ToolInfoV0`), so that help never drifts from what the parser accepts.
struct CommandDescription {
    /// One argument, option or flag.
    struct Argument {
        /// How it is given.
        enum Kind: String {
            case positional
            case option
            case flag
        }

        var kind: Kind
        /// `-h`, `--help`… in the order defined; empty for a positional argument.
        var names: [String]
        /// The name of its value, e.g. `case` for `<case>`.
        var valueName: String
        var isOptional: Bool
        var isRepeating: Bool
        /// Its one-line help, in the user's language.
        var abstract: String

        /// Whether this is the `-h`/`--help` flag the parser adds to every command.
        var isHelpFlag: Bool { kind == .flag && names.contains("--help") }

        /// How it is written in a usage line, without brackets: `<case>`, `--form <F>`, `--yes`.
        var synopsis: String {
            switch kind {
            case .positional: "<\(valueName)>" + (isRepeating ? " ..." : "")
            case .option: (names.last(where: { $0.hasPrefix("--") }) ?? names.first ?? "") + " <\(valueName)>"
            case .flag: names.last(where: { $0.hasPrefix("--") }) ?? names.first ?? ""
            }
        }

        /// How it is written in the list of options: every name, then the value.
        var label: String {
            switch kind {
            case .positional: "<\(valueName)>"
            case .option: names.joined(separator: ", ") + " <\(valueName)>"
            case .flag: names.joined(separator: ", ")
            }
        }
    }

    /// The name typed.
    var name: String
    /// Other names typed for it.
    var aliases: [String]
    var abstract: String
    var discussion: String
    var arguments: [Argument]
    var subcommands: [CommandDescription]

    /// The description of `casebook` and every command under it, read once.
    static let root: CommandDescription = {
        let document = (try? JSONParser.parse(Casebook._dumpHelp())) ?? .null
        return CommandDescription(document["command"] ?? .null)
    }()

    /// The command that `name` (or an alias) names, among `root`'s subcommands.
    static func command(named name: String) -> CommandDescription? {
        root.subcommands.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// The command that `type` defines; `root` for `Casebook`.
    static func command(of type: ParsableCommand.Type) -> CommandDescription {
        guard let name = type.configuration.commandName, name != root.name else { return root }
        return command(named: name) ?? root
    }

    private init(_ value: JSONValue) {
        name = value["commandName"]?.stringValue ?? ""
        aliases = value["aliases"]?.arrayElements?.compactMap(\.stringValue) ?? []
        abstract = value["abstract"]?.stringValue ?? ""
        discussion = value["discussion"]?.stringValue ?? ""
        arguments = (value["arguments"]?.arrayElements ?? []).compactMap { argument in
            guard argument["shouldDisplay"] != .bool(false),
                  let kind = argument["kind"]?.stringValue.flatMap(Argument.Kind.init(rawValue:)) else { return nil }
            let names = (argument["names"]?.arrayElements ?? []).compactMap { name -> String? in
                guard let text = name["name"]?.stringValue else { return nil }
                return (name["kind"]?.stringValue == "long" ? "--" : "-") + text
            }
            return Argument(kind: kind, names: names, valueName: argument["valueName"]?.stringValue ?? "",
                            isOptional: argument["isOptional"] == .bool(true), isRepeating: argument["isRepeating"] == .bool(true),
                            abstract: argument["abstract"]?.stringValue ?? "")
        }
        subcommands = (value["subcommands"]?.arrayElements ?? []).filter { $0["shouldDisplay"] != .bool(false) }.map(CommandDescription.init)
    }
}

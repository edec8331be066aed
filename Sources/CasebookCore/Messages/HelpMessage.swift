/// The words of help (SPEC §3.6, §3.7): casebook's own description, and the headings and fixed
/// lines that help screens are made of.
public enum HelpMessage: BilingualMessage {
    /// What casebook is, in one sentence.
    case abstract
    /// How the shell starts and how cases are named.
    case discussion
    /// The heading before the usage line.
    case usageHeading
    /// The heading of the positional arguments.
    case argumentsHeading
    /// The heading of the options.
    case optionsHeading
    /// The heading of the commands.
    case commandsHeading
    /// What `-h`/`--help` does.
    case helpFlag
    /// What `help` does.
    case helpCommand
    /// The argument of `help`.
    case helpCommandArgument
    /// The placeholder for a command in a usage line.
    case commandPlaceholder
    /// How to get one command's help; `program` is `casebook` or empty in the shell.
    case seeCommandHelp(program: String)
    /// Where to read more about one command after a usage error.
    case seeHelpFor(program: String, command: String)

    public var japanese: MessageText {
        switch self {
        case .abstract: "協働事例紹介シートを JSON で保存し、git で管理しながら作成・編集・レビューします。"
        case .discussion:
            "コマンドを省略すると、ストア（Store/、--store DIR または CASEBOOK_STORE）で対話シェルを起動します。事例は ID、ID の先頭、または事業名の一部で指定します。"
        case .usageHeading: "使い方:"
        case .argumentsHeading: "引数:"
        case .optionsHeading: "オプション:"
        case .commandsHeading: "コマンド:"
        case .helpFlag: "このヘルプを表示します。"
        case .helpCommand: "コマンドの一覧、または一つのコマンドの使い方を表示します。"
        case .helpCommandArgument: "使い方を見るコマンド（省略すると一覧）"
        case .commandPlaceholder: "<コマンド>"
        case .seeCommandHelp(let program): "各コマンドの詳しい使い方は「\(Self.invocation(program, "help <コマンド>"))」で表示します。"
        case .seeHelpFor(let program, let command): "詳しくは「\(Self.invocation(program, "help " + command))」を見てください。"
        }
    }

    public var english: MessageText {
        switch self {
        case .abstract: "Draft, edit and review 協働事例紹介シート (collaboration case sheets) stored as JSON in git."
        case .discussion:
            "Without a command, starts the interactive shell on the store (Store/, --store DIR or CASEBOOK_STORE). A case is named by its id, the start of its id, or part of its title."
        case .usageHeading: "USAGE:"
        case .argumentsHeading: "ARGUMENTS:"
        case .optionsHeading: "OPTIONS:"
        case .commandsHeading: "COMMANDS:"
        case .helpFlag: "Show this help."
        case .helpCommand: "List the commands, or show one command's usage."
        case .helpCommandArgument: "The command to explain; all of them when left out."
        case .commandPlaceholder: "<command>"
        case .seeCommandHelp(let program): "See “\(Self.invocation(program, "help <command>"))” for one command's usage."
        case .seeHelpFor(let program, let command): "See “\(Self.invocation(program, "help " + command))” for more."
        }
    }

    /// `words` as typed: after the program's name on the command line, alone in the shell.
    private static func invocation(_ program: String, _ words: String) -> String {
        program.isEmpty ? words : program + " " + words
    }
}

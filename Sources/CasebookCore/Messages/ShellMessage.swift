/// What the interactive shell itself says (SPEC §3, §3.1).
public enum ShellMessage: BilingualMessage {
    /// The line the shell starts with.
    case banner(path: String, cases: Int, uncommitted: Int)
    /// Leaving.
    case bye
    /// How many cases are not committed, on leaving.
    case uncommitted(count: Int)
    /// Ctrl-C at the prompt.
    case interrupted
    /// A first word that is no command.
    case unknownCommand(name: String, commands: [String])
    /// A line with an open quote or a trailing backslash.
    case quoteError
    /// `open` succeeded.
    case opened(id: CaseID, title: String)
    /// A command that only the shell runs.
    case notInShell(command: String)

    public var japanese: MessageText {
        switch self {
        case .banner(let path, let cases, let uncommitted):
            "\(path): \(cases) 件、未コミットの変更 \(uncommitted) 件。help でコマンド一覧、quit で終了します。"
        case .bye: "終了します。"
        case .uncommitted(let count): "未コミットの変更がある事例: \(count) 件（commit で git に記録します）。"
        case .interrupted: "（入力を取り消しました。終了は Ctrl-D または quit）"
        case .unknownCommand(let name, let commands): "「\(name)」というコマンドはありません。コマンド: \(commands, separator: ", ")"
        case .quoteError: "引用符が閉じていないか、行末にバックスラッシュがあります。"
        case .opened(let id, let title): "\(id.rawValue)「\(title)」を開きました。"
        case .notInShell(let command): "`\(command)` はシェルの中でのみ使えます。"
        }
    }

    public var english: MessageText {
        switch self {
        case .banner(let path, let cases, let uncommitted):
            "\(path): \(cases) cases, \(uncommitted) with uncommitted changes. Type help for commands, quit to leave."
        case .bye: "Bye."
        case .uncommitted(let count): "\(count) cases have uncommitted changes (commit saves them to git)."
        case .interrupted: "(line abandoned; Ctrl-D or quit leaves)"
        case .unknownCommand(let name, let commands): "Unknown command “\(name)”. Commands: \(commands, separator: ", ")"
        case .quoteError: "The line has an unclosed quote or a trailing backslash."
        case .opened(let id, let title): "Opened \(id.rawValue) “\(title)”."
        case .notInShell(let command): "`\(command)` works only inside the shell."
        }
    }
}

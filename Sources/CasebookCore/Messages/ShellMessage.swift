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
    /// Ctrl-C while a command printed: the rest of its output was not shown.
    case commandInterrupted
    /// A first word that is no command.
    case unknownCommand(name: String, commands: [String])
    /// A line with an open quote or a trailing backslash.
    case quoteError
    /// `open` succeeded.
    case opened(id: CaseID, title: String)
    /// A command that only the shell runs.
    case notInShell(command: String)
    /// The history file is a symbolic link, which is never followed (SPEC §7).
    case historySymbolicLink(path: String)
    /// The history file is not a regular file.
    case historyNotAFile(path: String)
    /// The history file could not be read or written; `reason` is the system's.
    case historyFailed(path: String, reason: String)
    /// A command failed for a reason of the system's, not one of casebook's own messages.
    case commandFailed(reason: String)

    public var japanese: MessageText {
        switch self {
        case .banner(let path, let cases, let uncommitted):
            "\(path): \(cases) 件、未コミットの変更 \(uncommitted) 件。help でコマンド一覧、quit で終了します。"
        case .bye: "終了します。"
        case .uncommitted(let count): "未コミットの変更がある事例: \(count) 件（commit で git に記録します）。"
        case .interrupted: "（入力を取り消しました。終了は Ctrl-D または quit）"
        case .commandInterrupted: "（Ctrl-C で表示を中断しました）"
        case .unknownCommand(let name, let commands): "「\(name)」というコマンドはありません。コマンド: \(commands, separator: ", ")"
        case .quoteError: "引用符が閉じていないか、行末にバックスラッシュがあります。"
        case .opened(let id, let title): "\(id.rawValue)「\(title)」を開きました。"
        case .notInShell(let command):
            "`\(command)` はシェルの中でのみ使えます。`casebook コマンド` は毎回ファイルを読み直し、事例は引数で指定します。"
        case .historySymbolicLink(let path): "履歴ファイル \(path) はシンボリックリンクのため使いません。"
        case .historyNotAFile(let path): "履歴ファイル \(path) は通常のファイルではありません。"
        case .historyFailed(let path, let reason): "履歴ファイル \(path) を読み書きできません: \(reason)"
        case .commandFailed(let reason): "コマンドを実行できませんでした: \(reason)"
        }
    }

    public var english: MessageText {
        switch self {
        case .banner(let path, let cases, let uncommitted):
            "\(path): \(cases) cases, \(uncommitted) with uncommitted changes. Type help for commands, quit to leave."
        case .bye: "Bye."
        case .uncommitted(let count): "\(count, "case has", "cases have") uncommitted changes (commit saves them to git)."
        case .interrupted: "(line abandoned; Ctrl-D or quit leaves)"
        case .commandInterrupted: "(output stopped by Ctrl-C)"
        case .unknownCommand(let name, let commands): "Unknown command “\(name)”. Commands: \(commands, separator: ", ")"
        case .quoteError: "The line has an unclosed quote or a trailing backslash."
        case .opened(let id, let title): "Opened \(id.rawValue) “\(title)”."
        case .notInShell(let command):
            "`\(command)` works only inside the shell; each `casebook COMMAND` reads the files afresh and takes its case as an argument."
        case .historySymbolicLink(let path): "The history file \(path) is a symbolic link; it is not followed."
        case .historyNotAFile(let path): "The history file \(path) is not a regular file."
        case .historyFailed(let path, let reason): "Cannot read or write the history file \(path): \(reason)"
        case .commandFailed(let reason): "The command failed: \(reason)"
        }
    }
}

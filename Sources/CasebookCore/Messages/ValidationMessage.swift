/// What `validate` reports (SPEC §3.2): one line per issue, prefixed with the case id, and a summary.
public enum ValidationMessage: BilingualMessage {
    /// A required field is empty.
    case missing(id: String, label: String)
    /// A value outside a closed choice.
    case notAChoice(id: String, label: String, value: String)
    /// A value that is not one of an open choice's usual values.
    case unknownChoice(id: String, label: String, value: String)
    /// An era year outside its era; `year` as the user would type it.
    case eraOutOfRange(id: String, label: String, year: String)
    /// A flow naming someone who is not an actor.
    case unknownActor(id: String, label: String, name: String)
    /// A line break in a one-line field, item or paragraph; `start` is how it starts (⏎ for the break).
    case lineBreak(id: String, label: String, start: String)
    /// Every case checked is valid.
    case allGood(checked: Int)
    /// How many cases had errors and warnings.
    case summary(checked: Int, withErrors: Int, withWarnings: Int)
    /// A line reporting an error.
    case error(MessageText)
    /// A line reporting a warning.
    case warning(MessageText)

    public var japanese: MessageText {
        switch self {
        case .missing(let id, let label): "\(id): \(label) が空です"
        case .notAChoice(let id, let label, let value): "\(id): \(label)「\(value)」は使える値ではありません"
        case .unknownChoice(let id, let label, let value): "\(id): \(label)「\(value)」は通常の値ではありません"
        case .eraOutOfRange(let id, let label, let year): "\(id): \(label) \(year) は元号の範囲外です"
        case .unknownActor(let id, let label, let name): "\(id): \(label) の流れが登場者にない「\(name)」を指しています"
        case .lineBreak(let id, let label, let start): "\(id): \(label) の「\(start)」に改行が含まれています"
        case .allGood(let checked): "\(checked) 件を検査しました。すべて正しい形式です。"
        case .summary(let checked, let withErrors, let withWarnings):
            "\(checked) 件を検査しました。エラー \(withErrors) 件、警告 \(withWarnings) 件。"
        case .error(let line): "エラー: \(line)"
        case .warning(let line): "警告: \(line)"
        }
    }

    public var english: MessageText {
        switch self {
        case .missing(let id, let label): "\(id): \(label) is empty"
        case .notAChoice(let id, let label, let value): "\(id): \(label) “\(value)” is not one of the allowed values"
        case .unknownChoice(let id, let label, let value): "\(id): \(label) “\(value)” is not one of the usual values"
        case .eraOutOfRange(let id, let label, let year): "\(id): \(label) \(year) is outside its era"
        case .unknownActor(let id, let label, let name): "\(id): \(label) a flow names “\(name)”, which is not an actor"
        case .lineBreak(let id, let label, let start): "\(id): \(label) holds a line break in “\(start)”"
        case .allGood(let checked): "\(checked, "case", "cases") checked: all valid."
        case .summary(let checked, let withErrors, let withWarnings):
            "\(checked, "case", "cases") checked: \(withErrors) with errors, \(withWarnings) with warnings."
        case .error(let line): "error: \(line)"
        case .warning(let line): "warning: \(line)"
        }
    }
}

/// A command line or shell line that the argument parser refused (SPEC §3.2, §3.6): what was
/// wrong, named, in the user's language. The command's usage follows it.
public enum UsageMessage: BilingualMessage {
    /// An option the command does not have; `suggestion` is a close one it has.
    case unknownOption(option: String, suggestion: String?)
    /// An option given without its value.
    case missingValue(option: String)
    /// A flag given a value.
    case unexpectedValue(option: String, value: String)
    /// Words the command does not take.
    case unexpectedArguments([String])
    /// An argument the command needs.
    case missingArgument(name: String)
    /// A value the option or argument cannot read.
    case badValue(value: String, name: String)
    /// The same flag given twice, or two that exclude each other.
    case duplicate
    /// A refusal the parser gave no details of.
    case invalid
    /// A command's own check, already in the user's language.
    case refused(MessageText)
    /// The line that introduces an error.
    case error(MessageText)
    /// The usage line that follows an error.
    case usage(MessageText)

    public var japanese: MessageText {
        switch self {
        case .unknownOption(let option, nil): "「\(option)」というオプションはありません。"
        case .unknownOption(let option, let suggestion?): "「\(option)」というオプションはありません。「\(suggestion)」のことですか。"
        case .missingValue(let option): "\(option) の値がありません。"
        case .unexpectedValue(let option, let value): "\(option) は値を取りません（「\(value)」が指定されました）。"
        case .unexpectedArguments(let words): "余分な引数があります: \(words.map { "「" + $0 + "」" }, separator: "")"
        case .missingArgument(let name): "\(name) を指定してください。"
        case .badValue(let value, let name): "「\(value)」は \(name) の値として読めません。"
        case .duplicate: "同じオプションが重ねて、または両立しないオプションが一緒に指定されています。"
        case .invalid: "コマンドの指定が正しくありません。"
        case .refused(let text): "\(text)"
        case .error(let text): "エラー: \(text)"
        case .usage(let line): "使い方: \(line)"
        }
    }

    public var english: MessageText {
        switch self {
        case .unknownOption(let option, nil): "Unknown option “\(option)”."
        case .unknownOption(let option, let suggestion?): "Unknown option “\(option)”. Did you mean “\(suggestion)”?"
        case .missingValue(let option): "\(option) needs a value."
        case .unexpectedValue(let option, let value): "\(option) takes no value, but “\(value)” was given."
        case .unexpectedArguments(let words): "Unexpected arguments: \(words.map { "“" + $0 + "”" }, separator: " ")"
        case .missingArgument(let name): "Missing \(name)."
        case .badValue(let value, let name): "“\(value)” is not a value \(name) can read."
        case .duplicate: "An option is given twice, or with one it excludes."
        case .invalid: "The command line is not valid."
        case .refused(let text): "\(text)"
        case .error(let text): "Error: \(text)"
        case .usage(let line): "Usage: \(line)"
        }
    }
}

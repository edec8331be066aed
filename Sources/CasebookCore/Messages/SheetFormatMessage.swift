/// What a case file should have held where it held something else (a file that is JSON but not
/// a case sheet), in words.
public enum SheetFormatMessage: BilingualMessage {
    /// What was expected at a place.
    case expected(SheetDecodingError.Expectation)
    /// The whole error: where, and what was expected there.
    case error(SheetDecodingError)

    public var japanese: MessageText {
        switch self {
        case .expected(let expectation):
            switch expectation {
            case .string: "文字列"
            case .strings: "文字列の配列"
            case .array: "配列"
            case .object(let keys, let orNull): "\(keys, separator: "・") を持つオブジェクト\(verbatim: orNull ? "または null" : "")"
            case .oneOf(let words): "\(words, separator: "・") のいずれか"
            case .wholeNumberOrNull: "整数または null"
            case .schemaNumber(let version): "整数（\(version)）"
            }
        case .error(let error): "\(error.path) には\(SheetFormatMessage.expected(error.expected).japanese)が必要です"
        }
    }

    public var english: MessageText {
        switch self {
        case .expected(let expectation):
            switch expectation {
            case .string: "a string"
            case .strings: "an array of strings"
            case .array: "an array"
            case .object(let keys, let orNull): "an object with \(keys, separator: ", ")\(verbatim: orNull ? " or null" : "")"
            case .oneOf(let words): "one of \(words, separator: ", ")"
            case .wholeNumberOrNull: "a whole number or null"
            case .schemaNumber(let version): "a whole number (\(version))"
            }
        case .error(let error): "\(error.path): expected \(SheetFormatMessage.expected(error.expected).english)"
        }
    }
}

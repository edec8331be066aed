/// Messages about naming fields and typing their values (SPEC §1, §3.3).
public enum FieldMessage: BilingualMessage {
    /// A name that is no field or section; `fields` are the keys accepted.
    case unknownField(name: String, fields: [String])
    /// A field that `set` cannot set in one go.
    case fieldNotSingleLine(label: String, key: String)
    /// A required field left empty.
    case valueRequired(label: String)
    /// A line break in a one-line field.
    case valueLineBreak(label: String)
    /// A control character, direction mark or U+FFFD in a value.
    case valueUnacceptableCharacter(label: String, code: String)
    /// What such a character is, for the messages of every text held to that rule.
    case unacceptableCharacterKinds
    /// A value outside a closed choice.
    case valueNotAChoice(label: String, value: String, choices: [String])
    /// A choice number past the last choice.
    case choiceNumberOutOfRange(label: String, count: Int)
    /// Text that is not an era year.
    case eraUnrecognised(typed: String)
    /// A year past the end of its era.
    case eraOutOfRange(era: String, year: Int, last: Int)
    /// A Western year outside the eras casebook knows.
    case eraWesternOutOfRange(year: Int, last: Int)
    /// A line that is not a diagram flow.
    case badFlow(typed: String)
    /// A value that is not one of an open choice's usual values; kept.
    case unknownChoiceWarning(label: String, value: String, known: [String])

    public var japanese: MessageText {
        switch self {
        case .unknownField(let name, let fields): "「\(name)」は項目でもセクションでもありません。項目: \(fields, separator: ", ")"
        case .fieldNotSingleLine(let label, let key): "\(label) は一度には設定できません。`edit CASE \(key)` を使ってください。"
        case .valueRequired(let label): "\(label) は必須です。"
        case .valueLineBreak(let label): "\(label) は一行です。改行は使えません。"
        case .valueUnacceptableCharacter(let label, let code):
            "\(label) に \(code) は入れられません（\(FieldMessage.unacceptableCharacterKinds, in: .japanese)）。その文字を除いて入力してください。何も変更していません。"
        case .unacceptableCharacterKinds: "制御文字、文字の向きを変える記号、または UTF-8 でないバイト"
        case .valueNotAChoice(let label, let value, let choices):
            "「\(value)」は \(label) に使えません。次のいずれかを選んでください: \(choices, separator: "、")"
        case .choiceNumberOutOfRange(let label, let count): "\(label) の選択肢は 1 から \(count) です。"
        case .eraUnrecognised(let typed):
            "「\(typed)」は年度として読めません。使える形: 昭和60、S60、平成元、H13、令和5、R5、西暦（1985 など）、元号のみ（平成）。後ろに 年・年度 を付けても構いません。"
        case .eraOutOfRange(let era, let year, let last): "\(era)\(year)年はありません。\(era)は 1 から \(last) 年までです。"
        case .eraWesternOutOfRange(let year, let last): "\(year) 年は 1926 年から \(last) 年の範囲外です。"
        case .badFlow(let typed): "「\(typed)」は流れとして読めません。「から → へ：内容」の形で書いてください（-> と : も使えます）。"
        case .unknownChoiceWarning(let label, let value, let known):
            "注意: 「\(value)」は \(label) の通常の値（\(known, separator: "、")）ではありません。入力どおり保存します。"
        }
    }

    public var english: MessageText {
        switch self {
        case .unknownField(let name, let fields): "“\(name)” is not a field or section. Fields: \(fields, separator: ", ")"
        case .fieldNotSingleLine(let label, let key): "\(label) is not set in one go; use `edit CASE \(key)`."
        case .valueRequired(let label): "\(label) is required."
        case .valueLineBreak(let label): "\(label) is one line; line breaks are not allowed."
        case .valueUnacceptableCharacter(let label, let code):
            "\(label) cannot hold \(code) (\(FieldMessage.unacceptableCharacterKinds, in: .english)). Type the text without it; nothing was changed."
        case .unacceptableCharacterKinds: "a control character, a text-direction mark, or bytes that were not UTF-8"
        case .valueNotAChoice(let label, let value, let choices):
            "“\(value)” is not a value of \(label). Choose one of: \(choices, separator: "、")"
        case .choiceNumberOutOfRange(let label, let count): "\(label) has choices 1 to \(count)."
        case .eraUnrecognised(let typed):
            "“\(typed)” is not a year. Accepted: 昭和60, S60, 平成元, H13, 令和5, R5, a Western year such as 1985, or an era alone (平成); 年/年度 may follow."
        case .eraOutOfRange(let era, let year, let last): "\(era) has no year \(year): its years are 1 to \(last)."
        case .eraWesternOutOfRange(let year, let last): "\(year) is outside 1926 to \(last)."
        case .badFlow(let typed): "“\(typed)” is not a flow. Write FROM → TO：LABEL (-> and : also work)."
        case .unknownChoiceWarning(let label, let value, let known):
            "Note: “\(value)” is not one of the usual values of \(label) (\(known, separator: "、")); kept as typed."
        }
    }
}

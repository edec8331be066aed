/// Why a file is not JSON, in words, with the line and column where the reading stopped.
public enum JSONMessage: BilingualMessage {
    /// A parse error.
    case parseError(JSONParseError)

    public var japanese: MessageText {
        switch self {
        case .parseError(let error): "\(error.line) 行 \(error.column) 文字目: \(Self.japanese(error.reason))"
        }
    }

    public var english: MessageText {
        switch self {
        case .parseError(let error): "\(verbatim: error.reason.englishWords) at line \(error.line), column \(error.column)"
        }
    }

    private static func japanese(_ reason: JSONParseError.Reason) -> MessageText {
        switch reason {
        case .byteOrderMark: "先頭にバイト順マーク（BOM）があります"
        case .textAfterDocument: "JSON の終わりの後にさらに文字があります"
        case .unexpectedEndOfFile: "ファイルが途中で終わっています"
        case .unexpectedCharacter: "ここに置けない文字があります"
        case .nestedTooDeeply: "入れ子が深すぎます"
        case .expectedKey: "キー（\"…\"）があるべきところです"
        case .expectedColon: "「:」があるべきところです"
        case .expectedCommaOrBrace: "「,」か「}」があるべきところです"
        case .expectedCommaOrBracket: "「,」か「]」があるべきところです"
        case .badNumber: "数値が正しくありません"
        case .unterminatedString: "文字列が閉じていません"
        case .notUTF8: "UTF-8 として正しくないバイトがあります"
        case .controlCharacterInString: "文字列の中に制御文字があります"
        case .loneSurrogate: "対になっていないサロゲート（\\u）があります"
        case .badEscape: "正しくないエスケープ（\\）があります"
        case .badUnicodeEscape: "\\u の後が 16 進数 4 桁ではありません"
        }
    }
}

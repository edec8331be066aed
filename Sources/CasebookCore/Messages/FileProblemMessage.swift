/// Why a file in the store did not load (SPEC §2.2): always named with the file, never repaired;
/// and what is said about a case named directly whose file cannot be read.
public enum FileProblemMessage: BilingualMessage {
    /// The bytes are not UTF-8.
    case notUTF8
    /// The text is not JSON; where and why.
    case badJSON(JSONParseError)
    /// JSON, but not a case sheet.
    case wrongTypes(SheetDecodingError)
    /// Git conflict markers.
    case conflicted
    /// The system could not read it.
    case unreadable(reason: String)
    /// A name that is not a case id.
    case badFileName
    /// The name ends in `.json` but is not a regular file.
    case notARegularFile(FileKind)
    /// A command named a case whose file cannot be read: the file and why.
    case caseUnreadable(fileName: String, reason: String)

    public var japanese: MessageText {
        switch self {
        case .notUTF8: "UTF-8 のテキストではありません"
        case .badJSON(let error): "JSON として正しくありません（\(JSONMessage.parseError(error), in: .japanese)）"
        case .wrongTypes(let error): "事例シートの形式ではありません（\(SheetFormatMessage.error(error).japanese)）"
        case .conflicted: "git の競合マーカーがあります。競合を解決してから読み込み直してください"
        case .unreadable(let reason): "読み取れません（\(reason)）"
        case .badFileName: "ファイル名が事例 ID として正しくありません"
        case .notARegularFile(let kind): "通常のファイルではありません（\(verbatim: Self.japaneseName(of: kind))）"
        case .caseUnreadable(let fileName, let reason): "\(fileName) を読み込めません: \(verbatim: reason)"
        }
    }

    public var english: MessageText {
        switch self {
        case .notUTF8: "the file is not UTF-8 text"
        case .badJSON(let error): "not valid JSON (\(JSONMessage.parseError(error), in: .english))"
        case .wrongTypes(let error): "not a case sheet (\(SheetFormatMessage.error(error).english))"
        case .conflicted: "it holds git conflict markers; resolve the conflict and load again"
        case .unreadable(let reason): "cannot be read (\(reason))"
        case .badFileName: "the file name is not a valid case id"
        case .notARegularFile(let kind): "not a regular file (\(verbatim: Self.englishName(of: kind)))"
        case .caseUnreadable(let fileName, let reason): "\(fileName) cannot be read: \(verbatim: reason)"
        }
    }

    private static func japaneseName(of kind: FileKind) -> String {
        switch kind {
        case .regularFile: "通常のファイル"
        case .directory: "ディレクトリ"
        case .namedPipe: "名前付きパイプ（FIFO）"
        case .socket: "ソケット"
        case .device: "デバイス"
        case .symbolicLink: "シンボリックリンク"
        case .other: "特殊なファイル"
        }
    }

    private static func englishName(of kind: FileKind) -> String {
        switch kind {
        case .regularFile: "a regular file"
        case .directory: "a directory"
        case .namedPipe: "a named pipe (FIFO)"
        case .socket: "a socket"
        case .device: "a device"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }
}

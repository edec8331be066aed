/// What is said about a file in the store that is not a readable case, and about one named
/// directly that cannot be read (issue 10).
public enum FileProblemMessage: UserMessage {
    /// The name ends in `.json` but is not a regular file.
    case notARegularFile(FileKind)
    /// A command named a case whose file cannot be read: the file and why.
    case caseUnreadable(fileName: String, reason: String)

    public func rendered(in language: Language) -> MessageText {
        switch language {
        case .japanese: japanese
        case .english: english
        }
    }

    private var japanese: MessageText {
        switch self {
        case .notARegularFile(let kind): "通常のファイルではありません（\(verbatim: Self.japaneseName(of: kind))）"
        case .caseUnreadable(let fileName, let reason): "\(fileName) を読み込めません: \(reason)"
        }
    }

    private var english: MessageText {
        switch self {
        case .notARegularFile(let kind): "not a regular file (\(verbatim: Self.englishName(of: kind)))"
        case .caseUnreadable(let fileName, let reason): "\(fileName) cannot be read: \(reason)"
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

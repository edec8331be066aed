/// What `casebook merge-driver` tells git (and so the person running the merge) on standard error.
public enum MergeDriverMessage: BilingualMessage {
    case conflict(path: String, labels: [String])
    case textMerge(path: String, reason: CaseFileMerge.NotMergeable)
    case unreadable(path: String, reason: String)

    public var japanese: MessageText {
        switch self {
        case .conflict(let path, let labels):
            "競合（casebook）: \(path) の \(labels, separator: "、") は両方で別々に変更されています。casebook resolve で解消してください。"
        case .textMerge(let path, .newerSchema(let version, let schema)):
            "競合（casebook）: \(path) の \(verbatim: version.rawValue) 版は新しい casebook が書いたもの（schema \(schema)）なので、テキストとしてマージしました。手で確認してください。"
        case .textMerge(let path, .unreadable(let version, let reason)):
            "競合（casebook）: \(path) の \(verbatim: version.rawValue) 版を事例として読めない（\(reason)）ので、テキストとしてマージしました。手で直して git add してください。"
        case .unreadable(let path, let reason): "casebook merge-driver: \(path) の版を読めません: \(reason)"
        }
    }

    public var english: MessageText {
        switch self {
        case .conflict(let path, let labels):
            "CONFLICT (casebook): \(path): \(labels, separator: ", ") changed differently on both sides. Settle it with casebook resolve."
        case .textMerge(let path, .newerSchema(let version, let schema)):
            "CONFLICT (casebook): \(path): the \(verbatim: version.rawValue) version was written by a newer casebook (schema \(schema)); merged as text. Check it by hand."
        case .textMerge(let path, .unreadable(let version, let reason)):
            "CONFLICT (casebook): \(path): the \(verbatim: version.rawValue) version is not a case (\(reason)); merged as text. Fix it by hand, then git add it."
        case .unreadable(let path, let reason): "casebook merge-driver: cannot read a version of \(path): \(reason)"
        }
    }
}

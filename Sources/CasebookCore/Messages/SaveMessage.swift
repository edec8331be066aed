/// What saves say: merged outside changes, conflicts, kept edits, and saves that failed (SPEC §2.2, §8).
public enum SaveMessage: BilingualMessage {
    /// A save merged changes made in the file meanwhile: `labels` came from the file.
    case mergedFromFile(labels: [String])
    /// Under `--force`, the edit's values replaced the file's in `labels`.
    case forcedOver(labels: [String])
    /// Not saved: both the edit and the file changed `labels`; the edit is kept in memory.
    case conflict(fileName: String, labels: [String])
    /// Not saved: the file was deleted since it was read; the edit is kept.
    case deletedOnDisk(fileName: String)
    /// Not saved: the file on disk can no longer be read as a case.
    case unreadableOnDisk(fileName: String, reason: MessageText)
    /// Not saved: the system refused (disk full, read-only…), in the system's words.
    case failed(fileName: String, reason: String)
    /// Not saved: another casebook held the store's lock too long.
    case lockTimeout(fileName: String)
    /// `quit` or Ctrl-D while edits are kept in memory: the question before they are dropped.
    case quitWithKeptEdits(descriptions: [String])
    /// End of input while edits were kept in memory: they are dropped (a script cannot be asked).
    case keptEditsDropped(descriptions: [String])
    /// The heading `diff` prints above a kept edit, compared with the file.
    case keptEditHeading(id: String, title: String)
    /// `save` of a case with no kept edit.
    case nothingKept(id: String)

    public var japanese: MessageText {
        switch self {
        case .mergedFromFile(let labels):
            "\(labels, separator: "、")は他で変更されていました。両方の変更を保存しました。"
        case .forcedOver(let labels):
            "\(labels, separator: "、")は他での変更をあなたの値で上書きしました。"
        case .conflict(let fileName, let labels):
            "\(fileName) を保存しませんでした。\(labels, separator: "、")は読み込んだ後に他でも変更されています。あなたの編集はメモリに残っています（diff で比較、save --force で上書き、reload で破棄）。"
        case .deletedOnDisk(let fileName):
            "\(fileName) を保存しませんでした。読み込んだ後にファイルが削除されています。あなたの編集はメモリに残っています（save --force で作り直し、reload で破棄）。"
        case .unreadableOnDisk(let fileName, let reason):
            "\(fileName) を保存しませんでした。ディスク上のファイルが読めなくなっています（\(reason)）。ファイルはそのままです。"
        case .failed(let fileName, let reason):
            "\(fileName) を保存できません: \(reason)"
        case .lockTimeout(let fileName):
            "\(fileName) を保存できません: 別の casebook がストアを使用中です。もう一度試してください。"
        case .quitWithKeptEdits(let descriptions):
            "保存されていない編集がメモリに残っています: \(descriptions, separator: "、")。破棄して終了しますか？（yes/no）"
        case .keptEditsDropped(let descriptions):
            "保存されていない編集を破棄しました: \(descriptions, separator: "、")"
        case .keptEditHeading(let id, let title):
            "\(id) \(title)（保存されていない編集: 編集を始めたときの版からの変更）"
        case .nothingKept(let id):
            "\(id) に保存待ちの編集はありません。"
        }
    }

    public var english: MessageText {
        switch self {
        case .mergedFromFile(let labels):
            "\(labels, separator: ", ") had been changed elsewhere; both changes were saved."
        case .forcedOver(let labels):
            "Your value replaced the other change in \(labels, separator: ", ")."
        case .conflict(let fileName, let labels):
            "Not saved: \(labels, separator: ", ") of \(fileName) changed in the file too since it was read (another shell, git, or an editor). Your edit is kept in memory: diff compares it with the file, save --force writes yours over those fields, reload drops it."
        case .deletedOnDisk(let fileName):
            "Not saved: \(fileName) was deleted since it was read. Your edit is kept in memory: save --force writes it again, reload drops it."
        case .unreadableOnDisk(let fileName, let reason):
            "Not saved: \(fileName) on disk can no longer be read (\(reason)); it is left as it is."
        case .failed(let fileName, let reason):
            "Could not save \(fileName): \(reason)"
        case .lockTimeout(let fileName):
            "Could not save \(fileName): another casebook is holding the store; try again."
        case .quitWithKeptEdits(let descriptions):
            "Unsaved edits are kept in memory: \(descriptions, separator: ", "). Discard them and quit? (yes/no)"
        case .keptEditsDropped(let descriptions):
            "Unsaved edits discarded: \(descriptions, separator: ", ")"
        case .keptEditHeading(let id, let title):
            "\(id) \(title) (unsaved edit: what it changed in the version it was made from)"
        case .nothingKept(let id):
            "\(id) has no unsaved edit."
        }
    }
}

/// Version control: `status`, `diff`, `commit`, `log`, `revert`, `init` and git's refusals (SPEC §5).
public enum GitMessage: BilingualMessage {
    /// The store is in no repository.
    case notRepository(storePath: String)
    /// git's own words, one line each.
    case failed(lines: [String])
    /// git could not write: the disk is full, or cannot be written.
    case failedForDisk(lines: [String])
    /// Another git holds the repository's index (`index.lock`).
    case failedWhileBusy(lines: [String])
    /// git ran with nothing to say but a failing exit status.
    case failedStatus(Int32)
    /// A repository without commits.
    case noCommits
    /// Nothing changed since the last commit.
    case clean
    /// `status`: a case added.
    case statusAdded(id: CaseID, title: String)
    /// A file in the store that is not a case, changed since the last commit (`commit` takes it too).
    case statusOther(name: String)
    /// `status`: a case changed, with the changed fields' labels.
    case statusChanged(id: CaseID, title: String, labels: [String])
    /// `status`: a case changed where no field did (only its bytes).
    case statusChangedPlain(id: CaseID, title: String)
    /// `status`: a case deleted.
    case statusDeleted(id: CaseID, title: String)
    case statusRenamed(from: CaseID, to: CaseID, title: String)
    /// A changed file that cannot be read; `reason` already rendered.
    case unreadableChange(reason: MessageText)
    /// `diff` of a case with no changes.
    case caseUnchanged(id: CaseID)
    /// `diff`: a case added.
    case diffAdded(id: CaseID, title: String)
    /// `diff`: a case changed.
    case diffChanged(id: CaseID, title: String)
    /// `diff`: a case deleted.
    case diffDeleted(id: CaseID, title: String)
    case diffRenamed(from: CaseID, to: CaseID, title: String)
    /// `commit` with nothing to commit.
    case commitNothing
    /// A commit made.
    case commitDone(hash: String, message: String)
    /// A file with conflict markers stops the commit.
    case commitConflicted(fileName: String)
    /// A changed file in the store that casebook cannot read as a case.
    case commitUnreadable(fileName: String, reason: MessageText)
    /// A commit message holding a control character, a direction mark or U+FFFD.
    case commitMessageUnacceptableCharacter(code: String)
    /// `log` of a case no commit touches.
    case logEmpty(name: String)
    /// Ask before reverting a whole case.
    case revertConfirmCase(id: CaseID, title: String)
    /// Ask before reverting a field or section.
    case revertConfirmField(id: CaseID, title: String, label: String)
    /// Ask before deleting a case the last commit does not have.
    case revertConfirmDeleteNew(id: CaseID, title: String)
    /// Ask before restoring a deleted case.
    case revertConfirmRestore(id: CaseID, title: String)
    /// A case reverted.
    case revertDone(id: CaseID)
    /// A field reverted.
    case revertFieldDone(id: CaseID, label: String)
    /// A new case reverted, so deleted.
    case revertDeleted(id: CaseID)
    /// A field that has not changed.
    case revertFieldUnchanged(id: CaseID, label: String)
    /// A field of a case that is not committed.
    case revertNotCommitted(id: CaseID)
    /// A case file that cannot be read; `reason` already rendered.
    case revertUnreadable(name: String, reason: MessageText)
    /// `init` made a store.
    case initCreated(path: String)
    /// `init` on a directory in a repository.
    case initAlready(path: String, repository: String)

    public var japanese: MessageText {
        switch self {
        case .notRepository(let path): "ストア \(path) は git リポジトリの中にありません。casebook init \(path) で作成できます。"
        case .failed(let lines): "git がエラーになりました: \(lines, separator: "\n")"
        case .failedWhileBusy(let lines): "このクローンでは別の git が作業中です（止めた sync がマージを終えているところか、別のシェルのコミット）。少し待ってからもう一度してください。ファイルは変わっていません。\ngit: \(lines, separator: "\n")"
        case .failedForDisk(let lines): "ディスクがいっぱいか書き込めないため、git が書けませんでした。空きを作ってからもう一度してください。ファイルは変わっていません。\ngit: \(lines, separator: "\n")"
        case .failedStatus(let status): "git がエラーになりました: exit status \(status)"
        case .noCommits: "まだコミットがありません。"
        case .clean: "前回のコミットから変更はありません。"
        case .statusAdded(let id, let title): "新規  \(id.rawValue)「\(title)」"
        case .statusOther(let name): "その他  \(name)（事例ではないファイル。commit でいっしょにコミットされます）"
        case .statusChanged(let id, let title, let labels): "変更  \(id.rawValue)「\(title)」: \(labels, separator: ", ")"
        case .statusChangedPlain(let id, let title): "変更  \(id.rawValue)「\(title)」"
        case .statusDeleted(let id, let title): "削除  \(id.rawValue)「\(title)」"
        case .statusRenamed(let from, let to, let title): "ID変更  \(from.rawValue) → \(to.rawValue)「\(title)」"
        case .unreadableChange(let reason): "  （ファイルを読めません: \(reason)）"
        case .caseUnchanged(let id): "\(id.rawValue) は前回のコミットから変更がありません。"
        case .diffAdded(let id, let title): "新規 \(id.rawValue)「\(title)」"
        case .diffChanged(let id, let title): "変更 \(id.rawValue)「\(title)」"
        case .diffDeleted(let id, let title): "削除 \(id.rawValue)「\(title)」"
        case .diffRenamed(let from, let to, let title): "ID変更 \(from.rawValue) → \(to.rawValue)「\(title)」（内容は同じ）"
        case .commitNothing: "コミットするものはありません。前回のコミットからストアに変更はありません。"
        case .commitDone(let hash, let message): "コミットしました \(hash): \(message)"
        case .commitConflicted(let fileName): "\(fileName) に git の競合マーカーがあります。解消してからコミットしてください。"
        case .commitUnreadable(let fileName, let reason):
            "\(fileName) は事例として読めないため、コミットしません（\(reason)）。直すか取り除いてから、もう一度コミットしてください。何もコミットしていません。"
        case .commitMessageUnacceptableCharacter(let code): "コミットメッセージに \(code) は入れられません（\(FieldMessage.unacceptableCharacterKinds, in: .japanese)）。何もコミットしていません。"
        case .logEmpty(let name): "\(name) に関わるコミットはありません。"
        case .revertConfirmCase(let id, let title): "\(id.rawValue)「\(title)」を前回のコミットの状態に戻しますか？それ以降の変更は失われます。(yes/no)"
        case .revertConfirmField(let id, let title, let label): "\(id.rawValue)「\(title)」の \(label) を前回のコミットの状態に戻しますか？(yes/no)"
        case .revertConfirmDeleteNew(let id, let title):
            "\(id.rawValue)「\(title)」は前回のコミットにありません。戻すとファイルを削除します。削除しますか？(yes/no)"
        case .revertConfirmRestore(let id, let title): "削除された事例 \(id.rawValue)「\(title)」を前回のコミットから復元しますか？(yes/no)"
        case .revertDone(let id): "\(id.rawValue) を前回のコミットの状態に戻しました。"
        case .revertFieldDone(let id, let label): "\(id.rawValue) の \(label) を前回のコミットの状態に戻しました。"
        case .revertDeleted(let id): "\(id.rawValue) は前回のコミットになかったため削除しました。"
        case .revertFieldUnchanged(let id, let label): "\(id.rawValue) の \(label) は前回のコミットから変更がありません。"
        case .revertNotCommitted(let id): "\(id.rawValue) は前回のコミットにないため、項目を戻せません。`revert \(id.rawValue)` で事例ごと削除できます。"
        case .revertUnreadable(let name, let reason): "\(name) を読めません（\(reason)）。casebook は変更しません。手作業か git で直してください。"
        case .initCreated(let path): "ストア \(path) を作成しました（git リポジトリと、*.json を LF 改行のテキストとして扱う .gitattributes）。"
        case .initAlready(let path, let repository): "\(path) はすでに git リポジトリ \(repository) の中にあります。何も変更していません。"
        }
    }

    public var english: MessageText {
        switch self {
        case .notRepository(let path): "The store \(path) is not in a git repository. Start one with: casebook init \(path)"
        case .failed(let lines): "git refused: \(lines, separator: "\n")"
        case .failedWhileBusy(let lines): "Another git is at work in this clone (a sync that was stopped finishing its merge, or another shell's commit). Wait a moment, then try again. No file was changed.\ngit: \(lines, separator: "\n")"
        case .failedForDisk(let lines): "git could not write: the disk is full or cannot be written. Make room, then try again. No file was changed.\ngit: \(lines, separator: "\n")"
        case .failedStatus(let status): "git refused: exit status \(status)"
        case .noCommits: "No commits yet."
        case .clean: "No changes since the last commit."
        case .statusAdded(let id, let title): "added    \(id.rawValue)  “\(title)”"
        case .statusOther(let name): "other    \(name)  (not a case; commit takes it too)"
        case .statusChanged(let id, let title, let labels): "changed  \(id.rawValue)  “\(title)”: \(labels, separator: ", ")"
        case .statusChangedPlain(let id, let title): "changed  \(id.rawValue)  “\(title)”"
        case .statusDeleted(let id, let title): "deleted  \(id.rawValue)  “\(title)”"
        case .statusRenamed(let from, let to, let title): "renamed  \(from.rawValue) → \(to.rawValue)  “\(title)”"
        case .unreadableChange(let reason): "  (the file cannot be read: \(reason))"
        case .caseUnchanged(let id): "\(id.rawValue) has no changes since the last commit."
        case .diffAdded(let id, let title): "added \(id.rawValue) “\(title)”"
        case .diffChanged(let id, let title): "changed \(id.rawValue) “\(title)”"
        case .diffDeleted(let id, let title): "deleted \(id.rawValue) “\(title)”"
        case .diffRenamed(let from, let to, let title): "renamed \(from.rawValue) → \(to.rawValue) “\(title)” (content unchanged)"
        case .commitNothing: "Nothing to commit: the store has no changes since the last commit."
        case .commitDone(let hash, let message): "Committed \(hash): \(message)"
        case .commitConflicted(let fileName): "\(fileName) has git conflict markers; resolve them before committing."
        case .commitUnreadable(let fileName, let reason):
            "\(fileName) cannot be read as a case (\(reason)), so it is not committed: fix it or take it away, then commit again. Nothing was committed."
        case .commitMessageUnacceptableCharacter(let code): "A commit message cannot hold \(code) (\(FieldMessage.unacceptableCharacterKinds, in: .english)). Nothing was committed."
        case .logEmpty(let name): "No commits touch \(name)."
        case .revertConfirmCase(let id, let title):
            "Put \(id.rawValue) “\(title)” back as it was at the last commit? Its changes since then are lost. (yes/no)"
        case .revertConfirmField(let id, let title, let label): "Put \(label) of \(id.rawValue) “\(title)” back as it was at the last commit? (yes/no)"
        case .revertConfirmDeleteNew(let id, let title):
            "\(id.rawValue) “\(title)” is not in the last commit: reverting it deletes the file. Delete? (yes/no)"
        case .revertConfirmRestore(let id, let title): "Restore the deleted case \(id.rawValue) “\(title)” from the last commit? (yes/no)"
        case .revertDone(let id): "\(id.rawValue) is back as it was at the last commit."
        case .revertFieldDone(let id, let label): "\(label) of \(id.rawValue) is back as it was at the last commit."
        case .revertDeleted(let id): "\(id.rawValue) was not in the last commit and is deleted."
        case .revertFieldUnchanged(let id, let label): "\(label) of \(id.rawValue) has not changed since the last commit."
        case .revertNotCommitted(let id):
            "\(id.rawValue) is not in the last commit, so it has no field to go back to; `revert \(id.rawValue)` deletes it."
        case .revertUnreadable(let name, let reason): "\(name) cannot be read (\(reason)); casebook leaves it alone. Fix it by hand or with git."
        case .initCreated(let path):
            "Created the store \(path) with a git repository and a .gitattributes that keeps *.json as text with LF line ends."
        case .initAlready(let path, let repository): "\(path) is already in the git repository \(repository); nothing was changed."
        }
    }
}

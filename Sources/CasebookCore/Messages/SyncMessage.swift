/// What `sync`, the merge driver's registration and `status` say about working through a shared remote.
public enum SyncMessage: BilingualMessage {
    /// How a case moved: the words for added, changed, deleted.
    public enum Movement: Sendable {
        case added, changed, deleted
    }

    case operationUnderWay(operation: String)
    case mergeUnderWay
    case detachedHead
    case noRemote(branch: String)
    case noUpstream(branch: String, remote: String)
    case conflictMarkers(files: [String])
    case commitHint
    case commitPrompt
    case commitDeclined
    case committed(message: String)
    case offline(remote: String, words: String, committed: Bool, unsent: Int, advice: OfflineAdvice)
    case conflictsHeader(count: Int)
    case conflictFields(id: String, title: String, labels: [String])
    case conflictDeleted(id: String, title: String)
    case conflictRenamed(id: String, title: String, to: String)
    case conflictWhole(name: String)
    case conflictsAdvice
    case offerResolve
    case mergeRefused(words: String)
    case pushRefused(remote: String, words: String)
    case retried(count: Int)
    case cameInHeader(count: Int)
    case wentOutHeader(count: Int)
    case movement(Movement, id: String, title: String)
    case synced(remote: String, branch: String)
    case level(remote: String, branch: String)
    case registered
    case registrationFailed(words: String)
    case notRegistered
    case abortRestored
    case abortMergeAborted
    case abortNothing
    case abortFailed(words: String)

    public var japanese: MessageText {
        switch self {
        case .operationUnderWay(let operation):
            "git の \(operation) が途中です。git で終えるか（git \(operation) --continue）取り消してから（git \(operation) --abort）、もう一度 sync してください。"
        case .mergeUnderWay:
            "マージが途中です。casebook resolve で競合を解消するか、casebook sync --abort で sync の前に戻してください。"
        case .detachedHead:
            "HEAD がブランチを指していません（detached HEAD）。git switch でブランチに移ってから sync してください。"
        case .noRemote(let branch):
            "このリポジトリには共有リモートがありません。追加して一度 push してください:\n  git remote add origin URL\n  git push -u origin \(branch)"
        case .noUpstream(let branch, let remote):
            "ブランチ \(branch) には上流（upstream）がありません。一度こう push してください:\n  git push -u \(remote) \(branch)"
        case .conflictMarkers(let files):
            "競合マーカーが残っているファイルがあります: \(files, separator: ", ")。先に casebook resolve で解消してください。何も変更していません。"
        case .commitHint:
            "  (未コミットの変更を先にコミットします。メッセージを直して Enter、空行で中止。)"
        case .commitPrompt: "コミットメッセージ"
        case .commitDeclined: "コミットしなかったので sync を中止しました。何も変更していません。"
        case .committed(let message): "未コミットの変更をコミットしました: \(message)"
        case .offline(let remote, let words, let committed, let unsent, let advice):
            "\(verbatim: advice == .network ? "リモート \(remote) に接続できませんでした。" : "リモート \(remote) とやり取りできませんでした。")\(verbatim: committed ? "変更はこのクローンにコミットしました。" : "")\(verbatim: unsent > 0 ? "まだ送っていないコミットが \(unsent) 件あります。" : "")ほかには何も変わっていません。\(verbatim: advice.japanese)\ngit: \(verbatim: words)"
        case .conflictsHeader(let count): "\(count) 件の事例に競合が残っています:"
        case .conflictFields(let id, let title, let labels): "  \(id)  \(title)（\(labels, separator: "、")）"
        case .conflictDeleted(let id, let title): "  \(id)  \(title)（一方で削除、他方で変更）"
        case .conflictRenamed(let id, let title, let to): "  \(id)  \(title)（共有の変更で \(to) に ID 変更、こちらで変更）"
        case .conflictWhole(let name): "  \(name)（項目ごとに統合できません）"
        case .conflictsAdvice: "casebook resolve で一項目ずつ解消するか、casebook sync --abort で sync の前に戻してください。"
        case .offerResolve: "今すぐ解消しますか？ (y/n)"
        case .mergeRefused(let words): "git がマージしませんでした:\n\(verbatim: words)"
        case .pushRefused(let remote, let words):
            "リモート \(remote) が push を拒否しました。コミットはこのクローンに残っています。\n\(verbatim: words)"
        case .retried(let count): "push 中にリモートが進んだので、取り込み直して push しました（\(count) 回）。"
        case .cameInHeader(let count): "受け取った変更（\(count) 件）:"
        case .wentOutHeader(let count): "送った変更（\(count) 件）:"
        case .movement(let movement, let id, let title):
            "  \(verbatim: movement == .added ? "新規" : movement == .deleted ? "削除" : "更新")  \(id)  \(title)"
        case .synced(let remote, let branch): "\(remote)/\(branch) と同期しました。"
        case .level(let remote, let branch): "\(remote)/\(branch) とすでに同じです。"
        case .registered: "このクローンに casebook のマージドライバを登録しました（.git/config とストアの .gitattributes）。"
        case .registrationFailed(let words): "マージドライバを登録できませんでした: \(verbatim: words)"
        case .notRegistered:
            "このクローンには casebook のマージドライバが登録されていません。git pull は事例ファイルを行単位でマージします。casebook sync（またはシェルの起動）で登録されます。"
        case .abortRestored: "sync の前の状態（HEAD とファイル）に戻しました。"
        case .abortMergeAborted: "途中のマージを取り消しました。"
        case .abortNothing: "取り消す sync はありません。"
        case .abortFailed(let words): "sync を取り消せませんでした:\n\(verbatim: words)"
        }
    }

    public var english: MessageText {
        switch self {
        case .operationUnderWay(let operation):
            "A git \(operation) is under way. Finish it (git \(operation) --continue) or abort it (git \(operation) --abort), then sync again."
        case .mergeUnderWay:
            "A merge is under way. Settle its conflicts with casebook resolve, or go back to before the sync with casebook sync --abort."
        case .detachedHead:
            "HEAD is not on a branch (detached HEAD). Switch to a branch with git switch, then sync."
        case .noRemote(let branch):
            "This repository has no shared remote. Add it and push once:\n  git remote add origin URL\n  git push -u origin \(branch)"
        case .noUpstream(let branch, let remote):
            "The branch \(branch) has no upstream. Push once like this:\n  git push -u \(remote) \(branch)"
        case .conflictMarkers(let files):
            "These files still hold conflict markers: \(files, separator: ", "). Settle them with casebook resolve first. Nothing was changed."
        case .commitHint:
            "  (The uncommitted changes are committed first. Edit the message and press Enter; an empty line stops.)"
        case .commitPrompt: "Commit message"
        case .commitDeclined: "Sync stopped: the changes were not committed. Nothing was changed."
        case .committed(let message): "Committed the uncommitted changes: \(message)"
        case .offline(let remote, let words, let committed, let unsent, let advice):
            "\(verbatim: advice == .network ? "Could not reach the remote \(remote). " : "Could not exchange with the remote \(remote). ")\(verbatim: committed ? "Your changes are committed in this clone. " : "")\(verbatim: unsent == 1 ? "1 commit is waiting to be sent. " : unsent > 1 ? "\(unsent) commits are waiting to be sent. " : "")Nothing else changed. \(verbatim: advice.english)\ngit: \(verbatim: words)"
        case .conflictsHeader(let count): "Conflicts remain in \(count, "case", "cases"):"
        case .conflictFields(let id, let title, let labels): "  \(id)  \(title) (\(labels, separator: ", "))"
        case .conflictDeleted(let id, let title): "  \(id)  \(title) (deleted on one side, changed on the other)"
        case .conflictRenamed(let id, let title, let to): "  \(id)  \(title) (renamed to \(to) by the shared change, changed here)"
        case .conflictWhole(let name): "  \(name) (cannot be merged field by field)"
        case .conflictsAdvice: "Settle them field by field with casebook resolve, or go back to before the sync with casebook sync --abort."
        case .offerResolve: "Resolve them now? (y/n)"
        case .mergeRefused(let words): "git did not merge:\n\(verbatim: words)"
        case .pushRefused(let remote, let words):
            "The remote \(remote) refused the push. Your commits stay in this clone.\n\(verbatim: words)"
        case .retried(let count): "The remote moved during the push; merged its new commits and pushed again (\(count, "time", "times"))."
        case .cameInHeader(let count): "Came in (\(count)):"
        case .wentOutHeader(let count): "Went out (\(count)):"
        case .movement(let movement, let id, let title):
            "  \(verbatim: movement == .added ? "added  " : movement == .deleted ? "deleted" : "changed")  \(id)  \(title)"
        case .synced(let remote, let branch): "In sync with \(remote)/\(branch)."
        case .level(let remote, let branch): "Already in sync with \(remote)/\(branch)."
        case .registered: "Registered casebook's merge driver in this clone (.git/config and the store's .gitattributes)."
        case .registrationFailed(let words): "Could not register the merge driver: \(verbatim: words)"
        case .notRegistered:
            "casebook's merge driver is not registered in this clone: a plain git pull merges case files line by line. casebook sync (or starting the shell) registers it."
        case .abortRestored: "Back to before the sync: HEAD and the files are as they were."
        case .abortMergeAborted: "Aborted the merge under way."
        case .abortNothing: "There is no sync to abort."
        case .abortFailed(let words): "Could not abort the sync:\n\(verbatim: words)"
        }
    }
}

extension SyncMessage {
    /// What to do when a sync could not exchange with its remote.
    public enum OfflineAdvice: Sendable, Equatable {
        /// The remote did not answer: wait for the network.
        case network
        /// No repository at the remote's address.
        case address
        /// This clone's disk is full or cannot be written.
        case disk

        var japanese: String {
            switch self {
            case .network: "ネットワークが戻ったらもう一度 sync してください。"
            case .address: "リモートのアドレスにリポジトリがありません。git remote -v でアドレスを確かめてください。"
            case .disk: "このクローンのディスクがいっぱいか、書き込めません。空きを作ってからもう一度 sync してください。"
            }
        }

        var english: String {
            switch self {
            case .network: "Sync again when the network is back."
            case .address: "There is no repository at the remote's address: check it with git remote -v."
            case .disk: "This clone's disk is full or cannot be written: make room, then sync again."
            }
        }
    }
}

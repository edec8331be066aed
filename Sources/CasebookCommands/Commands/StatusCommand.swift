import ArgumentParser
import CasebookCore
import CasebookStore

/// `status`: the cases added, changed or deleted since the last commit, with the fields that changed.
struct StatusCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "status",
            abstract: Help.text("Cases added, changed or deleted since the last commit, with the changed fields.",
                                "前回のコミットから追加・変更・削除された事例と、変更された項目を表示します。"))
    }

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let git = try session.repository()
        if let registration = MergeDriverRegistration().state(storePath: session.store.path), !registration.isRegistered {
            session.warn(SyncMessage.notRegistered)
        }
        // One git status for both: the cases that changed, and any other file in the store that
        // did (a note left there), which `commit` takes too and so is named here.
        let status: StoreStatus
        let changes: [StoreChange]
        do {
            status = try git.storeStatus()
            changes = try git.changes(storePath: session.store.path, among: status.paths)
        } catch {
            throw session.gitFailure(error)
        }
        // The store's .gitattributes is casebook's own (init, the merge driver), not a person's.
        let others = status.paths.filter { !StoreChange.isCaseFileName($0) && $0 != ".gitattributes" }
        guard !changes.isEmpty || !others.isEmpty else {
            session.say(GitMessage.clean)
            return
        }
        defer { for name in others { session.say(GitMessage.statusOther(name: name)) } }
        for change in changes {
            let title = session.shownTitle(change.title)
            switch change.kind {
            case .added: session.say(GitMessage.statusAdded(id: change.id, title: title))
            case .deleted: session.say(GitMessage.statusDeleted(id: change.id, title: title))
            case .renamed: session.say(GitMessage.statusRenamed(from: change.previousID ?? change.id, to: change.id, title: title))
            case .changed:
                let labels = change.changedLabels
                if labels.isEmpty {
                    session.say(GitMessage.statusChangedPlain(id: change.id, title: title))
                } else {
                    session.say(GitMessage.statusChanged(id: change.id, title: title, labels: labels))
                }
            }
            if let problem = change.problem {
                session.say(GitMessage.unreadableChange(reason: session.message(for: problem.reason).rendered(in: session.language)))
            }
        }
    }
}

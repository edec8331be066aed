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
        let changes = git.changes(storePath: session.store.path)
        guard !changes.isEmpty else {
            session.output.line(session.text(.statusClean))
            return
        }
        for change in changes {
            let title = session.safeTitle(change.title)
            switch change.kind {
            case .added: session.output.line(session.text(.statusAdded, change.id.rawValue, title))
            case .deleted: session.output.line(session.text(.statusDeleted, change.id.rawValue, title))
            case .changed:
                let labels = change.changedLabels
                if labels.isEmpty {
                    session.output.line(session.text(.statusChangedPlain, change.id.rawValue, title))
                } else {
                    session.output.line(session.text(.statusChanged, change.id.rawValue, title, labels.joined(separator: ", ")))
                }
            }
            if let problem = change.problem {
                session.output.line(session.text(.statusUnreadable, session.describe(problem.reason)))
            }
        }
    }
}

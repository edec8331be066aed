import ArgumentParser
import CasebookCore
import CasebookStore

/// `commit [-m MESSAGE]`: commits the store directory, and only it (SPEC §5); without `-m` the
/// message is written from what changed, e.g. `新規: …; 更新: 資源集団回収（協働の成果, 役割（市））`.
struct CommitCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "commit",
            abstract: Help.text("Commit the store (and nothing else in the work tree) to git.",
                                "ストア（だけ）を git にコミットします。"),
            discussion: Help.text("Without -m the message names the new, changed and deleted cases and the changed fields. Example: commit -m \"資源集団回収の成果を更新\"",
                                  "-m を省くと、新規・更新・削除された事例と変更された項目からメッセージを作ります。例: commit -m \"資源集団回収の成果を更新\""))
    }

    @Option(name: [.customShort("m"), .customLong("message")],
            help: ArgumentHelp(Help.text("The commit message.", "コミットメッセージ"), valueName: "message"))
    var message: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        // The message reaches every colleague's `git log`, which shows it as it is.
        if let message, let scalar = FieldInput.unacceptableCharacter(in: message) {
            throw CommandFailure(GitMessage.commitMessageUnacceptableCharacter(code: scalar.codePointName), in: session)
        }
        let git = try session.repository()
        // A merge half-way is finished by `resolve`, which asks about each conflict; a commit now
        // would stage the conflicted files as they stand (a deletion on one side settled, unasked,
        // for the other) and every other change with them.
        switch git.operationUnderWay {
        case .merge?: throw CommandFailure(SyncMessage.mergeUnderWay, in: session)
        case let operation?: throw CommandFailure(SyncMessage.operationUnderWay(operation: operation.rawValue), in: session)
        case nil: break
        }
        let status: StoreStatus
        do {
            status = try git.storeStatus()
        } catch {
            throw session.gitFailure(error)
        }
        let paths = status.paths
        guard !paths.isEmpty else {
            session.say(GitMessage.commitNothing)
            return
        }
        let conflicted = session.store.problems.filter { problem in
            if case .conflicted = problem.reason { return paths.contains(problem.fileName) }
            return false
        }
        if let first = conflicted.first { throw CommandFailure(GitMessage.commitConflicted(fileName: first.fileName), in: session) }
        let changes: [StoreChange]
        do {
            changes = try git.changes(storePath: session.store.path, among: paths)
        } catch {
            throw session.gitFailure(error)
        }
        if let unreadable = StoreChange.firstUnreadable(among: paths, storePath: session.store.path, changes: changes) {
            throw CommandFailure(GitMessage.commitUnreadable(fileName: unreadable.fileName,
                                                             reason: session.message(for: unreadable.reason).rendered(in: session.language)), in: session)
        }
        let text = message ?? changes.commitMessage
        let result = git.commitStore(message: text, status: status)
        guard result.succeeded else { throw session.gitFailure(result) }
        let hash = git.git.run(["rev-parse", "--short", "HEAD"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        session.say(GitMessage.commitDone(hash: hash, message: CommitMessage.firstLine(of: text)))
    }
}

import CasebookCore
import CasebookStore

/// The conflicted cases of a merge under way, one line each: id, title, and what conflicts.
enum ConflictOverview {
    /// The lines for every conflicted store file.
    static func lines(in session: Session) -> [String] {
        let git = GitStore(storePath: session.store.path)
        return git.conflictedFiles().map { file in
            session.text(SyncMessage.conflictWhole(name: file.name))
        }
    }
}

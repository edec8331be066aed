import CasebookCore
import CasebookStore

/// What the shell changed, one step per command, so that `undo` can take the changes back one
/// step at a time, as far as where the shell started (issue 13).
///
/// A step keeps, for every case the command wrote, its file's bytes before the first write (none
/// for a case the command created) and after the command: `undo` puts the before bytes back only
/// while the file still holds the after bytes, so it never undoes over someone else's change.
public final class UndoHistory {
    /// One case's file around one command.
    struct Change {
        let id: CaseID
        /// The file before the command, `nil` when the case did not exist.
        let before: [UInt8]?
        /// The file after the command, `nil` when the command removed it.
        var after: [UInt8]?
    }

    /// The changes of one command.
    struct Step {
        var changes: [Change] = []
    }

    private(set) var steps: [Step] = []
    private var current: Step?

    /// Starts recording the changes of one command.
    func begin() {
        current = Step()
    }

    /// Ends the command's recording: a command that changed something becomes the newest step.
    func end(store: CaseStore) {
        guard var step = current else { return }
        current = nil
        guard !step.changes.isEmpty else { return }
        for index in step.changes.indices {
            step.changes[index].after = try? FileSystem.readFile(store.filePath(of: step.changes[index].id))
        }
        // A command that wrote a case back exactly as it was changed nothing.
        step.changes.removeAll { $0.before == $0.after }
        if !step.changes.isEmpty { steps.append(step) }
    }

    /// Notes that case `id` is about to be written (saved, created or removed) by the current command.
    func willChange(_ id: CaseID, in store: CaseStore) {
        guard current != nil, !current!.changes.contains(where: { $0.id == id }) else { return }
        let before = try? FileSystem.readFile(store.filePath(of: id))
        current!.changes.append(Change(id: id, before: before, after: nil))
    }

    /// Removes and returns the newest step.
    func popLast() -> Step? {
        steps.popLast()
    }

    /// Puts a step back (when undoing it was refused).
    func push(_ step: Step) {
        steps.append(step)
    }
}

extension Session {
    /// Notes, for `undo`, that case `id` is about to be written by the running command.
    public func willChange(_ id: CaseID) {
        undoHistory.willChange(id, in: store)
    }
}

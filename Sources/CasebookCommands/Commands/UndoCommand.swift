import ArgumentParser
import CasebookCore
import CasebookStore

/// `undo`: takes back the last change made in this shell — a changed field, a new case, a
/// deletion — one command at a time, back to where the shell started (issue 13).
struct UndoCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "undo",
            abstract: Help.text("Undo the shell's last change, one command at a time.",
                                "このシェルでの直前の変更を、コマンド一つずつ元に戻します。"),
            discussion: Help.text("Example: set shigen form 共催, then undo", "例: set shigen form 共催 のあとに undo"))
    }

    /// From the command line there is no shell whose changes could be undone.
    func run() throws {
        TextOutput().error(EditingMessage.undoOnlyInShell.text(in: Help.language))
        throw ExitCode(1)
    }

    func run(in session: Session) throws {
        guard session.isShell else { throw CommandFailure(EditingMessage.undoOnlyInShell, in: session) }
        guard let step = session.undoHistory.popLast() else {
            session.say(EditingMessage.nothingToUndo)
            return
        }
        let store = session.store
        // Someone else (another shell, git, an editor) changed a file since: leave everything.
        for change in step.changes where (try? FileSystem.readFile(store.filePath(of: change.id))) != change.after {
            session.undoHistory.push(step)
            throw CommandFailure(EditingMessage.undoChangedSince(id: change.id.rawValue), in: session)
        }
        for change in step.changes.reversed() {
            let id = change.id
            let before = change.before.flatMap(Self.sheet(from:))
            let after = change.after.flatMap(Self.sheet(from:))
            do {
                switch (before, after) {
                case (nil, let after?):
                    try store.delete(id)
                    if session.openCase == id { session.openCase = nil }
                    session.say(EditingMessage.undidCreation(id: id.rawValue, title: after.title))
                case (let before?, nil):
                    try store.create(before, as: id)
                    session.say(EditingMessage.undidDeletion(id: id.rawValue, title: before.title))
                case (let before?, let after?):
                    // Based on the file as this shell left it (checked above), so the save puts the
                    // old version back rather than merging it with the change it undoes.
                    try store.save(before, as: id, base: after, force: true)
                    let labels = SheetField.allCases.filter { before.value(of: $0) != after.value(of: $0) }.map(\.label)
                    session.say(EditingMessage.undidChange(id: id.rawValue, title: before.title, labels: labels))
                case (nil, nil):
                    continue
                }
            } catch {
                throw CommandFailure(session.describe(error))
            }
            session.unsavedEdits[id] = nil
        }
    }

    /// The sheet a file's bytes hold, if they hold one.
    static func sheet(from bytes: [UInt8]) -> CaseSheet? {
        guard let document = try? JSONParser.parse(bytes) else { return nil }
        return try? SheetCodec.decode(document)
    }
}

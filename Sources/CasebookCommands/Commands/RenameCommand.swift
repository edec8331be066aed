import ArgumentParser
import CasebookCore
import CasebookStore

/// `rename CASE NEW-ID`: gives a case another id. The file keeps its content under the new name, so
/// git records one rename when the store is next committed.
struct RenameCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "rename",
            abstract: Help.text("Give a case another id (git records one rename).", "事例の ID を変えます（git には名前の変更一つとして記録されます）。"),
            discussion: Help.text("Example: rename c-4k2j9x0a1b chiiki-bosai-kunren", "例: rename c-4k2j9x0a1b chiiki-bosai-kunren"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case.", "事例"), valueName: "case"))
    var reference: String

    @Argument(help: ArgumentHelp(Help.text("The new id (lower-case a-z, 0-9, hyphens).", "新しい ID（小文字 a-z、0-9、ハイフン）"), valueName: "new-id"))
    var newID: String

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        guard let target = CaseID(newID) else { throw CommandFailure(StoreMessage.badID(typed: newID), in: session) }
        if target == id {
            session.say(EditingMessage.renameSame(id: id.rawValue))
            return
        }
        guard !NewCommand.isTaken(target, in: session) else { throw CommandFailure(StoreMessage.idTaken(id: target), in: session) }
        guard session.store.cases[id] != nil else { throw CommandFailure(StoreMessage.caseNotFound(reference: id.rawValue), in: session) }
        if session.unsavedEdits[id] != nil { throw CommandFailure(EditingMessage.renameWithKeptEdit(id: id.rawValue), in: session) }
        session.willChange(id)
        session.willChange(target)
        do {
            // The file itself takes the new name, in one step: its bytes as they are (one rename
            // to git, and a newer casebook's file keeps what this one does not know), and a crash
            // leaves the case under one id or the other, never both.
            try session.store.rename(id, to: target)
        } catch {
            throw CommandFailure(session.describe(error))
        }
        if session.openCase == id { session.openCase = target }
        session.say(EditingMessage.renamed(from: id.rawValue, to: target.rawValue))
    }
}

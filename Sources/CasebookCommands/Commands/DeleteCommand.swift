import ArgumentParser
import CasebookCore

/// `delete CASE`: removes the case file after a confirmation naming its title.
struct DeleteCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "delete",
            abstract: Help.text("Delete a case, after confirming its title.", "事例を削除します（事業名を確認してから）。"),
            discussion: Help.text("Example: delete c-0a1b2c3d4e; --yes skips the question in scripts.", "例: delete c-0a1b2c3d4e。--yes で確認を省略（スクリプト用）"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case to delete.", "削除する事例"), valueName: "case"))
    var reference: String

    @Flag(name: .customLong("yes"), help: ArgumentHelp(Help.text("Do not ask.", "確認しない")))
    var yes = false

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        let title = session.sheet(id)?.title ?? ""
        if !yes {
            let question = session.text(StoreMessage.deleteConfirm(id: id, title: title))
            guard Confirmation.ask(question, in: session) else {
                session.say(StoreMessage.cancelled)
                return
            }
        }
        do {
            session.willChange(id)
            try session.store.delete(id)
        } catch {
            throw CommandFailure(session.describe(error))
        }
        if session.openCase == id { session.openCase = nil }
        session.unsavedEdits[id] = nil
        session.say(StoreMessage.deleted(id: id))
    }
}

/// Asks a yes/no question on the line reader; only `yes` or `y` (or はい) agree.
enum Confirmation {
    static func ask(_ question: String, in session: Session) -> Bool {
        session.output.line(question)
        guard case .line(let answer) = session.lineReader.readLine(prompt: "> ", prefill: "", history: nil, completer: nil) else {
            return false
        }
        return ["yes", "y", "はい"].contains(answer.trimmingWhitespace().lowercased())
    }
}

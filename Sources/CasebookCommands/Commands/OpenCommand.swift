import ArgumentParser
import CasebookCore

/// `open CASE`: later commands default to it; the prompt shows it.
struct OpenCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "open",
            abstract: Help.text("Make a case the open one; later commands default to it (shell only).",
                                "事例を開きます。以後のコマンドはこの事例が既定になります（シェル内のみ）。"),
            discussion: Help.text("Example: open 資源", "例: open 資源"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case (id, id prefix or part of the title).", "事例（ID、ID の先頭、事業名の一部）"), valueName: "case"))
    var reference: String

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        session.openCase = id
        session.say(ShellMessage.opened(id: id, title: session.sheet(id)?.title ?? ""))
    }

    func run() throws {
        throw ValidationError(ShellMessage.notInShell(command: "open").text(in: Help.language))
    }
}

import ArgumentParser
import CasebookCore

/// `save CASE [--force]` and `reload CASE`: the ways out of a save refused because the file
/// changed on disk (SPEC §2.2, §8) — merge the edit kept in memory with the file again (refused
/// while they still conflict), write it with `--force` (the edit's values win where they conflict,
/// the file's other changes stay), or take the file's version.
struct SaveCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "save",
            abstract: Help.text("Save an edit kept in memory after a refused save: merged with the file again; --force writes your values where both changed.",
                                "保存できずにメモリに残った編集を保存します。ファイルと改めて統合し、--force では両方が変えた項目をあなたの値にします。"),
            discussion: Help.text("Example: save shigen-shudan-kaishu --force", "例: save shigen-shudan-kaishu --force"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case.", "事例"), valueName: "case"))
    var reference: String?

    @Flag(name: .customLong("force"), help: ArgumentHelp(Help.text("Write your values over the fields that changed in the file too.", "ファイル側でも変更された項目をあなたの値で上書き")))
    var force = false

    func run(in session: Session) throws {
        let id = try session.resolveCase(reference)
        guard let edit = session.unsavedEdits[id] else {
            session.say(SaveMessage.nothingKept(id: id.rawValue))
            return
        }
        try session.save(edit, as: id, force: force)
        session.say(StoreMessage.saved(id: id))
    }

    func run() throws {
        throw ValidationError(ShellMessage.notInShell(command: "save").text(in: Help.language))
    }
}

/// `reload [CASE]`: reads the case again from disk, dropping an edit kept in memory.
struct ReloadCommand: ShellCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "reload",
            abstract: Help.text("Read a case (or all) again from disk, dropping an unsaved edit.",
                                "事例（省略時はすべて）をディスクから読み直します。保存されていない編集は破棄します。"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case; all when left out.", "事例（省略するとすべて）"), valueName: "case"))
    var reference: String?

    func run(in session: Session) throws {
        if let reference {
            let id = try session.resolveCase(reference)
            session.unsavedEdits[id] = nil
            session.store.reload(id)
        } else {
            session.unsavedEdits = [:]
            try? session.store.reloadAll()
        }
        session.reportProblems()
        session.say(StoreMessage.storeOpened(path: session.store.path, cases: session.store.cases.count, uncommitted: session.uncommittedCount()))
    }

    /// From the command line there is nothing to reload: every `casebook CMD` reads the files afresh.
    func run() throws {
        throw ValidationError(ShellMessage.notInShell(command: "reload").text(in: Help.language))
    }
}

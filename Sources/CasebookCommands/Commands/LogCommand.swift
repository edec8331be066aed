import ArgumentParser
import CasebookCore
import CasebookStore

/// `log [CASE]`: the commits that touched the store, or that case: date, author, message.
struct LogCommand: PagedCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "log",
            abstract: Help.text("The commits that touched the store or one case: date, author, message.",
                                "ストアまたは事例に関わるコミットを表示します（日付、作成者、メッセージ）。"),
            discussion: Help.text("Example: log shigen-shudan-kaishu", "例: log shigen-shudan-kaishu"))
    }

    @Argument(help: ArgumentHelp(Help.text("The case; the whole store when left out.", "事例（省略するとストア全体）"), valueName: "case"))
    var reference: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let git = try session.repository()
        var fileName: String?
        // Set when the reference names no case now: then only a deleted case's history can answer.
        var unresolved: Error?
        if let reference {
            do {
                fileName = try session.resolveCase(reference).fileName
            } catch {
                // A case deleted since is still in the history under its id; an ambiguous
                // reference or one that is no id is an error listing what it could mean.
                guard case .notFound = session.store.resolve(reference), let id = CaseID(reference) else { throw error }
                fileName = id.fileName
                unresolved = error
            }
        }
        guard git.hasCommits else {
            if let unresolved { throw unresolved }
            session.say(GitMessage.noCommits)
            return
        }
        switch git.log(fileName: fileName) {
        case .failure(let result):
            throw session.gitFailure(result)
        case .success(let entries):
            if entries.isEmpty, let unresolved { throw unresolved }
            if entries.isEmpty {
                session.say(GitMessage.logEmpty(name: fileName ?? session.store.path))
                return
            }
            let authorWidth = entries.map { DisplayWidth.of(TerminalSafeText.make($0.author)) }.max() ?? 0
            for entry in entries {
                let author = DisplayWidth.padded(TerminalSafeText.make(entry.author), to: authorWidth)
                session.output.line("\(entry.hash)  \(entry.date)  \(author)  \(TerminalSafeText.make(entry.subject))")
            }
        }
    }
}

import ArgumentParser
import CasebookCore
import CasebookStore

/// `diff [CASE] [FIELD or SECTION]`: field by field, what changed since the last commit; inside a
/// changed paragraph or item the changed characters are marked — in colour on a terminal,
/// `[-removed-]{+added+}` otherwise.
struct DiffCommand: PagedCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "diff",
            abstract: Help.text("What changed since the last commit, field by field, with changed characters marked.",
                                "前回のコミットからの変更を項目ごとに表示し、変わった文字に印を付けます。"),
            discussion: Help.text("Without a terminal (or with NO_COLOR) removed text is shown as [-text-] and added text as {+text+}. Examples: diff; diff shigen-shudan-kaishu; diff 資源 overview",
                                  "端末以外（または NO_COLOR 指定時）は、削除を [-文字-]、追加を {+文字+} で示します。例: diff、diff shigen-shudan-kaishu、diff 資源 overview"))
    }

    @Argument(help: ArgumentHelp(Help.text("[CASE] [FIELD or SECTION]; every changed case when left out.", "[事例] [項目またはセクション]。省略すると変更のあるすべての事例"),
                                 valueName: "case-or-field"))
    var arguments: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if arguments.count > 2 { throw ValidationError(Help.text("diff takes at most a case and a field.", "diff に指定できるのは事例と項目だけです。")) }
    }

    func run(in session: Session) throws {
        // An edit kept in memory after a refused save is shown first, against the file on disk.
        let showedKept = showKeptEdits(in: session)
        if showedKept && !GitStore(storePath: session.store.path).isInRepository { return }
        let git = try session.repository()
        let changes = try session.changes(in: git)
        var selected = changes
        var fields = SheetField.allCases
        if !arguments.isEmpty {
            let id: CaseID
            if arguments.count == 2 {
                id = try session.resolveCase(arguments[0], orAmong: changes)
                fields = try session.part(named: arguments[1]).fields
            } else if session.openCase != nil, let part = SheetPart.named(arguments[0]) {
                id = try session.resolveCase(nil)
                fields = part.fields
            } else {
                id = try session.resolveCase(arguments[0], orAmong: changes)
            }
            selected = changes.filter { $0.id == id }
            if selected.isEmpty {
                session.say(GitMessage.caseUnchanged(id: id))
                return
            }
        }
        guard !selected.isEmpty else {
            session.say(GitMessage.clean)
            return
        }
        let colour = session.usesColour
        var first = true
        for change in selected {
            if !first { session.output.line() }
            first = false
            let title = session.shownTitle(change.title)
            let heading: String
            switch change.kind {
            case .added: heading = session.text(GitMessage.diffAdded(id: change.id, title: title))
            case .changed: heading = session.text(GitMessage.diffChanged(id: change.id, title: title))
            case .deleted: heading = session.text(GitMessage.diffDeleted(id: change.id, title: title))
            case .renamed: heading = session.text(GitMessage.diffRenamed(from: change.previousID ?? change.id, to: change.id, title: title))
            }
            let shownHeading = colour ? "\u{1B}[1m\(heading)\u{1B}[0m" : heading
            for part in session.outputIsTerminal ? HangingWrap.wrap(shownHeading, width: session.width, hang: 2) : [shownHeading] {
                session.output.line(part)
            }
            if let problem = change.problem {
                session.say(GitMessage.unreadableChange(reason: session.message(for: problem.reason).rendered(in: session.language)))
                continue
            }
            let before = change.kind == .added ? nil : change.before
            let after = change.kind == .deleted ? nil : change.after
            for fieldChange in SheetDiff.changes(from: before, to: after, fields: fields) {
                session.output.line("  【\(fieldChange.label)】")
                for line in SheetDiff.lines(for: fieldChange, colour: colour) {
                    // On a terminal a long entry wraps under its text, past the `- ` / `+ ` / `~ ` mark.
                    let wrapped = session.outputIsTerminal ? HangingWrap.wrap(line, width: session.width, hang: 6) : [line]
                    for part in wrapped { session.output.line(part) }
                }
            }
        }
    }

    /// Prints the kept edits of the cases this diff is about, each against the version it was made
    /// from (what the person changed, not what another writer changed since); whether any was.
    private func showKeptEdits(in session: Session) -> Bool {
        var ids = session.unsavedEdits.keys.sorted()
        var fields = SheetField.allCases
        if let first = arguments.first {
            if arguments.count == 1, session.openCase != nil, let part = SheetPart.named(first) {
                ids = ids.filter { $0 == session.openCase }
                fields = part.fields
            } else {
                guard case .found(let id) = session.store.resolve(first) else { return false }
                ids = ids.filter { $0 == id }
                if arguments.count == 2, let part = SheetPart.named(arguments[1]) { fields = part.fields }
            }
        }
        let colour = session.usesColour
        var showed = false
        for id in ids {
            guard let edit = session.unsavedEdits[id] else { continue }
            // An edit that carries no version it was made from is told against the file, read again.
            if edit.original == nil { _ = session.store.reload(id) }
            let base = session.workspace.base(of: edit, as: id)
            let heading = session.text(SaveMessage.keptEditHeading(id: id.rawValue, title: edit.title))
            session.output.line(colour ? "\u{1B}[1m\(heading)\u{1B}[0m" : heading)
            for fieldChange in SheetDiff.changes(from: base, to: edit, fields: fields) {
                session.output.line("  【\(fieldChange.label)】")
                for line in SheetDiff.lines(for: fieldChange, colour: colour) { session.output.line(line) }
            }
            session.output.line()
            showed = true
        }
        return showed
    }
}

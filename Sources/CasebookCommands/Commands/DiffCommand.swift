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
        let git = try session.repository()
        let changes = git.changes(storePath: session.store.path)
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
                session.output.line(session.text(.diffCaseUnchanged, id.rawValue))
                return
            }
        }
        guard !selected.isEmpty else {
            session.output.line(session.text(.statusClean))
            return
        }
        let colour = session.usesColour
        var first = true
        for change in selected {
            if !first { session.output.line() }
            first = false
            let title = session.safeTitle(change.title)
            let heading: String
            switch change.kind {
            case .added: heading = session.text(.diffAdded, change.id.rawValue, title)
            case .changed: heading = session.text(.diffChanged, change.id.rawValue, title)
            case .deleted: heading = session.text(.diffDeleted, change.id.rawValue, title)
            }
            let shownHeading = colour ? "\u{1B}[1m\(heading)\u{1B}[0m" : heading
            for part in session.outputIsTerminal ? HangingWrap.wrap(shownHeading, width: session.width, hang: 2) : [shownHeading] {
                session.output.line(part)
            }
            if let problem = change.problem {
                session.output.line(session.text(.statusUnreadable, session.describe(problem.reason)))
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
}

import ArgumentParser
import CasebookCore

/// `validate [CASE]`: errors and warnings; exits non-zero when any case is invalid.
struct ValidateCommand: StoreCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "validate",
            abstract: Help.text("Check cases: required fields, closed choices, era years, diagram actors; unreadable files too.",
                                "事例を検査します（必須項目、選択肢、年度、図の登場者、読み込めないファイル）。"),
            discussion: Help.text("Exits with status 1 when any case is invalid. Example: validate", "不正な事例があると終了コード 1 を返します。例: validate"))
    }

    @Argument(help: ArgumentHelp(Help.text("One case; all when left out.", "対象の事例（省略するとすべて）"), valueName: "case"))
    var reference: String?

    @OptionGroup var storeOptions: StoreOptions

    func run(in session: Session) throws {
        let ids = try reference.map { [try session.resolveCase($0)] } ?? session.store.ids
        var withErrors = 0
        var withWarnings = 0
        for id in ids {
            guard let sheet = session.store.cases[id]?.sheet else { continue }
            let issues = SheetValidator.issues(of: sheet, currentWesternYear: session.currentWesternYear)
            if issues.contains(where: { $0.severity == .error }) { withErrors += 1 }
            if issues.contains(where: { $0.severity == .warning }) { withWarnings += 1 }
            for issue in issues {
                let line = MessageText(verbatim: session.describe(issue: issue, id: id.rawValue))
                session.say(issue.severity == .error ? ValidationMessage.error(line) : ValidationMessage.warning(line))
            }
        }
        // Files that did not load are invalid too; the store already named them when it opened
        // on the command line, so the shell names them here.
        let unreadable = reference == nil ? session.store.problems.count : 0
        if session.isShell {
            for problem in session.store.problems where reference == nil {
                session.say(ValidationMessage.error(StoreMessage.problem(fileName: problem.fileName, reason: session.message(for: problem.reason)).rendered(in: session.language)))
            }
        }
        if withErrors + unreadable == 0 && withWarnings == 0 {
            session.say(ValidationMessage.allGood(checked: ids.count))
        } else {
            session.say(ValidationMessage.summary(checked: ids.count + unreadable, withErrors: withErrors + unreadable, withWarnings: withWarnings))
        }
        if withErrors + unreadable > 0 { session.exitStatus = 1 }
    }
}

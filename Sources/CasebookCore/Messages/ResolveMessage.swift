/// What `resolve` says and asks while it settles a merge's conflicts field by field.
public enum ResolveMessage: BilingualMessage {
    case notInMerge(operation: String)
    case noConflicts
    case caseHeader(id: String, title: String, count: Int)
    case conflictHeader(index: Int, total: Int, label: String)
    case mine
    case theirs(name: String, date: String)
    case theirsUnnamed
    case difference
    case choices(both: Bool, edit: Bool)
    case prompt(label: String)
    case unknownChoice(typed: String, choices: [String])
    case atFirst
    case bothNotHere
    case editListHint
    case invalid(reason: String)
    case caseSettled(id: String, title: String)
    case stopped(remaining: Int)
    case mergeCommitted(hash: String)
    case deletedOnOneSide(id: String, title: String, mineDeleted: Bool)
    case deletedChoices(mineDeleted: Bool)
    /// Changed here, renamed to `to` by the shared change.
    case renamedOnTheirSide(id: String, title: String, to: String)
    case renamedChoices(id: String, to: String)
    case caseDeleted(id: String)
    case notMergeable(name: String, reason: String)
    case otherConflicts(names: [String])
    case empty

    public var japanese: MessageText {
        switch self {
        case .notInMerge(let operation):
            "git の \(operation) が途中です。resolve はマージ（sync、git pull、git merge）の競合を解消します。git \(operation) --continue か --abort で終えてください。"
        case .noConflicts: "解消する競合はありません。"
        case .caseHeader(let id, let title, let count): "\(title)（\(id)）: 競合 \(count) 件"
        case .conflictHeader(let index, let total, let label): "[\(index)/\(total)] \(verbatim: label)"
        case .mine: "あなたの変更"
        case .theirs(let name, let date): "共有の変更（\(name)、\(date)）"
        case .theirsUnnamed: "共有の変更"
        case .difference: "差分"
        case .choices(let both, let edit):
            "  m あなたの変更を残す・t 共有の変更を採る\(verbatim: both ? "・b 両方" : "")\(verbatim: edit ? "・e 編集" : "")・< 戻る・. 中断"
        case .prompt(let label): "解消 \(verbatim: label)"
        case .unknownChoice(let typed, let choices): "「\(typed)」は選べません。\(verbatim: choices.joined(separator: "、")) のどれかを入力してください。"
        case .atFirst: "最初の競合です。"
        case .bothNotHere: "「両方」はリストと文章の項目だけで選べます。"
        case .editListHint: "  (一行に一項目。Enter でそのまま残し、消して Enter で削除。空行で終わり。)"
        case .invalid(let reason): "受け付けられません: \(verbatim: reason)"
        case .caseSettled(let id, let title): "\(title)（\(id)）を解消しました。ファイルを書いて git add しました。"
        case .stopped(let remaining): "中断しました。残りの競合は \(remaining) 件です。casebook resolve で続けられます。"
        case .mergeCommitted(let hash): "競合をすべて解消し、マージをコミットしました（\(hash)）。casebook sync で共有してください。"
        case .deletedOnOneSide(let id, let title, let mineDeleted):
            "\(title)（\(id)）: \(verbatim: mineDeleted ? "あなたが削除し、共有の変更で更新されています" : "あなたが更新し、共有の変更で削除されています")。"
        case .deletedChoices(let mineDeleted):
            "  m あなたの変更を残す（\(verbatim: mineDeleted ? "削除" : "更新した事例")）・t 共有の変更を採る（\(verbatim: mineDeleted ? "更新された事例" : "削除")）・. 中断"
        case .renamedOnTheirSide(let id, let title, let to):
            "\(title)（\(id)）: あなたが更新し、共有の変更で ID が \(to) に変わっています。"
        case .renamedChoices(let id, let to):
            "  r あなたの変更を \(to) に移す・m \(id) のまま残す（事例が二つになります）・t 共有の変更を採る（あなたの変更は捨てます）・. 中断"
        case .caseDeleted(let id): "\(id) を削除して git rm しました。"
        case .notMergeable(let name, let reason):
            "\(name) は事例として読めない版がある（\(reason)）ので項目ごとに解消できません。手で直してから git add してください。"
        case .otherConflicts(let names): "ストアの外にも競合が残っています: \(names, separator: ", ")。git で解消してください。"
        case .empty: "（空）"
        }
    }

    public var english: MessageText {
        switch self {
        case .notInMerge(let operation):
            "A git \(operation) is under way. resolve settles the conflicts of a merge (sync, git pull, git merge); finish this with git \(operation) --continue or --abort."
        case .noConflicts: "There are no conflicts to resolve."
        case .caseHeader(let id, let title, let count): "\(title) (\(id)): \(count, "conflict", "conflicts")"
        case .conflictHeader(let index, let total, let label): "[\(index)/\(total)] \(verbatim: label)"
        case .mine: "Your change"
        case .theirs(let name, let date): "The shared change (\(name), \(date))"
        case .theirsUnnamed: "The shared change"
        case .difference: "Difference"
        case .choices(let both, let edit):
            "  m keep mine · t take theirs\(verbatim: both ? " · b both" : "")\(verbatim: edit ? " · e edit" : "") · < back · . stop"
        case .prompt(let label): "resolve \(verbatim: label)"
        case .unknownChoice(let typed, let choices):
            "“\(typed)” is not a choice: type \(verbatim: choices.dropLast().joined(separator: ", ")) or \(verbatim: choices.last ?? "")."
        case .atFirst: "This is the first conflict."
        case .bothNotHere: "Both is for lists and text only."
        case .editListHint: "  (One item per line: Enter keeps it, erase it and Enter removes it; an empty line finishes.)"
        case .invalid(let reason): "Not accepted: \(verbatim: reason)"
        case .caseSettled(let id, let title): "Settled \(title) (\(id)): written and staged."
        case .stopped(let remaining): "Stopped; \(remaining, "conflict remains", "conflicts remain"). casebook resolve continues."
        case .mergeCommitted(let hash): "Every conflict is settled; the merge is committed (\(hash)). Share it with casebook sync."
        case .deletedOnOneSide(let id, let title, let mineDeleted):
            "\(title) (\(id)): \(verbatim: mineDeleted ? "you deleted it; the shared change updated it" : "you updated it; the shared change deleted it")."
        case .deletedChoices(let mineDeleted):
            "  m keep mine (\(verbatim: mineDeleted ? "deleted" : "your updated case")) · t take theirs (\(verbatim: mineDeleted ? "the updated case" : "deleted")) · . stop"
        case .renamedOnTheirSide(let id, let title, let to):
            "\(title) (\(id)): you updated it; the shared change renamed it to \(to)."
        case .renamedChoices(let id, let to):
            "  r move your changes to \(to) · m keep it as \(id) too (two cases) · t take theirs (your changes are dropped) · . stop"
        case .caseDeleted(let id): "Deleted \(id) and staged the deletion."
        case .notMergeable(let name, let reason):
            "\(name) has a version that is not a case (\(reason)), so it cannot be settled field by field. Fix it by hand, then git add it."
        case .otherConflicts(let names): "Conflicts remain outside the store: \(names, separator: ", "). Settle them with git."
        case .empty: "(empty)"
        }
    }
}

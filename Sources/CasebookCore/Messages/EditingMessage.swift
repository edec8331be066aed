/// What the shell says about editing: pastes, output that fits, undo, renames, walk details and
/// plain errors.
public enum EditingMessage: BilingualMessage {
    /// A paste of several paragraphs was taken into a text or list field.
    case pastedItems(count: Int, paragraphs: Bool)
    /// Asked when pasted paragraphs hold line breaks in the middle of sentences.
    case joinBrokenLinesQuestion(paragraphs: Int)
    /// A paste with line breaks at a prompt for one line: put back on the line without them.
    case pastedIntoOneLine
    /// A paste of several lines at the command prompt.
    case multilineCommandRefused
    /// `--store` typed inside the shell, which keeps its store.
    case storeOptionInShell(store: String)
    /// `undo` outside the shell.
    case undoOnlyInShell
    /// `undo` with nothing changed in this shell (or everything undone).
    case nothingToUndo
    /// `undo` refused: the file changed since this shell wrote it.
    case undoChangedSince(id: String)
    /// `undo` put fields of a case back.
    case undidChange(id: String, title: String, labels: [String])
    /// `undo` removed a case this shell created.
    case undidCreation(id: String, title: String)
    /// `undo` brought back a case this shell deleted.
    case undidDeletion(id: String, title: String)
    /// A new case's title that other cases already have.
    case duplicateTitle(title: String, ids: [String])
    /// Shown above the ID prompt of a new case.
    case idProposed
    /// `rename` done.
    case renamed(from: String, to: String)
    /// `rename` to the id the case has.
    case renameSame(id: String)
    /// `rename` of a case with a refused save kept in memory.
    case renameWithKeptEdit(id: String)
    /// An approved case was edited: it is in review again.
    case backToReview(id: String)
    /// `review` starts past sections that already have a current verdict.
    case reviewStartsAt(label: String)
    /// Above the first flow in a walk: how a flow is written.
    case flowFormHint
    /// A flow names an actor the diagram does not have: add it?
    case addActorQuestion(name: String)
    /// A flow refused because an actor it names was not added.
    case flowActorMissing(name: String)
    /// A part of a label that several fields' labels hold.
    case ambiguousField(name: String, labels: [String])

    public var japanese: MessageText {
        switch self {
        case .pastedItems(let count, let paragraphs):
            paragraphs ? "  貼り付けた \(count) 段落を入れました。続けて入力するか、空行で終わります。"
                : "  貼り付けた \(count) 項目を入れました。続けて入力するか、空行で終わります。"
        case .joinBrokenLinesQuestion(let paragraphs):
            "  貼り付けた \(paragraphs) 段落に文の途中の改行があります。行を結合しますか？ [Y/n]"
        case .pastedIntoOneLine:
            "  この項目は一行です。貼り付けた改行を除きました。確かめて Enter を押してください。"
        case .multilineCommandRefused:
            "複数行の貼り付けはコマンドとして実行しません。コマンドは一行ずつ入力してください。"
        case .undoOnlyInShell: "undo はシェルの中で、そのシェルでの変更を元に戻します。"
        case .nothingToUndo: "元に戻す変更はありません（このシェルを起動してからの変更はすべて戻してあります）。"
        case .undoChangedSince(let id):
            "\(id) はこのシェルが保存した後に変更されています。元に戻しませんでした（何も変更していません）。"
        case .undidChange(let id, let title, let labels):
            labels.isEmpty ? "元に戻しました: \(title)（\(id)）" : "元に戻しました: \(title)（\(id)）の \(labels, separator: "、")"
        case .undidCreation(let id, let title): "新規作成を取り消しました: \(title)（\(id)）を削除しました。"
        case .undidDeletion(let id, let title): "削除を取り消しました: \(title)（\(id)）を戻しました。"
        case .duplicateTitle(let title, let ids): "注意: 事業名「\(title)」の事例は既にあります（\(ids, separator: "、")）。"
        case .idProposed: "  (事業名の読みから作った ID です。Enter で決定、書き換えもできます。)"
        case .renamed(let from, let to): "\(from) を \(to) に名前を変えました。"
        case .renameSame(let id): "\(id) は既にその ID です。何も変えていません。"
        case .renameWithKeptEdit(let id):
            "\(id) には保存できなかった編集が残っています。先に save --force か reload をしてから名前を変えてください。"
        case .backToReview(let id): "\(id) は承認済みでしたが、内容が変わったのでレビュー中に戻しました。"
        case .reviewStartsAt(let label): "判定済みのセクションを飛ばして、まだ判定のない【\(label)】から始めます（< で前へ戻れます）。"
        case .flowFormHint: "  (書き方: から → へ：内容　例: 町内会等 → 市：奨励金の申請。-> と : も使えます。Tab で登場者を補完)"
        case .addActorQuestion(let name): "  「\(name)」は登場者にありません。登場者に加えますか？ [y/N]"
        case .flowActorMissing(let name): "「\(name)」は登場者にありません。登場者の名前で書くか、加えてください"
        case .storeOptionInShell(let store):
            "シェルの中では --store は使えません。このシェルのストアは \(store) です。別のストアは casebook --store DIR で起動してください。"
        case .ambiguousField(let name, let labels):
            "「\(name)」に当たる項目が複数あります: \(labels, separator: "、")。どれか一つを指定してください。"
        }
    }

    public var english: MessageText {
        switch self {
        case .pastedItems(let count, let paragraphs):
            paragraphs ? "  Took \(count, "pasted paragraph", "pasted paragraphs"). Type more, or an empty line to finish."
                : "  Took \(count, "pasted item", "pasted items"). Type more, or an empty line to finish."
        case .joinBrokenLinesQuestion(let paragraphs):
            "  \(paragraphs, "pasted paragraph has", "pasted paragraphs have") line breaks in the middle of sentences. Join the lines? [Y/n]"
        case .pastedIntoOneLine:
            "  This field is one line: the pasted line breaks were removed. Check it and press Enter."
        case .multilineCommandRefused:
            "A paste of several lines is not run as commands. Type one command at a time."
        case .undoOnlyInShell: "undo works inside the shell, on the changes made in that shell."
        case .nothingToUndo: "Nothing to undo (every change since this shell started has been undone)."
        case .undoChangedSince(let id):
            "\(id) changed after this shell saved it: not undone (nothing was changed)."
        case .undidChange(let id, let title, let labels):
            labels.isEmpty ? "Undone: \(title) (\(id))" : "Undone: \(labels, separator: ", ") of \(title) (\(id))"
        case .undidCreation(let id, let title): "Undid the new case: \(title) (\(id)) removed."
        case .undidDeletion(let id, let title): "Undid the deletion: \(title) (\(id)) is back."
        case .duplicateTitle(let title, let ids): "Note: a case titled “\(title)” already exists (\(ids, separator: ", "))."
        case .idProposed: "  (An id made from the title's reading. Enter accepts it; you may edit it.)"
        case .renamed(let from, let to): "Renamed \(from) to \(to)."
        case .renameSame(let id): "\(id) already has that id: nothing changed."
        case .renameWithKeptEdit(let id):
            "\(id) has an edit that could not be saved: save --force or reload first, then rename."
        case .backToReview(let id): "\(id) was approved; its content changed, so it is in review again."
        case .reviewStartsAt(let label): "Skipping the sections already judged: starting at 【\(label)】, the first without a verdict (< goes back)."
        case .flowFormHint: "  (Write a flow as FROM → TO：WHAT, e.g. 町内会等 → 市：奨励金の申請; -> and : work too; Tab completes actors.)"
        case .addActorQuestion(let name): "  “\(name)” is not an actor of this diagram. Add it as an actor? [y/N]"
        case .flowActorMissing(let name): "“\(name)” is not an actor: use an actor's name, or add it"
        case .storeOptionInShell(let store):
            "--store cannot be used inside the shell, which works on \(store). Start casebook --store DIR for another store."
        case .ambiguousField(let name, let labels):
            "“\(name)” is part of several fields' labels: \(labels, separator: ", "). Name one of them."
        }
    }
}

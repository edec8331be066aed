/// What a guided walk and `--editor` say around the fields (SPEC §3.3).
public enum WalkMessage: BilingualMessage {
    /// The heading above a choice's numbered choices.
    case choicesHeader
    /// How to enter a list.
    case listHint
    /// How to enter a text.
    case textHint
    /// How existing items are edited.
    case editHint
    /// The part of the diagram prompt for actors.
    case diagramActors
    /// The part of the diagram prompt for flows.
    case diagramFlows
    /// The part of the diagram prompt for notes.
    case diagramNotes
    /// A value refused; `reason` is a message already rendered.
    case invalid(reason: MessageText)
    /// `.` ended the walk.
    case stopped(id: CaseID)
    /// Ctrl-C ended the walk.
    case interrupted(id: CaseID)
    /// Every field visited.
    case done(id: CaseID)
    /// The new case exists, from its title on.
    case created(id: CaseID)
    /// A new case could not be created; what was typed is kept in memory under its id.
    case newCaseKept(id: CaseID)
    /// `<` at the first field.
    case atFirstField
    /// What an era year accepts.
    case eraHint
    /// `$EDITOR` failed.
    case editorFailed
    /// No `$VISUAL` or `$EDITOR`.
    case editorNoEditor

    public var japanese: MessageText {
        switch self {
        case .choicesHeader: "選択肢（番号か値を入力。Tab で補完）:"
        case .listHint: "一行に一項目、空行で終わります。< で前の項目へ、. で中断。"
        case .textHint: "一行に一段落、空行で終わります。< で前の項目へ、. で中断。"
        case .editHint: "既存の項目を一つずつ表示します。Enter でそのまま、全部消して Enter で削除。続けて追加でき、空行で終わります。"
        case .diagramActors: "登場者"
        case .diagramFlows: "流れ（から → へ：内容）"
        case .diagramNotes: "メモ"
        case .invalid(let reason): "\(reason) もう一度入力してください。"
        case .stopped(let id): "中断しました。ここまでの入力は \(id.rawValue) に保存済みです。"
        case .interrupted(let id): "中断しました。入力済みの項目は \(id.rawValue) に保存済みです。"
        case .done(let id): "完了: \(id.rawValue) を保存しました。"
        case .created(let id): "\(id.rawValue) を下書きとして作成しました。"
        case .newCaseKept(let id): "入力した内容は \(id.rawValue) としてメモリに残っています。空きができたら save \(id.rawValue) で作成します（quit では確認してから破棄します）。"
        case .atFirstField: "最初の項目です。"
        case .eraHint: "例: 昭和60、H13、令和5、1985。空欄は不明"
        case .editorFailed: "エディタがエラーで終了しました。何も変更していません。"
        case .editorNoEditor: "--editor を使うには $VISUAL か $EDITOR を設定してください。"
        }
    }

    public var english: MessageText {
        switch self {
        case .choicesHeader: "Choices (type the number or the value; Tab completes):"
        case .listHint: "One item per line; an empty line finishes. < goes back, . stops."
        case .textHint: "One paragraph per line; an empty line finishes. < goes back, . stops."
        case .editHint: "Each item is on the line to edit: Enter keeps it, erase it all to remove it; then add new ones; an empty line finishes."
        case .diagramActors: "登場者"
        case .diagramFlows: "流れ（から → へ：内容）"
        case .diagramNotes: "メモ"
        case .invalid(let reason): "\(reason) Try again."
        case .stopped(let id): "Stopped; everything entered so far is saved in \(id.rawValue)."
        case .interrupted(let id): "Interrupted; the fields already entered are saved in \(id.rawValue)."
        case .done(let id): "Done: \(id.rawValue) saved."
        case .created(let id): "Created \(id.rawValue) as a draft."
        case .newCaseKept(let id): "What you typed is kept in memory as \(id.rawValue): save \(id.rawValue) creates it once there is room (quit asks before dropping it)."
        case .atFirstField: "This is the first field."
        case .eraHint: "e.g. 昭和60, H13, 令和5, 1985; empty = unknown"
        case .editorFailed: "The editor exited with an error; nothing changed."
        case .editorNoEditor: "Set $VISUAL or $EDITOR to use --editor."
        }
    }
}

/// The review walk and `approve` (SPEC §4).
public enum ReviewMessage: BilingualMessage {
    /// The line a review starts with.
    case header(id: CaseID, title: String)
    /// The answers the review prompt takes.
    case hint
    /// The prompt for a section.
    case prompt(section: String)
    /// The prompt for a flag's note.
    case notePrompt
    /// `flag` without a note.
    case noteRequired
    /// A note holding a control character, a direction mark or U+FFFD.
    case noteUnacceptableCharacter(code: String)
    /// An answer the prompt does not take.
    case unknownAnswer(typed: String)
    /// A section with no verdict.
    case stateNone
    /// A section with a current ok.
    case stateOk(by: String, on: String)
    /// An ok recorded.
    case recordedOk(section: String)
    /// A flag recorded.
    case recordedFlag(section: String)
    /// `<` at the first section.
    case atFirstSection
    /// `.` ended the review.
    case stopped
    /// The verdicts of a case, counted.
    case summary(id: CaseID, ok: Int, flagged: Int, open: Int)
    /// Every section ok: the case can be approved.
    case readyToApprove(id: CaseID)
    /// A case approved.
    case approveDone(id: CaseID, title: String)
    /// A case already approved.
    case approveAlready(id: CaseID)
    /// A case not ready; the sections follow.
    case approveRefused(id: CaseID)
    /// A section not reviewed.
    case approveMissing(section: String)
    /// A section flagged, with the note.
    case approveFlagged(section: String, note: String)
    /// A section changed since its review.
    case approveChanged(section: String)

    public var japanese: MessageText {
        switch self {
        case .header(let id, let title): "\(id.rawValue)「\(title)」をセクションごとにレビューします。"
        case .hint: "ok（問題なし）・flag 指摘内容・edit（編集）・skip（保留）・< 前へ・. 中断"
        case .prompt(let section): "レビュー \(section)"
        case .notePrompt: "指摘内容"
        case .noteRequired: "flag には指摘内容が必要です（flag 指摘内容）。"
        case .noteUnacceptableCharacter(let code): "指摘内容に \(code) は入れられません（\(FieldMessage.unacceptableCharacterKinds, in: .japanese)）。その文字を除いてもう一度入力してください。"
        case .unknownAnswer(let typed): "「\(typed)」は使えません。ok、flag 指摘内容、edit、skip、<、. のどれかを入力してください。"
        case .stateNone: "（未レビュー）"
        case .stateOk(let by, let on): "\(by) が \(on) に ok"
        case .recordedOk(let section): "\(section): ok としました。"
        case .recordedFlag(let section): "\(section): 指摘を記録しました。"
        case .atFirstSection: "最初のセクションです。"
        case .stopped: "レビューを中断しました。記録した判定は保存済みです。"
        case .summary(let id, let ok, let flagged, let open): "\(id.rawValue): ok \(ok)、指摘 \(flagged)、未レビュー \(open) セクション。"
        case .readyToApprove(let id): "すべてのセクションが ok です。`approve \(id.rawValue)` で承認できます。"
        case .approveDone(let id, let title): "\(id.rawValue)「\(title)」を承認しました。"
        case .approveAlready(let id): "\(id.rawValue) は承認済みです。"
        case .approveRefused(let id): "\(id.rawValue) はまだ承認できません。すべてのセクションに現在の ok が必要です。残り:"
        case .approveMissing(let section): "  \(section): 未レビュー"
        case .approveFlagged(let section, let note): "  \(section): 指摘あり — \(note)"
        case .approveChanged(let section): "  \(section): レビュー後に変更あり"
        }
    }

    public var english: MessageText {
        switch self {
        case .header(let id, let title): "Reviewing \(id.rawValue) “\(title)”, one section at a time."
        case .hint: "ok · flag NOTE · edit · skip · < back · . stop"
        case .prompt(let section): "review \(section)"
        case .notePrompt: "what is wrong"
        case .noteRequired: "A flag needs a note saying what is wrong (flag NOTE)."
        case .noteUnacceptableCharacter(let code): "A note cannot hold \(code) (\(FieldMessage.unacceptableCharacterKinds, in: .english)). Give it again without it."
        case .unknownAnswer(let typed): "“\(typed)” is not an answer here. Answer ok, flag NOTE, edit, skip, < or ."
        case .stateNone: "(not reviewed yet)"
        case .stateOk(let by, let on): "ok by \(by) on \(on)"
        case .recordedOk(let section): "\(section): ok."
        case .recordedFlag(let section): "\(section): flagged."
        case .atFirstSection: "This is the first section."
        case .stopped: "Review stopped; the verdicts given are saved."
        case .summary(let id, let ok, let flagged, let open): "\(id.rawValue): \(ok, "section", "sections") ok, \(flagged) flagged, \(open) not reviewed."
        case .readyToApprove(let id): "Every section is ok: `approve \(id.rawValue)` approves the case."
        case .approveDone(let id, let title): "\(id.rawValue) “\(title)” is approved."
        case .approveAlready(let id): "\(id.rawValue) is already approved."
        case .approveRefused(let id): "\(id.rawValue) cannot be approved yet; every section needs a current ok. Still to do:"
        case .approveMissing(let section): "  \(section): not reviewed"
        case .approveFlagged(let section, let note): "  \(section): flagged — \(note)"
        case .approveChanged(let section): "  \(section): changed since review"
        }
    }
}

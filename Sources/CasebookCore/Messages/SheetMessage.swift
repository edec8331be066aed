/// The few words around a sheet that are not labels: its status, its flags, a section's review
/// state as `show` and `list` print them (SPEC §3.5, §4).
public enum SheetMessage: BilingualMessage {
    /// A status by name.
    case status(SheetStatus)
    /// How many sections are flagged.
    case flags(count: Int)
    /// A section flagged in review.
    case flagged(by: String, on: String, note: String)
    /// A section changed after its review.
    case changedSinceReview(by: String, on: String)

    public var japanese: MessageText {
        switch self {
        case .status(.draft): "下書き"
        case .status(.review): "レビュー中"
        case .status(.approved): "承認済み"
        case .flags(let count): "指摘 \(count) 件"
        case .flagged(let by, let on, let note): "\(by) が \(on) に指摘: \(note)"
        case .changedSinceReview(let by, let on): "\(by) による \(on) のレビュー後に変更あり"
        }
    }

    public var english: MessageText {
        switch self {
        case .status(.draft): "draft"
        case .status(.review): "review"
        case .status(.approved): "approved"
        case .flags(let count): "\(count) flagged"
        case .flagged(let by, let on, let note): "flagged by \(by) on \(on): \(note)"
        case .changedSinceReview(let by, let on): "changed since review by \(by) on \(on)"
        }
    }
}

/// What `list` and `find` say besides their rows (SPEC §3.2, §3.4).
public enum ListMessage: BilingualMessage {
    /// The heading of the status column.
    case statusHeader
    /// No case passed the filters.
    case noCases
    /// How many cases were listed.
    case count(Int)
    /// Nothing matched the query.
    case noMatch(query: String)
    /// How many passages matched, in how many cases.
    case matchCount(matches: Int, cases: Int)

    public var japanese: MessageText {
        switch self {
        case .statusHeader: "状態"
        case .noCases: "事例はありません。"
        case .count(let count): "\(count) 件"
        case .noMatch(let query): "「\(query)」に一致するものはありません。"
        case .matchCount(let matches, let cases): "\(cases) 件の事例で \(matches) か所一致"
        }
    }

    public var english: MessageText {
        switch self {
        case .statusHeader: "status"
        case .noCases: "No cases."
        case .count(let count): "\(count, "case", "cases")"
        case .noMatch(let query): "Nothing matches “\(query)”."
        case .matchCount(let matches, let cases): "\(matches) matches in \(cases) cases"
        }
    }
}

/// The commit message casebook writes when `commit` is given no `-m` (SPEC §5), e.g.
/// `新規: ちょっと暮らしサポート事業; 更新: 資源集団回収（協働の成果, 役割（市））; 削除: …`.
public enum CommitMessage {
    /// An added or deleted case: its id and title.
    public struct Named: Sendable, Equatable {
        public var id: String
        public var title: String
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// A changed case: its id, its title and the labels of what changed in it.
    public struct Changed: Sendable, Equatable {
        public var id: String
        public var title: String
        public var labels: [String]
        public init(id: String, title: String, labels: [String]) {
            self.id = id
            self.title = title
            self.labels = labels
        }
    }

    /// A case given another id: its title, and the ids before and after.
    public struct Renamed: Sendable, Equatable {
        public var title: String
        public var from: String
        public var to: String
        public init(title: String, from: String, to: String) {
            self.title = title
            self.from = from
            self.to = to
        }
    }

    /// How many cases of one kind the first line names; the rest are counted there (`ほか 1,990 件`)
    /// and listed below it, one a line with its id (two cases may share a title), so that
    /// `git log --oneline` stays readable after a change to every case.
    public static let namedOnTheFirstLine = 10

    /// The message for these changes; `fallback` when no case changed (another file in the store did).
    public static func make(added: [Named], changed: [Changed], renamed: [Renamed] = [], deleted: [Named],
                            fallback: String = "ストアを更新") -> String {
        let kinds: [(heading: String, items: [(id: String, text: String)])] = [
            ("新規", added.map { ($0.id, oneLine($0.title)) }),
            ("ID変更", renamed.map { ($0.to, "\(oneLine($0.title))（\($0.from) → \($0.to)）") }),
            ("更新", changed.map { change in
                (change.id, change.labels.isEmpty ? oneLine(change.title) : "\(oneLine(change.title))（\(change.labels.joined(separator: ", "))）")
            }),
            ("削除", deleted.map { ($0.id, oneLine($0.title)) }),
        ].filter { !$0.items.isEmpty }
        guard !kinds.isEmpty else { return fallback }
        let firstLine = kinds.map { kind in
            let named = kind.items.prefix(namedOnTheFirstLine).map(\.text).joined(separator: ", ")
            let others = kind.items.count - namedOnTheFirstLine
            return "\(kind.heading): " + named + (others > 0 ? " ほか \(others) 件" : "")
        }.joined(separator: "; ")
        guard kinds.contains(where: { $0.items.count > namedOnTheFirstLine }) else { return firstLine }
        let everyCase = kinds.flatMap { kind in kind.items.map { "\(kind.heading) \($0.id): \($0.text)" } }
        return firstLine + "\n\n" + everyCase.joined(separator: "\n")
    }

    /// The first line of a commit message: what is said of a commit once it is made (a message
    /// typed with `-m` on several lines, or one of ours listing every case below it).
    public static func firstLine(of message: String) -> String {
        String(message.prefix { !$0.isNewline })
    }

    /// A title on one line, never empty, with controls and bidirectional overrides made visible
    /// (SPEC §7): the message reaches `git log` on other people's terminals, and a title is data.
    private static func oneLine(_ title: String) -> String {
        let flat = title.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
        return flat.isEmpty ? "（事業名なし）" : TerminalSafeText.make(flat)
    }
}

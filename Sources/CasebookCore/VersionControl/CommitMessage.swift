/// The commit message casebook writes when `commit` is given no `-m` (SPEC §5), e.g.
/// `新規: ちょっと暮らしサポート事業; 更新: 資源集団回収（協働の成果, 役割（市））; 削除: …`.
public enum CommitMessage {
    /// A changed case: its title and the labels of what changed in it.
    public struct Changed: Sendable, Equatable {
        public var title: String
        public var labels: [String]
        public init(title: String, labels: [String]) {
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

    /// The message for these changes; `fallback` when no case changed (another file in the store did).
    public static func make(added: [String], changed: [Changed], renamed: [Renamed] = [], deleted: [String],
                            fallback: String = "ストアを更新") -> String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("新規: " + added.map(oneLine).joined(separator: ", ")) }
        if !renamed.isEmpty {
            parts.append("ID変更: " + renamed.map { "\(oneLine($0.title))（\($0.from) → \($0.to)）" }.joined(separator: ", "))
        }
        if !changed.isEmpty {
            parts.append("更新: " + changed.map { change in
                change.labels.isEmpty ? oneLine(change.title) : "\(oneLine(change.title))（\(change.labels.joined(separator: ", "))）"
            }.joined(separator: ", "))
        }
        if !deleted.isEmpty { parts.append("削除: " + deleted.map(oneLine).joined(separator: ", ")) }
        return parts.isEmpty ? fallback : parts.joined(separator: "; ")
    }

    /// A title on one line, never empty, with controls and bidirectional overrides made visible
    /// (SPEC §7): the message reaches `git log` on other people's terminals, and a title is data.
    private static func oneLine(_ title: String) -> String {
        let flat = title.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
        return flat.isEmpty ? "（事業名なし）" : TerminalSafeText.make(flat)
    }
}

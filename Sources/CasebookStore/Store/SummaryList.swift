import CasebookCore

/// The summaries of every case at one moment, in store order: a value another thread may read
/// (the shell prepares its completions from one while the prompt waits). Summaries read from the
/// index are made only when asked for, one column at a time where that is all that is needed.
public struct SummaryList: Sendable {
    let entries: [(id: CaseID, entry: StoreIndex.Entry)]

    /// How many cases.
    public var count: Int { entries.count }

    /// The ids, in store order.
    public var ids: [CaseID] { entries.map(\.id) }

    /// Each case's content hash (the `Checksum` of its file's bytes as the index last read them), in store order.
    public var contentHashes: [UInt64] { entries.map(\.entry.contentHash) }

    /// Each case's 事業名, in store order.
    public var titles: [String] { entries.map(\.entry.title) }

    /// Each case's 事業名 in search form, in store order.
    public var normalizedTitles: [String] { entries.map(\.entry.normalizedTitle) }

    /// The departments (担当課) named in the store, each once, in store order.
    public var departments: [String] {
        var seen = Set<String>()
        var values: [String] = []
        for (_, entry) in entries {
            for department in entry.departments where !department.isEmpty && seen.insert(department).inserted {
                values.append(department)
            }
        }
        return values
    }

    /// Each case's summary, in store order.
    public var summaries: [(id: CaseID, summary: CaseSummary)] {
        compactMap { ($0, $1) }
    }

    /// `transform` of each case and its summary, in store order, leaving out the cases it gives
    /// `nil` for: made on every core, each summary as it is needed.
    public func compactMap<T: Sendable>(_ transform: @escaping @Sendable (CaseID, CaseSummary) -> T?) -> [T] {
        let entries = entries
        return Parallel.map(entries.count) { transform(entries[$0].id, entries[$0].entry.summary) }.compactMap { $0 }
    }
}
